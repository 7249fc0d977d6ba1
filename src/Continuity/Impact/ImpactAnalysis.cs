using Continuity.Analysis;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Impact;

/// <summary>What-if impact (DOMAIN.md, "Analysis semantics"): given failed elements or tags, every
/// business function that goes down with the time it breaches its RTO and MTPD, its impact over
/// time from its BIA grid, the scenarios and procedures that apply, and the order to recover in.
/// Pure and deterministic: the same plan and question always give the same report.</summary>
public static class ImpactAnalysis
{
    /// <param name="plan">The plan (for the BIA grids, scenarios, procedures and the organisation's scale).</param>
    /// <param name="snapshot">Its snapshot (for the graph).</param>
    /// <param name="fail">What fails: tags (<c>region=eu-west-1</c>) or node ids (<c>system:license-db</c>).</param>
    /// <param name="capacityPerTeam">How many restores one team runs at once (the organisation's <c>restoreCapacityPerTeam</c>).</param>
    public static ImpactReport Run(Plan plan, PlanSnapshot snapshot, IReadOnlyList<string> fail, int capacityPerTeam) =>
        Run(ImpactModel.Prepare(plan, snapshot), fail, capacityPerTeam);

    /// <summary>As <see cref="Run(Plan, PlanSnapshot, IReadOnlyList{string}, int)"/>, on a plan prepared once
    /// for many questions: each then costs O(V + E) plus the scheduling of what is down.</summary>
    public static ImpactReport Run(ImpactModel model, IReadOnlyList<string> fail, int capacityPerTeam)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fail);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerTeam, 1);
        var snapshot = model.Snapshot;
        var (failed, problems) = FailureSelection.Resolve(snapshot, fail);
        if (fail.Count == 0)
        {
            problems.Add(FailureSelection.NothingSelected(snapshot));
        }
        if (problems.Count > 0)
        {
            return new ImpactReport(fail, problems, [], [], 0, [], [], [], null, model.Scale);
        }

        var failure = Failure.Of(snapshot, model.Order, failed);
        var functions = new List<FunctionImpact>();
        var degraded = new List<DegradedFunction>();
        var runsDegraded = AchievableRecovery.RunsDegraded(snapshot.Graph, model.Order, failure.Down);
        var range = snapshot.NodesOf(NodeKind.Function);
        for (var node = range.Start.Value; node < range.End.Value; node++)
        {
            if (failure.Down[node])
            {
                functions.Add(Impact(snapshot, failure, node, model.Scale, model.Functions.GetValueOrDefault(snapshot.Names[node])));
            }
            else if (runsDegraded[node])
            {
                var because = DegradedBy(snapshot, failure.Down, runsDegraded, node);
                degraded.Add(new DegradedFunction(snapshot.Ids[node], snapshot.Titles[node], snapshot.Tiers[node], because));
            }
        }
        functions.Sort(static (a, b) =>
            (a.FirstBreachMinutes ?? int.MaxValue).CompareTo(b.FirstBreachMinutes ?? int.MaxValue) is var byBreach and not 0 ? byBreach
            : a.Tier.CompareTo(b.Tier) is var byTier and not 0 ? byTier
            : string.CompareOrdinal(a.Id, b.Id));
        degraded.Sort(static (a, b) => a.Tier.CompareTo(b.Tier) is var byTier and not 0 ? byTier : string.CompareOrdinal(a.Id, b.Id));

        return new ImpactReport(
            fail,
            [],
            Refs(snapshot, Failure.Indices(failure.Failed)),
            Refs(snapshot, Failure.Indices(failure.OpenEnded)),
            failure.Down.Count(true),
            functions,
            degraded,
            Scenarios(model, failure.Down),
            RecoveryOrders.Build(snapshot, model.Order, failure, worstCase: false, capacityPerTeam),
            model.Scale);
    }

    /// <summary>The recovery order and schedule for what <paramref name="fail"/> takes down, or for
    /// everything (the worst case) when it is empty.</summary>
    public static RecoveryOrderResult RecoveryOrder(PlanSnapshot snapshot, IReadOnlyList<string> fail, int capacityPerTeam, DependencyOrder? order = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(fail);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerTeam, 1);
        order ??= DependencyOrder.Of(snapshot.Graph);
        if (fail.Count == 0)
        {
            return new RecoveryOrderResult(fail, [], RecoveryOrders.Build(snapshot, order, Failure.WorstCase(snapshot, order), worstCase: true, capacityPerTeam));
        }
        var (failed, problems) = FailureSelection.Resolve(snapshot, fail);
        return problems.Count > 0
            ? new RecoveryOrderResult(fail, problems, null)
            : new RecoveryOrderResult(fail, [], RecoveryOrders.Build(snapshot, order, Failure.Of(snapshot, order, failed), worstCase: false, capacityPerTeam));
    }

    /// <summary>The organisation's restore capacity per team (default 2 when the plan has no organisation).</summary>
    public static int CapacityPerTeam(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return (plan.Organisation?.Spec as OrganisationSpec ?? new OrganisationSpec()).RestoreCapacityPerTeam;
    }

    private static FunctionImpact Impact(PlanSnapshot snapshot, Failure failure, int node, BiaScale scale, BusinessFunctionSpec? spec)
    {
        var times = failure.Times;
        var kind = failure.KindOf(node);
        int? backAt = kind == RecoveryKind.Never ? null : times.Minutes[node];
        int? afterOutage = kind == RecoveryKind.AfterOutage ? times.AfterOutage[node] : null;
        var waitsFor = kind == RecoveryKind.AfterOutage
            ? failure.Awaited.Of(node).Select(n => snapshot.Ids[n]).ToList()
            : [];
        var rto = Objective(snapshot.RtoMinutes[node], kind, backAt, afterOutage);
        var mtpd = Objective(snapshot.MtpdMinutes[node], kind, backAt, afterOutage);
        // While the end is unknown, the impact that matters is the one suffered by the MTPD.
        int? horizon = kind == RecoveryKind.At ? backAt : snapshot.MtpdMinutes[node] >= 0 ? snapshot.MtpdMinutes[node] : null;
        var path = kind == RecoveryKind.Never ? [] : times.CriticalPath(node).Select(n => snapshot.Ids[n]).ToList();
        return new FunctionImpact(snapshot.Ids[node], snapshot.Titles[node], snapshot.Tiers[node], kind, backAt, afterOutage, waitsFor,
            rto, mtpd, BiaTimeline.Of(spec, scale, horizon), path, times.Assumed[node]);
    }

    /// <summary>An objective against "back at the latest of <paramref name="backAt"/> and the
    /// outage's end plus <paramref name="afterOutage"/>": breached for certain when either part alone
    /// is later than the target, at risk when only the outage's end can make it late.</summary>
    private static Deadline? Objective(int target, RecoveryKind kind, int? backAt, int? afterOutage)
    {
        if (target < 0)
        {
            return null;
        }
        if (kind == RecoveryKind.Never)
        {
            return new Deadline(target, DeadlineOutcome.Breached, null, null);
        }
        if (backAt > target)
        {
            return new Deadline(target, DeadlineOutcome.Breached, backAt - target, null);
        }
        return afterOutage switch
        {
            null => new Deadline(target, DeadlineOutcome.Met, null, null),
            var after when after > target => new Deadline(target, DeadlineOutcome.Breached, null, null),
            var after => new Deadline(target, DeadlineOutcome.AtRisk, null, target - after),
        };
    }

    /// <summary>Why a node that stays up runs degraded: the nearest down elements, reached through
    /// what it uses that runs degraded itself — a down degraded dependency, or a down member of a
    /// redundancy group. Ids, sorted.</summary>
    private static List<string> DegradedBy(PlanSnapshot snapshot, ReadOnlySpan<bool> down, bool[] runsDegraded, int node)
    {
        var graph = snapshot.Graph;
        var because = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<int> { node };
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.TryPop(out var current))
        {
            for (var g = graph.GroupStart[current]; g < graph.GroupStart[current + 1]; g++)
            {
                var kind = graph.GroupKinds[g];
                if (kind == RequirementKind.RecoverySite)
                {
                    continue;
                }
                var members = graph.MembersOf(g);
                foreach (var member in members)
                {
                    if (down[member])
                    {
                        if (kind == RequirementKind.Degraded || members.Length > 1)
                        {
                            because.Add(snapshot.Ids[member]);
                        }
                    }
                    else if (runsDegraded[member] && seen.Add(member))
                    {
                        stack.Push(member);
                    }
                }
            }
        }
        return [.. because];
    }

    private static List<ApplicableScenario> Scenarios(ImpactModel model, ReadOnlySpan<bool> down)
    {
        var scenarios = new List<ApplicableScenario>();
        foreach (var scenario in model.Scenarios)
        {
            var matches = new List<string>();
            foreach (var node in scenario.Names)
            {
                if (node >= 0 && down[node])
                {
                    matches.Add(model.Snapshot.Ids[node]);
                }
            }
            if (matches.Count > 0)
            {
                matches.Sort(StringComparer.Ordinal);
                scenarios.Add(new ApplicableScenario(scenario.Id, scenario.Title, scenario.Priority, matches, matches.Count == scenario.Names.Length, scenario.Procedures));
            }
        }
        scenarios.Sort(static (a, b) =>
            b.AllDown.CompareTo(a.AllDown) is var byAll and not 0 ? byAll
            : a.Priority.CompareTo(b.Priority) is var byPriority and not 0 ? byPriority
            : string.CompareOrdinal(a.Id, b.Id));
        return scenarios;
    }

    internal static List<ElementRef> Refs(PlanSnapshot snapshot, IEnumerable<int> nodes) =>
        [.. nodes.Select(n => new ElementRef(snapshot.Ids[n], snapshot.Titles[n], snapshot.Kinds[n]))];
}

