using System.Text;
using Continuity.Analysis;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Checks;

/// <summary>CT2xx: the recovery objectives hold through the whole dependency chain — achievable
/// RTO and RPO, RTOs that shrink towards what is needed first, vendors' contractual RTOs,
/// restore estimates, loops, orphans and dangling references.</summary>
internal static class DependencyChecks
{
    public static void Run(CheckRun run)
    {
        var functions = run.Snapshot.NodesOf(NodeKind.Function);
        for (var f = functions.Start.Value; f < functions.End.Value; f++)
        {
            AchievableRto(run, f);
            AchievableRpo(run, f);
        }
        DependencyRtos(run);
        RestoreEstimates(run);
        Loops(run);
        Orphans(run);
        Dangling(run);
    }

    private static void AchievableRto(CheckRun run, int f)
    {
        var rto = run.Snapshot.RtoMinutes[f];
        if (rto < 0)
        {
            return;
        }
        var spec = run.Documents[f]?.Spec as BusinessFunctionSpec;
        var location = run.At(spec?.Objectives, "rto") ?? run.AtElement(f);
        var achievable = run.WorstCase.Minutes[f];
        if (achievable == RecoveryTimes.Never)
        {
            run.Report(CheckCatalogue.RtoNotAchievable, f,
                $"{run.Subject(f)} can never be recovered: it waits on a dependency loop (see CT206), so its RTO of {CheckRun.Minutes(rto)} cannot be met.",
                location, CheckCatalogue.DependencyLoop.Fix);
            return;
        }
        if (achievable <= rto)
        {
            return;
        }
        var chain = run.Text();
        var unknown = false;
        for (var node = f; node >= 0; node = run.WorstCase.Via[node])
        {
            if (node != f)
            {
                chain.Append(" ← ");
            }
            chain.Append(run.Name(node));
            var restore = run.Graph.RestoreMinutes[node];
            if (!run.Snapshot.RestoreKnown[node])
            {
                chain.Append(run.Snapshot.Kinds[node] == NodeKind.Vendor ? " (no contractual RTO)" : " (no restore estimate)");
                unknown = true;
            }
            else if (restore > 0 || (node != f && run.Snapshot.Kinds[node] is NodeKind.System or NodeKind.Vendor))
            {
                // A stated 0m is shown: it is a value (automatic failover), not a gap.
                chain.Append(" (").Append(CheckRun.Minutes(restore)).Append(')');
            }
        }
        var note = unknown ? " What has no estimate counts as instant, so it may be worse." : "";
        run.Report(CheckCatalogue.RtoNotAchievable, f,
            $"{run.Subject(f)} can be back after {CheckRun.Minutes(achievable)} at best, {CheckRun.Minutes(achievable - rto)} later than its RTO of {CheckRun.Minutes(rto)}. Critical path: {chain}.{note}",
            location);
    }

    private static void AchievableRpo(CheckRun run, int f)
    {
        var rpo = run.Snapshot.RpoMinutes[f];
        var loss = run.RecoveryPoint[f];
        if (rpo < 0 || loss == AchievableRecoveryPoint.None || loss <= rpo)
        {
            return;
        }
        var chain = run.Text().Append(run.Name(f));
        var store = f;
        for (var guard = 0; run.RecoveryPointVia[store] >= 0 && guard <= run.NodeCount; guard++)
        {
            store = run.RecoveryPointVia[store];
            chain.Append(" ← ").Append(run.Name(store));
        }
        var spec = run.Documents[f]?.Spec as BusinessFunctionSpec;
        var location = run.At(spec?.Objectives, "rpo") ?? run.AtElement(f);
        var message = loss == AchievableRecoveryPoint.Unbounded
            ? $"{run.Subject(f)} has an RPO of {CheckRun.Minutes(rpo)}, but {run.Describe(store)}, which it requires, has no backup policy: all of its data can be lost. Chain: {chain}."
            : $"{run.Subject(f)} can lose up to {CheckRun.Minutes(loss)} of data, more than its RPO of {CheckRun.Minutes(rpo)}: the recovery point of {run.Describe(store)} (backup interval plus replication lag) decides it. Chain: {chain}.";
        run.Report(CheckCatalogue.RpoNotAchievable, f, message, location,
            loss == AchievableRecoveryPoint.Unbounded ? CheckCatalogue.NoBackupPolicy.Fix : null);
    }

