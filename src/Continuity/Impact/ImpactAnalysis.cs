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
        var range = snapshot.NodesOf(NodeKind.Function);
        for (var node = range.Start.Value; node < range.End.Value; node++)
        {
            if (failure.Down[node])
            {
                functions.Add(Impact(snapshot, failure, node, model.Functions.GetValueOrDefault(snapshot.Names[node]), model.Scale));
            }
            else if (DegradedBy(snapshot, failure.Down, node) is { Count: > 0 } because)
            {
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
            failure.Down.Count(d => d),
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

    private static FunctionImpact Impact(PlanSnapshot snapshot, Failure failure, int node, BusinessFunctionSpec? spec, BiaScale scale)
    {
        var clock = failure.Clock;
        var kind = clock.Kinds[node];
        int? backAt = kind == RecoveryKind.At ? clock.Minutes[node] : null;
        int? afterOutage = kind == RecoveryKind.AfterOutage ? clock.Minutes[node] : null;
        var waitsFor = kind == RecoveryKind.AfterOutage
            ? clock.OutagesAwaitedBy(snapshot.Graph, node, failure.Down, failure.OpenEnded).Select(n => snapshot.Ids[n]).ToList()
            : [];
        var rto = Objective(snapshot.RtoMinutes[node], kind, clock.Minutes[node]);
        var mtpd = Objective(snapshot.MtpdMinutes[node], kind, clock.Minutes[node]);
        // While the end is unknown, the impact that matters is the one suffered by the MTPD.
        int? horizon = kind == RecoveryKind.At ? backAt : snapshot.MtpdMinutes[node] >= 0 ? snapshot.MtpdMinutes[node] : null;
        var path = kind == RecoveryKind.Never ? [] : clock.CriticalPath(node).Select(n => snapshot.Ids[n]).ToList();
        return new FunctionImpact(snapshot.Ids[node], snapshot.Titles[node], snapshot.Tiers[node], kind, backAt, afterOutage, waitsFor,
            rto, mtpd, BiaTimeline.Of(spec, scale, horizon), path);
    }

    private static Deadline? Objective(int target, RecoveryKind kind, int minutes)
    {
        if (target < 0)
        {
            return null;
        }
        return kind switch
        {
            RecoveryKind.At when minutes <= target => new Deadline(target, DeadlineOutcome.Met, null, null),
            RecoveryKind.At => new Deadline(target, DeadlineOutcome.Breached, minutes - target, null),
            RecoveryKind.AfterOutage when minutes <= target => new Deadline(target, DeadlineOutcome.AtRisk, null, target - minutes),
            _ => new Deadline(target, DeadlineOutcome.Breached, null, null),
        };
    }

    /// <summary>Down dependencies of a function that stays up: degraded ones, and members of its
    /// redundancy groups; null when there are none (most functions, so nothing is allocated).</summary>
    private static List<string>? DegradedBy(PlanSnapshot snapshot, bool[] down, int node)
    {
        var graph = snapshot.Graph;
        List<string>? because = null;
        for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
        {
            var members = graph.MembersOf(g);
            if (graph.GroupKinds[g] != RequirementKind.Degraded && members.Length == 1)
            {
                continue;
            }
            foreach (var member in members)
            {
                if (down[member])
                {
                    (because ??= []).Add(snapshot.Ids[member]);
                }
            }
        }
        if (because is not null)
        {
            because.Sort(StringComparer.Ordinal);
            because = [.. because.Distinct(StringComparer.Ordinal)];
        }
        return because;
    }

    private static List<ApplicableScenario> Scenarios(ImpactModel model, bool[] down)
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

/// <summary>One failure worked out on the graph: what failed, what went down with it, which
/// failures are open-ended, and when each down node is back.</summary>
internal sealed class Failure
{
    private Failure(bool[] failed, bool[] down, bool[] openEnded, OutageClock clock)
    {
        Failed = failed;
        Down = down;
        OpenEnded = openEnded;
        Clock = clock;
    }

    /// <summary>The nodes that failed themselves.</summary>
    public bool[] Failed { get; }

    public bool[] Down { get; }

    /// <summary>Failed nodes whose failure has no end the plan states (<see cref="FailureSelection.IsOpenEnded"/>).</summary>
    public bool[] OpenEnded { get; }

    public OutageClock Clock { get; }

    public static Failure Of(PlanSnapshot snapshot, DependencyOrder order, bool[] failed)
    {
        var down = AchievableRecovery.AfterFailure(snapshot.Graph, order, [.. Indices(failed)]).Down;
        var openEnded = new bool[failed.Length];
        for (var node = 0; node < failed.Length; node++)
        {
            openEnded[node] = failed[node] && FailureSelection.IsOpenEnded(snapshot, node);
        }
        return new Failure(failed, down, openEnded, OutageClock.Compute(snapshot.Graph, order, down, failed, openEnded));
    }

    /// <summary>Everything fails and is restored (<see cref="AchievableRecovery.WorstCase"/>).</summary>
    public static Failure WorstCase(PlanSnapshot snapshot, DependencyOrder order)
    {
        var all = new bool[snapshot.NodeCount];
        Array.Fill(all, true);
        var none = new bool[snapshot.NodeCount];
        return new Failure(all, all, none, OutageClock.Compute(snapshot.Graph, order, all, all, none));
    }

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
