using System.Numerics;
using Continuity.Analysis;
using Continuity.Impact;
using Continuity.PlanFiles;

namespace Continuity.Checks;

/// <summary>CT1xx: every critical function has an owner, a team, approved MTPD/RTO/RPO that are
/// consistent with each other and with its impact analysis, and a procedure that recovers it for
/// each scenario that takes it down; no procedure is without steps; and every function meets its
/// RTO in each scenario (<see cref="DisruptionChecks"/>).</summary>
internal static class ObjectiveChecks
{
    public static void Run(CheckRun run)
    {
        var approvers = Approvers(run);
        var scales = run.Organisation.Impact;
        var functions = run.Snapshot.NodesOf(NodeKind.Function);
        for (var f = functions.Start.Value; f < functions.End.Value; f++)
        {
            if (run.Documents[f] is not { Spec: BusinessFunctionSpec spec } document)
            {
                continue;
            }
            var critical = run.IsCriticalTier(f);
            if (critical)
            {
                Ownership(run, f, document, spec);
                CompleteBia(run, f, spec, scales);
            }
            if (spec.Objectives is { } objectives)
            {
                Approval(run, f, objectives, approvers);
                Consistency(run, f, spec, objectives, scales);
            }
        }
        ScenarioProcedures(run);
        EmptyProcedures(run);
        DisruptionChecks.Run(run);
    }

    /// <summary>CT111: a procedure written down before its steps are.</summary>
    private static void EmptyProcedures(CheckRun run)
    {
        foreach (var procedure in run.Procedures)
        {
            var spec = (ProcedureSpec)procedure.Spec;
            if (spec.Steps.Count > 0)
            {
                continue;
            }
            var scenarios = spec.Scenarios.Count == 0 ? ""
                : $", yet it is the procedure for {(spec.Scenarios.Count == 1 ? "scenario" : "scenarios")} {string.Join(", ", spec.Scenarios.Select(s => s.Name))}";
            run.Report(CheckCatalogue.ProcedureWithoutSteps, CheckRun.IdOf(procedure),
                $"Procedure {procedure.Name} has no steps{scenarios}.", run.AtElement(procedure));
        }
    }

    private static void Ownership(CheckRun run, int f, PlanDocument document, BusinessFunctionSpec spec)
    {
        var tier = run.Snapshot.Tiers[f];
        if (document.Metadata.Owner is null)
        {
            run.Report(CheckCatalogue.FunctionWithoutOwner, f, $"Tier-{tier} {run.Describe(f)} has no owner.", run.AtElement(document));
        }
        if (spec.Team is null)
        {
            run.Report(CheckCatalogue.FunctionWithoutTeam, f, $"Tier-{tier} {run.Describe(f)} belongs to no team, so it is in no team plan.", run.AtElement(document));
        }
        var objectives = spec.Objectives;
        var missing = new List<string>(3);
        if (objectives?.Mtpd is null)
        {
            missing.Add("MTPD");
        }
        if (objectives?.Rto is null)
        {
            missing.Add("RTO");
        }
        if (objectives?.Rpo is null)
        {
            missing.Add("RPO");
        }
        if (missing.Count > 0)
        {
            run.Report(CheckCatalogue.FunctionWithoutObjectives, f,
                $"Tier-{tier} {run.Describe(f)} has no {string.Join(", ", missing)}.",
                objectives is null ? run.AtElement(document) : run.At(spec, "objectives"));
        }
    }

    private static void Approval(CheckRun run, int f, RecoveryObjectives objectives, HashSet<string> approvers)
    {
        if (objectives.Mtpd is null && objectives.Rto is null && objectives.Rpo is null)
        {
            return;
        }
        var signed = objectives.Signed;
        var approved = objectives.Approved;
        if (signed is null && approved is null)
        {
            run.Report(CheckCatalogue.ObjectivesNotApproved, f,
                $"The recovery objectives of {run.Describe(f)} ({Objectives(objectives.Mtpd, objectives.Rto, objectives.Rpo)}) have never been approved by management.",
                run.At(objectives, "rto"));
            return;
        }

        // A signature in Continuity is the approval that counts; otherwise the one in the files.
        var (acceptedMtpd, acceptedRto, acceptedRpo, by, on) = signed is not null
            ? (signed.Mtpd, signed.Rto, signed.Rpo, signed.By ?? "someone", signed.On)
            : (approved!.Mtpd, approved.Rto, approved.Rpo, approved.By?.Name ?? "someone", approved.On);
        var changes = new List<string>(3);
        string? firstKey = null;
        void Compare(string label, string key, Duration? current, Duration? accepted)
        {
            if (current != accepted)
            {
                changes.Add($"{label} {Show(current)} (approved {Show(accepted)})");
                firstKey ??= key;
            }
        }
        Compare("MTPD", "mtpd", objectives.Mtpd, acceptedMtpd);
        Compare("RTO", "rto", objectives.Rto, acceptedRto);
        Compare("RPO", "rpo", objectives.Rpo, acceptedRpo);
        if (changes.Count > 0)
        {
            run.Report(CheckCatalogue.ObjectivesChangedSinceApproval, f,
                $"The objectives of {run.Describe(f)} changed after {by} approved them{(signed is not null ? " in Continuity" : "")} on {on:yyyy-MM-dd}: {string.Join("; ", changes)}. They are unapproved until approved again.",
                run.At(objectives, firstKey!));
        }
        if (signed is not null)
        {
            return;                         // signed by a user with the approver access role
        }
        if (approved!.By is { } approver && !approvers.Contains(approver.Name))
        {
            run.Report(CheckCatalogue.ApproverCannotApprove, f,
                $"The objectives of {run.Describe(f)} were approved by {approver.Name}, who holds no role that can approve plans.",
                run.At(approved, "by"));
        }
    }