    /// <summary>CT203 and CT204: for each required group of a node with an RTO, the best member
    /// (the one that can be back first by its own objective) must not have a longer RTO. One
    /// finding per dependency, listing what it holds back.</summary>
    private static void DependencyRtos(CheckRun run)
    {
        var snapshot = run.Snapshot;
        var graph = run.Graph;
        var heldBack = new List<int>?[run.NodeCount];
        for (var node = 0; node < run.NodeCount; node++)
        {
            var rto = snapshot.RtoMinutes[node];
            if (rto < 0)
            {
                continue;
            }
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (!graph.GroupKinds[g].TakesDown())
                {
                    continue;
                }
                var best = int.MaxValue;
                var bestMember = -1;
                foreach (var member in graph.MembersOf(g))
                {
                    var objective = Objective(snapshot, member);
                    if (objective < 0)
                    {
                        bestMember = -1;
                        break;
                    }
                    if (objective < best)
                    {
                        best = objective;
                        bestMember = member;
                    }
                }
                if (bestMember >= 0 && best > rto)
                {
                    (heldBack[bestMember] ??= []).Add(node);
                }
            }
        }
        void Dependent(StringBuilder text, int node) =>
            text.Append(CheckRun.KindWord(snapshot.Kinds[node])).Append(' ').Append(snapshot.Names[node])
                .Append(" (RTO ").Append(CheckRun.Minutes(snapshot.RtoMinutes[node])).Append(')');
        var dependent = (Action<StringBuilder, int>)Dependent;
        for (var dependency = 0; dependency < run.NodeCount; dependency++)
        {
            if (heldBack[dependency] is not { } dependents)
            {
                continue;
            }
            var listed = run.Listed(dependents, dependents.Count, dependent);
            var objective = CheckRun.Minutes(Objective(snapshot, dependency));
            if (snapshot.Kinds[dependency] == NodeKind.Vendor)
            {
                run.Report(CheckCatalogue.VendorRtoLonger, dependency,
                    $"{run.Subject(dependency)} commits to restoring service within {objective}, longer than the RTO of what requires it: {listed}.",
                    run.At(run.Documents[dependency]?.Spec, "contractualRto") ?? run.AtElement(dependency));
            }
            else
            {
                run.Report(CheckCatalogue.DependencyRtoLonger, dependency,
                    $"{run.Subject(dependency)} has an RTO of {objective}, longer than the RTO of what requires it: {listed}.",
                    RtoLocation(run, dependency));
            }
        }
    }

    /// <summary>The recovery time a node promises: its RTO, a vendor's contractual RTO; -1 when none.</summary>
    private static int Objective(PlanSnapshot snapshot, int node) =>
        snapshot.Kinds[node] == NodeKind.Vendor ? snapshot.ContractualRtoMinutes[node] : snapshot.RtoMinutes[node];

    private static SourceLocation? RtoLocation(CheckRun run, int node) => run.Documents[node]?.Spec switch
    {
        BusinessFunctionSpec { Objectives: { } objectives } => run.At(objectives, "rto"),
        SystemSpec { Objectives: { } objectives } => run.At(objectives, "rto"),
        _ => null,
    } ?? run.AtElement(node);

    private static void RestoreEstimates(CheckRun run)
    {
        var systems = run.Snapshot.NodesOf(NodeKind.System);
        for (var s = systems.Start.Value; s < systems.End.Value; s++)
        {
            // A system its vendor restores has the vendor's contractual RTO as its restore time:
            // when that is missing, CT502 asks the vendor for it, not the system for an estimate.
            if (run.Critical[s] && !run.Snapshot.RestoreKnown[s] && run.Documents[s]?.Spec is not SystemSpec { Restore.ByVendor: true })
            {
                run.Report(CheckCatalogue.NoRestoreEstimate, s,
                    $"{run.Subject(s)} is needed by critical functions but has no restore estimate, so the achievable RTOs through it count its restore as instant.",
                    run.AtElement(s));
            }
        }
    }

    private static void Loops(CheckRun run)
    {
        if (run.Order.LoopCount == 0)
        {
            return;
        }
        foreach (var cycle in Cycles.Find(run.Graph.ToDigraph(requiredOnly: true)))
        {
            var path = string.Join(" → ", cycle.Select(run.Name));
            var message = cycle.Length == 2
                ? $"{run.Subject(cycle[0])} requires itself."
                : $"Dependency loop: {path}. Once all of it is down none of it can be recovered, nor what requires it without another way.";
            run.Report(CheckCatalogue.DependencyLoop, cycle[0], message, EdgeLocation(run, cycle[0], cycle[1]));
        }
    }

    /// <summary>Where the plan says that <paramref name="from"/> requires <paramref name="to"/>.</summary>
    internal static SourceLocation? EdgeLocation(CheckRun run, int from, int to)
    {
        var graph = run.Graph;
        for (var g = graph.GroupStart[from]; g < graph.GroupStart[from + 1]; g++)
        {
            if (graph.GroupKinds[g].TakesDown() && graph.MembersOf(g).Contains(to))
            {
                return GroupLocation(run, from, g) ?? run.AtElement(from);
            }
        }
        return run.AtElement(from);
    }

    /// <summary>Where the plan states requirement group <paramref name="g"/> of <paramref name="owner"/>
    /// (its dependsOn entry, vendor, hosting sites or within), or null.</summary>
    internal static SourceLocation? GroupLocation(CheckRun run, int owner, int g)
    {
        var spec = run.Documents[owner]?.Spec;
        return run.Snapshot.GroupOrigins[g] switch
        {
            GroupOrigin.DependsOn when spec is not null && run.Snapshot.GroupDependsOnIndex[g] is >= 0 and var entry
                && PlanValidator.DependenciesOf(spec).ElementAtOrDefault(entry) is { } dependency => run.At(dependency),
            GroupOrigin.Vendor or GroupOrigin.SiteVendor => run.At(spec, "vendor"),
            GroupOrigin.Hosting => run.At((spec as SystemSpec)?.Hosting, "sites"),
            GroupOrigin.Within => run.At(spec, "within"),
            _ => null,
        };
    }

    /// <summary>CT207: systems and vendors that no business function needs, directly or through others.</summary>
    private static void Orphans(CheckRun run)
    {
        var graph = run.Graph;
        var needed = new bool[run.NodeCount];
        var queue = new int[run.NodeCount];
        var tail = 0;
        var functions = run.Snapshot.NodesOf(NodeKind.Function);
        for (var f = functions.Start.Value; f < functions.End.Value; f++)
        {
            needed[f] = true;
            queue[tail++] = f;
        }
        for (var head = 0; head < tail; head++)
        {
            var node = queue[head];
            foreach (var member in graph.Members[graph.MemberStart[graph.GroupStart[node]]..graph.MemberStart[graph.GroupStart[node + 1]]])
            {
                if (!needed[member])
                {
                    needed[member] = true;
                    queue[tail++] = member;
                }
            }
        }
        foreach (var kind in (ReadOnlySpan<NodeKind>)[NodeKind.System, NodeKind.Vendor])
        {
            var range = run.Snapshot.NodesOf(kind);
            for (var n = range.Start.Value; n < range.End.Value; n++)
            {
                if (!needed[n])
                {
                    run.Report(CheckCatalogue.Orphan, n,
                        $"No business function needs {run.Describe(n)}, directly or through other elements.", run.AtElement(n));
                }
            }
        }
    }

    private static void Dangling(CheckRun run)
    {
        foreach (var reference in run.Snapshot.Unresolved)
        {
            var document = run.Snapshot.IndexOf(reference.From) is >= 0 and var node ? run.Documents[node] : run.DocumentById(reference.From);
            run.Report(CheckCatalogue.DanglingReference, reference.From,
                $"{reference.From} refers to {reference.Target} in {reference.Property}, which is not in the plan.",
                run.AtElement(document));
        }
    }
}