/// <summary>One failure worked out on the graph: what failed, which failures are open-ended, and
/// the engine's answer — what went down with it and when each down node is back.</summary>
internal sealed class Failure
{
    private Failure(bool[] failed, bool[] openEnded, RecoveryTimes times, AwaitedOutages awaited)
    {
        Failed = failed;
        OpenEnded = openEnded;
        Times = times;
        Awaited = awaited;
    }

    /// <summary>The nodes that failed themselves.</summary>
    public bool[] Failed { get; }

    public ReadOnlySpan<bool> Down => Times.Down;

    /// <summary>Failed nodes whose failure has no end the plan states (<see cref="FailureSelection.IsOpenEnded"/>).</summary>
    public bool[] OpenEnded { get; }

    public RecoveryTimes Times { get; }

    public AwaitedOutages Awaited { get; }

    public static Failure Of(PlanSnapshot snapshot, DependencyOrder order, bool[] failed)
    {
        var openEnded = new bool[failed.Length];
        for (var node = 0; node < failed.Length; node++)
        {
            openEnded[node] = failed[node] && FailureSelection.IsOpenEnded(snapshot, node);
        }
        var times = AchievableRecovery.AfterFailure(snapshot.Graph, order, [.. Indices(failed)], openEnded);
        return new Failure(failed, openEnded, times, new AwaitedOutages(snapshot.Graph, order, times, openEnded));
    }

    /// <summary>Everything fails and is restored (<see cref="AchievableRecovery.WorstCase"/>).</summary>
    public static Failure WorstCase(PlanSnapshot snapshot, DependencyOrder order)
    {
        var all = new bool[snapshot.NodeCount];
        Array.Fill(all, true);
        var none = new bool[snapshot.NodeCount];
        var times = AchievableRecovery.WorstCase(snapshot.Graph, order);
        return new Failure(all, none, times, new AwaitedOutages(snapshot.Graph, order, times, none));
    }

    /// <summary>How <paramref name="node"/> comes back.</summary>
    public RecoveryKind KindOf(int node) =>
        Times.Minutes[node] == RecoveryTimes.Never ? RecoveryKind.Never
        : Times.AfterOutage[node] != RecoveryTimes.NoOutage ? RecoveryKind.AfterOutage
        : RecoveryKind.At;

    public static IEnumerable<int> Indices(bool[] mask)
    {
        for (var node = 0; node < mask.Length; node++)
        {
            if (mask[node])
            {
                yield return node;
            }
        }
    }
}
