using System.Collections.Frozen;
using Continuity.Analysis;
using Continuity.Checks;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Web.Pages.Shared;

/// <summary>Whether the plan can deliver an objective: met, missed, or not decidable because
/// the plan states no target.</summary>
public enum Verdict { Met, Missed, NoTarget }

/// <summary>An objective next to what the dependency chain makes achievable. For a recovery
/// time, <see cref="Never"/> means the element waits on a dependency loop; for a recovery point,
/// <see cref="Never"/> means some data it requires has no backup (all of it can be lost), and a
/// null <see cref="Minutes"/> that it requires no data at all. <see cref="EstimateMissing"/>: the
/// time counts a restore the plan gives no duration for as instant, so it may be later.</summary>
public sealed record Achievable(int? TargetMinutes, int? Minutes, bool Never, bool EstimateMissing = false)
{
    public Verdict Verdict => TargetMinutes is not { } target ? Verdict.NoTarget
        : Never ? Verdict.Missed
        : Minutes is { } minutes && minutes > target ? Verdict.Missed
        : Verdict.Met;

    /// <summary>How much later (or more data) than the target, when missed and measurable.</summary>
    public int? GapMinutes => Verdict == Verdict.Missed && !Never && Minutes is { } minutes && TargetMinutes is { } target ? minutes - target : null;
}

/// <summary>A function's recovery objectives next to what its dependencies make achievable in the
/// worst case (everything it depends on has failed).</summary>
public sealed record FunctionRecovery(Achievable Rto, Achievable Rpo);

/// <summary>One element of a critical path: when its restore starts and ends, counted from the
/// disruption, if everything fails at once and restores run in parallel.</summary>
public sealed record PathStep(ElementLink Link, int StartMinutes, int FinishMinutes, bool RestoreKnown)
{
    public int RestoreMinutes => FinishMinutes - StartMinutes;
}

/// <summary>An element whose failure alone takes a function down, and how long that lasts
/// (null when the plan does not say: a site, a person, a vendor without a contractual RTO).</summary>
public sealed record SinglePointRow(ElementLink Link, int? OutageMinutes, bool MissesRto);

/// <summary>The plan checks' findings as the overview shows them: counts by severity, and the
/// findings grouped by severity and check, each group cut at <see cref="FindingsSummary.PerSeverity"/>.</summary>
public sealed record FindingsSummary(int Errors, int Warnings, int Info, int Waived, IReadOnlyList<SeverityGroup> Groups)
{
    /// <summary>How many findings of each severity an element's page shows; /checks has them all.</summary>
    public const int PerSeverity = 10;

    /// <summary>The element the findings are about (<c>kind:name</c>), for the link to all of them.</summary>
    public string? ElementId { get; init; }

    public int Total => Errors + Warnings + Info;
}

/// <summary>The findings of one severity: <see cref="Count"/> of them count, <see cref="Waived"/> more are waived.</summary>
public sealed record SeverityGroup(Severity Severity, int Count, int Waived, IReadOnlyList<CheckGroup> Checks)
{
    public int Shown => Checks.Sum(c => c.Findings.Count);

    public int Total => Count + Waived;
}

/// <summary>The findings of one check; <see cref="Why"/> says why the check matters (docs/checks.md).</summary>
public sealed record CheckGroup(string CheckId, string Title, string Why, IReadOnlyList<FindingRow> Findings);

public sealed record FindingRow(ElementLink Link, string Message, string Hint, Waiver? WaivedBy);

/// <summary>Turns the analysis of the stored plan (<see cref="AnalysisCache"/>) into what the
/// pages show. Pure: no queries; titles come from the snapshot.</summary>
public static class RecoveryAnalysis
{
    private static readonly PerAnalysis<FrozenDictionary<string, FunctionRecovery>> FunctionsOf = new(AllFunctions);

    /// <summary>Every function's recovery, by plan name: built once per analysis result and shared.</summary>
    public static IReadOnlyDictionary<string, FunctionRecovery> Functions(AnalysisResult result) => FunctionsOf.Of(result);

