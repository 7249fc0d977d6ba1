using Continuity.Analysis;
using Continuity.PlanFiles;

namespace Continuity.Impact;

/// <summary>What happens when the selected elements fail: every business function that goes
/// down, when it is back and when it breaches its RTO and MTPD, what the outage costs it over
/// time, the scenarios and procedures that apply, and the order to recover in. When a selector
/// names nothing, <see cref="Problems"/> says so and nothing else is filled in.</summary>
public sealed record ImpactReport(
    IReadOnlyList<string> Fail,
    IReadOnlyList<SelectorProblem> Problems,
    IReadOnlyList<ElementRef> Failed,
    IReadOnlyList<ElementRef> OpenEnded,
    int DownCount,
    IReadOnlyList<FunctionImpact> Functions,
    IReadOnlyList<DegradedFunction> Degraded,
    IReadOnlyList<ApplicableScenario> Scenarios,
    RecoveryOrderReport? Recovery,
    BiaScale Scale)
{
    public IReadOnlyList<string> Fail { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Fail);
    public IReadOnlyList<SelectorProblem> Problems { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Problems);
    public IReadOnlyList<ElementRef> Failed { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Failed);
    public IReadOnlyList<ElementRef> OpenEnded { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(OpenEnded);
    public IReadOnlyList<FunctionImpact> Functions { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Functions);
    public IReadOnlyList<DegradedFunction> Degraded { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Degraded);
    public IReadOnlyList<ApplicableScenario> Scenarios { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Scenarios);

    public bool IsValid => Problems.Count == 0;
}

/// <summary>A node of the plan as reports name it: its id (<c>system:license-db</c>), title and kind.</summary>
public sealed record ElementRef(string Id, string Title, NodeKind Kind);

/// <summary>A <c>--fail</c> value that names nothing in the plan, with the closest names and the tags there are.</summary>
public sealed record SelectorProblem(string Written, string Message, string? DidYouMean, IReadOnlyList<string> KnownTags)
{
    public IReadOnlyList<string> KnownTags { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(KnownTags);
}

/// <summary>The organisation's business impact analysis scale: money in <see cref="Currency"/>,
/// ratings per category at each time point (minutes), intolerable from <see cref="IntolerableFrom"/>.</summary>
public sealed record BiaScale(string Currency, IReadOnlyList<string> Categories, IReadOnlyList<int> TimePoints, ImpactRating IntolerableFrom)
{
    public IReadOnlyList<string> Categories { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Categories);
    public IReadOnlyList<int> TimePoints { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(TimePoints);
}

/// <summary>How a down node comes back: at a time (<see cref="At"/>), a while after an outage
/// whose end no plan can state (a region, a person, a vendor without a contractual RTO:
/// <see cref="AfterOutage"/>), or never, because it waits on a dependency loop (<see cref="Never"/>).</summary>
public enum RecoveryKind { At, AfterOutage, Never }

/// <summary>One business function the failure takes down. It is back at <see cref="BackAtMinutes"/>
/// from the failure (<see cref="RecoveryKind.At"/>) or, when it also waits for open-ended outages
/// (<see cref="RecoveryKind.AfterOutage"/>), at the latest of <see cref="BackAtMinutes"/> and
/// <see cref="AfterOutageMinutes"/> after the outages in <see cref="WaitsFor"/> end. Both are null
/// when it can never be back. <see cref="CriticalPath"/> is the chain that decides when (for an
/// open-ended outage, the chain through it): the function, what it waits for last, and so on
/// (ids). <see cref="EstimateMissing"/>: the times count a restore the plan gives no duration
/// for as instant, so they may be later.</summary>
public sealed record FunctionImpact(
    string Id,
    string Title,
    int Tier,
    RecoveryKind Recovery,
    int? BackAtMinutes,
    int? AfterOutageMinutes,
    IReadOnlyList<string> WaitsFor,
    Deadline? Rto,
    Deadline? Mtpd,
    ImpactTimeline Impact,
    IReadOnlyList<string> CriticalPath,
    bool EstimateMissing)
{
    public IReadOnlyList<string> WaitsFor { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(WaitsFor);
    public IReadOnlyList<string> CriticalPath { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(CriticalPath);

    /// <summary>When the first of its objectives is breached (or at risk), for ordering; null when both are met.</summary>
    public int? FirstBreachMinutes => new[] { Rto, Mtpd }
        .Where(d => d is not null && d.Outcome != DeadlineOutcome.Met)
        .Select(d => (int?)d!.Minutes)
        .Min();
}

/// <summary>Met: back in time. Breached: back later whatever the open-ended outage's end, or never.
/// AtRisk: back in time only if the open-ended outage ends by <see cref="Deadline.OutageEndsByMinutes"/>.</summary>
public enum DeadlineOutcome { Met, Breached, AtRisk }

/// <summary>An objective (RTO or MTPD) against when the function is back. A breach happens at
/// <see cref="Minutes"/> from the failure; <see cref="LateByMinutes"/> says by how much it is
/// missed when that is known.</summary>
public sealed record Deadline(int Minutes, DeadlineOutcome Outcome, int? LateByMinutes, int? OutageEndsByMinutes)
{
    /// <summary>The time of the breach, when it is breached or at risk.</summary>
    public int? BreachAtMinutes => Outcome == DeadlineOutcome.Met ? null : Minutes;
}

/// <summary>The function's business impact over time while it is down: the ratings at each of the
/// organisation's time points up to <see cref="HorizonMinutes"/> (its recovery; for an open-ended
/// outage its MTPD, or every time point when it has none), the worst rating reached and the money
/// lost by the last time point reached that states an amount.</summary>
public sealed record ImpactTimeline(
    int? HorizonMinutes,
    IReadOnlyList<ImpactPoint> Points,
    ImpactRating? Worst,
    long? Loss,
    int? LossAtMinutes)
{
    public IReadOnlyList<ImpactPoint> Points { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Points);
}

/// <summary>The ratings at one time point (categories in the organisation's order), the worst of
/// them, whether that is intolerable, and the money lost by then when the BIA states it.</summary>
public sealed record ImpactPoint(int Minutes, IReadOnlyList<CategoryRating> Ratings, ImpactRating? Worst, bool Intolerable, long? Loss)
{
    public IReadOnlyList<CategoryRating> Ratings { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Ratings);
}

public sealed record CategoryRating(string Category, ImpactRating Rating);

/// <summary>A function that stays up but runs at reduced capacity or on its alternatives, because
/// of the down dependencies in <see cref="Because"/> (ids).</summary>
public sealed record DegradedFunction(string Id, string Title, int Tier, IReadOnlyList<string> Because)
{
    public IReadOnlyList<string> Because { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Because);
}

/// <summary>A scenario whose <c>fails</c> names something that is down, with what matched and the
/// procedures written for it. <see cref="AllDown"/>: everything it names is down.</summary>
public sealed record ApplicableScenario(string Id, string Title, int Priority, IReadOnlyList<string> Matches, bool AllDown, IReadOnlyList<ProcedureRef> Procedures)
{
    public IReadOnlyList<string> Matches { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Matches);
    public IReadOnlyList<ProcedureRef> Procedures { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Procedures);
}

/// <summary>A procedure for a scenario, with the business functions it recovers (ids, as written).</summary>
public sealed record ProcedureRef(string Id, string Title, string? Team, IReadOnlyList<string> Recovers)
{
    public IReadOnlyList<string> Recovers { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Recovers);
}

/// <summary>The order to recover what is down: dependency-respecting waves and a schedule with
/// the organisation's restore capacity per team (least slack first; see <see cref="RecoveryScheduler"/>).
/// Times are minutes from the failure; for restores behind an open-ended outage
/// (<see cref="ScheduledRestore.AfterOutage"/>), minutes from the moment it ends.</summary>
public sealed record RecoveryOrderReport(
    bool WorstCase,
    int CapacityPerTeam,
    IReadOnlyList<ElementRef> OpenEnded,
    IReadOnlyList<IReadOnlyList<string>> Waves,
    IReadOnlyList<ScheduledRestore> Schedule,
    int Makespan,
    IReadOnlyList<ElementRef> Blocked,
    IReadOnlyList<string> MissedRto)
{
    public IReadOnlyList<ElementRef> OpenEnded { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(OpenEnded);
    public IReadOnlyList<IReadOnlyList<string>> Waves { get; init => field = ReadOnly.Of([.. value.Select(ReadOnly.Of)]); } = ReadOnly.Of([.. Waves.Select(ReadOnly.Of)]);
    public IReadOnlyList<ScheduledRestore> Schedule { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Schedule);
    public IReadOnlyList<ElementRef> Blocked { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Blocked);
    public IReadOnlyList<string> MissedRto { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(MissedRto);
}

/// <summary>One down node in the schedule. <see cref="RestoreMinutes"/> is 0 for nodes that come
/// back by themselves once their dependencies are back (they take no restore slot).
/// <see cref="EstimateMissing"/>: its times count a restore the plan gives no duration for as
/// instant (its own or one it waits for), so they may be later.</summary>
public sealed record ScheduledRestore(
    string Id,
    string Title,
    NodeKind Kind,
    int Tier,
    string? Team,
    int Wave,
    int Start,
    int Finish,
    int RestoreMinutes,
    int? RtoMinutes,
    bool MissesRto,
    bool AfterOutage,
    bool EstimateMissing);

/// <summary>The outcome of a recovery-order query: problems with the selectors, or the order.</summary>
public sealed record RecoveryOrderResult(IReadOnlyList<string> Fail, IReadOnlyList<SelectorProblem> Problems, RecoveryOrderReport? Recovery)
{
    public IReadOnlyList<string> Fail { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Fail);
    public IReadOnlyList<SelectorProblem> Problems { get; init => field = ReadOnly.Of(value); } = ReadOnly.Of(Problems);

    public bool IsValid => Problems.Count == 0;
}