    private static void Consistency(CheckRun run, int f, BusinessFunctionSpec spec, RecoveryObjectives objectives, ImpactScales scales)
    {
        if (objectives is { Rto: { } rto, Mtpd: { } mtpd } && rto >= mtpd)
        {
            run.Report(CheckCatalogue.RtoNotShorterThanMtpd, f,
                $"{run.Subject(f)} has an RTO of {CheckRun.Minutes(rto.Minutes)} but an MTPD of {CheckRun.Minutes(mtpd.Minutes)}: recovery is planned to finish after the business can no longer bear the disruption.",
                run.At(objectives, "rto"));
        }
        if (objectives.Mtpd is { } tolerable && BiaRules.FirstIntolerable(spec, scales) is { } intolerable && tolerable > intolerable.At)
        {
            run.Report(CheckCatalogue.MtpdBeyondBia, f,
                $"{run.Subject(f)} has an MTPD of {CheckRun.Minutes(tolerable.Minutes)}, but its impact analysis rates {intolerable.Category} {intolerable.Rating.ToString().ToLowerInvariant()} already at {CheckRun.Minutes(intolerable.At.Minutes)}.",
                run.At(objectives, "mtpd"));
        }
    }

    private static void CompleteBia(CheckRun run, int f, BusinessFunctionSpec spec, ImpactScales scales)
    {
        var missing = 0;
        var missingCategories = new List<string>();
        foreach (var category in scales.Categories)
        {
            if (!spec.Impact.TryGetValue(category, out var ratings))
            {
                missing += scales.TimePoints.Count;
                missingCategories.Add(category);
                continue;
            }
            foreach (var point in scales.TimePoints)
            {
                if (!ratings.ContainsKey(point))
                {
                    missing++;
                    if (missingCategories.Count == 0 || missingCategories[^1] != category)
                    {
                        missingCategories.Add(category);
                    }
                }
            }
        }
        if (missing == 0)
        {
            return;
        }
        var cells = scales.Categories.Count * scales.TimePoints.Count;
        var message = spec.Impact.Count == 0
            ? $"Tier-{run.Snapshot.Tiers[f]} {run.Describe(f)} has no impact analysis: none of the {cells} ratings ({scales.Categories.Count} categories × {scales.TimePoints.Count} time points) is given."
            : $"The impact analysis of tier-{run.Snapshot.Tiers[f]} {run.Describe(f)} misses {missing} of {cells} ratings (in {string.Join(", ", missingCategories)}).";
        run.Report(CheckCatalogue.IncompleteBia, f, message, spec.Impact.Count == 0 ? run.AtElement(f) : run.At(spec, "impact"));
    }