    private static FrozenDictionary<string, FunctionRecovery> AllFunctions(AnalysisResult result)
    {
        var snapshot = result.Snapshot;
        var range = snapshot.NodesOf(NodeKind.Function);
        var recovery = new Dictionary<string, FunctionRecovery>(range.End.Value - range.Start.Value, StringComparer.Ordinal);
        for (var node = range.Start.Value; node < range.End.Value; node++)
        {
            recovery[snapshot.Names[node]] = Of(result, node);
        }
        return recovery.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static FunctionRecovery Of(AnalysisResult result, int node)
    {
        ArgumentNullException.ThrowIfNull(result);
        var snapshot = result.Snapshot;
        var rto = Target(snapshot.RtoMinutes[node]);
        var rpo = Target(snapshot.RpoMinutes[node]);
        var time = result.WorstCase.Minutes[node];
        var loss = result.RecoveryPointMinutes[node];
        return new FunctionRecovery(
            new Achievable(rto, time == RecoveryTimes.Never ? null : time, time == RecoveryTimes.Never, result.WorstCase.Assumed[node]),
            new Achievable(rpo,
                loss is AchievableRecoveryPoint.None or AchievableRecoveryPoint.Unbounded ? null : loss,
                loss == AchievableRecoveryPoint.Unbounded));
    }

    /// <summary>The chain that decides when <paramref name="node"/> is back in the worst case, from
    /// the element restored first up to the node itself.</summary>
    public static IReadOnlyList<PathStep> CriticalPath(AnalysisResult result, int node)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.WorstCase.Minutes[node] == RecoveryTimes.Never)
        {
            return [];
        }
        var snapshot = result.Snapshot;
        var path = result.WorstCase.CriticalPath(node);
        var steps = new List<PathStep>(path.Count);
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var step = path[i];
            var finish = result.WorstCase.Minutes[step];
            var own = result.WorstCase.Restores[step] ? snapshot.Graph.RestoreMinutes[step] : 0;
            steps.Add(new PathStep(Link(snapshot, step), finish - own, finish, snapshot.RestoreKnown[step]));
        }
        return steps;
    }

    /// <summary>The elements whose failure alone takes <paramref name="node"/> down (redundancy
    /// groups honoured, degraded dependencies ignored): those that keep it down past its RTO first.</summary>
    public static IReadOnlyList<SinglePointRow> SinglePoints(AnalysisResult result, int node)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. Impact.SinglePoints.Of(result.Snapshot, result.Fails, node)
            .Select(point => new SinglePointRow(Link(result.Snapshot, point.Id), point.RestoreMinutes, point.MissesRto))];
    }

    /// <summary>Counts by severity and the findings about one element (<paramref name="elementId"/>
    /// as <c>kind:name</c>) grouped for reading, at most <see cref="FindingsSummary.PerSeverity"/>
    /// of each severity (the rest are a link to /checks).</summary>
    public static FindingsSummary Findings(AnalysisResult result, string elementId)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(elementId);
        var findings = result.Catalog?.Findings.About(elementId) ?? [.. result.Findings.Where(f => f.ElementId == elementId)];
        var counting = findings.Where(f => f.WaivedBy is null).ToList();
        var groups = new List<SeverityGroup>();
        foreach (var severity in new[] { Severity.Error, Severity.Warning, Severity.Info })
        {
            var ofSeverity = findings.Where(f => f.Severity == severity).ToList();
            if (ofSeverity.Count == 0)
            {
                continue;
            }
            var checks = ofSeverity
                .Take(FindingsSummary.PerSeverity)
                .GroupBy(f => f.CheckId)
                .Select(g => new CheckGroup(g.Key, CheckCatalogue.Find(g.Key)?.Title ?? g.Key, CheckCatalogue.Find(g.Key)?.Why ?? "",
                    [.. g.Select(f => new FindingRow(Link(result.Snapshot, f.ElementId), f.Message, f.Hint, f.WaivedBy))]))
                .ToList();
            var waived = ofSeverity.Count(f => f.WaivedBy is not null);
            groups.Add(new SeverityGroup(severity, ofSeverity.Count - waived, waived, checks));
        }
        return new FindingsSummary(
            counting.Count(f => f.Severity == Severity.Error),
            counting.Count(f => f.Severity == Severity.Warning),
            counting.Count(f => f.Severity == Severity.Info),
            findings.Count(f => f.WaivedBy is not null),
            groups)
        { ElementId = elementId };
    }

    /// <summary>The link of an element named <c>kind:name</c>, titled from the snapshot where it is a node.</summary>
    public static ElementLink Link(PlanSnapshot snapshot, string elementId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(elementId);
        var node = snapshot.IndexOf(elementId);
        if (node >= 0)
        {
            return Link(snapshot, node);
        }
        var colon = elementId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && ElementKinds.TryParseSlug(elementId[..colon], out var kind)
            ? new ElementLink(kind, elementId[(colon + 1)..], null)
            : new ElementLink(ElementKind.Organisation, elementId, null);
    }

    private static ElementLink Link(PlanSnapshot snapshot, int node) =>
        new(snapshot.ElementKindOf(node), snapshot.Names[node], snapshot.Titles[node]);

    private static int? Target(int minutes) => minutes >= 0 ? minutes : null;
}