    /// <summary>CT110 and CT112: a critical function a scenario takes down needs a procedure for
    /// that scenario that recovers it (lists it in <c>recovers</c>). With no procedure for the
    /// scenario at all that is CT110; with procedures of which none recovers it, CT112. The
    /// scenarios are evaluated 64 at a time in one pass over the dependency order, each as one bit
    /// of a mask: a node is down in a scenario when the scenario fails it or one of its required
    /// groups has every member down (the semantics of <see cref="AchievableRecovery.AfterFailure"/>).</summary>
    private static void ScenarioProcedures(CheckRun run)
    {
        if (run.Scenarios.Count == 0 || run.CriticalFunctions.Length == 0)
        {
            return;
        }
        var procedures = new Dictionary<string, List<PlanDocument>>(StringComparer.Ordinal);
        foreach (var procedure in run.Procedures)
        {
            foreach (var scenario in ((ProcedureSpec)procedure.Spec).Scenarios.Select(s => s.Name).Distinct(StringComparer.Ordinal))
            {
                (procedures.TryGetValue(scenario, out var list) ? list : procedures[scenario] = []).Add(procedure);
            }
        }
        var scenarios = new List<(PlanDocument Scenario, List<int> Fails)>();
        foreach (var scenario in run.Scenarios)
        {
            var failed = new List<int>();
            foreach (var reference in ((ScenarioSpec)scenario.Spec).Fails)
            {
                if (run.NodeOf(reference) is >= 0 and var node)
                {
                    failed.Add(node);
                }
            }
            if (failed.Count > 0)
            {
                scenarios.Add((scenario, failed));
            }
        }

        var graph = run.Graph;
        var down = new ulong[run.NodeCount];
        for (var batch = 0; batch < scenarios.Count; batch += 64)
        {
            var count = Math.Min(64, scenarios.Count - batch);
            Array.Clear(down);
            for (var i = 0; i < count; i++)
            {
                foreach (var node in scenarios[batch + i].Fails)
                {
                    down[node] |= 1UL << i;
                }
            }
            // A loop's nodes are repeated until no mask changes: each pass only adds bits.
            run.Order.Settle(node => Propagate(graph, down, node));
            foreach (var f in run.CriticalFunctions)
            {
                for (var mask = down[f]; mask != 0; mask &= mask - 1)
                {
                    var scenario = scenarios[batch + BitOperations.TrailingZeroCount(mask)].Scenario;
                    Coverage(run, f, scenario, procedures.GetValueOrDefault(scenario.Name));
                }
            }
        }
    }

    private static void Coverage(CheckRun run, int f, PlanDocument scenario, List<PlanDocument>? procedures)
    {
        var function = run.Name(f);
        if (procedures is null)
        {
            run.Report(CheckCatalogue.ScenarioWithoutProcedure, f,
                $"Scenario {scenario.Name} takes tier-{run.Snapshot.Tiers[f]} {run.Describe(f)} down, and no procedure is written for it.",
                run.AtElement(scenario),
                $"Write a procedure with 'scenarios: [{scenario.Name}]' that recovers {function} ('recovers: [function:{function}]').");
            return;
        }
        foreach (var procedure in procedures)
        {
            foreach (var recovered in ((ProcedureSpec)procedure.Spec).Recovers)
            {
                if (string.Equals(recovered.Name, function, StringComparison.Ordinal))
                {
                    return;
                }
            }
        }
        var names = string.Join(", ", procedures.Select(p => p.Name));
        var hint = procedures.Count == 1
            ? $"If procedure {names} recovers {function}, add function:{function} to its 'recovers'; otherwise extend it (or write another procedure for scenario {scenario.Name}) with the steps that do."
            : $"Add function:{function} to 'recovers' of the procedure among {names} that recovers it, or extend one of them (or write another procedure for scenario {scenario.Name}) with the steps that do.";
        run.Report(CheckCatalogue.ScenarioFunctionNotRecovered, f,
            $"Scenario {scenario.Name} takes tier-{run.Snapshot.Tiers[f]} {run.Describe(f)} down, and none of its procedures ({names}) recovers it.",
            run.AtElement(scenario), hint);
    }

    /// <summary>A node is down in every scenario that takes down all members of one of its groups
    /// that take it down; true when its mask changed.</summary>
    private static bool Propagate(RecoveryGraph graph, ulong[] down, int node)
    {
        var mask = down[node];
        for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
        {
            if (!graph.GroupKinds[g].TakesDown())
            {
                continue;
            }
            var all = ulong.MaxValue;
            foreach (var member in graph.MembersOf(g))
            {
                all &= down[member];
            }
            mask |= all;
        }
        var changed = mask != down[node];
        down[node] = mask;
        return changed;
    }

    /// <summary>People who hold a role that can approve plans.</summary>
    private static HashSet<string> Approvers(CheckRun run)
    {
        var approvers = new HashSet<string>(StringComparer.Ordinal);
        var roles = run.Snapshot.NodesOf(NodeKind.Role);
        for (var r = roles.Start.Value; r < roles.End.Value; r++)
        {
            if (run.Documents[r]?.Spec is RoleSpec { CanApprovePlans: true } role)
            {
                foreach (var assignment in role.Assignments)
                {
                    foreach (var holder in assignment.Holders)
                    {
                        approvers.Add(holder.Name);
                    }
                }
            }
        }
        return approvers;
    }

    private static string Objectives(Duration? mtpd, Duration? rto, Duration? rpo) =>
        $"MTPD {Show(mtpd)}, RTO {Show(rto)}, RPO {Show(rpo)}";

    private static string Show(Duration? duration) => duration is { } d ? CheckRun.Minutes(d.Minutes) : "not set";
}
