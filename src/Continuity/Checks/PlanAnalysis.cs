using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Continuity.Analysis;
using Continuity.Data;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Store;

namespace Continuity.Checks;

/// <summary>What the analysis needs besides the plan: today's date (from the injected clock),
/// where elements are written (when the plan came from files), and which tiers are critical.</summary>
public sealed record AnalysisOptions(DateOnly Today)
{
    /// <summary>Where each element is written, for file:line:column in findings (null for a database plan).</summary>
    public SourceMap? Sources { get; init; }

    /// <summary>Functions and systems of this tier or better are critical (1 = mission critical).</summary>
    public int CriticalTier { get; init; } = 2;

    /// <summary>A vendor or site that alone takes down more than this share (0–1) of the critical
    /// functions is a concentration (CT503).</summary>
    public double ConcentrationThreshold { get; init; } = 0.5;

    /// <summary>People confirm their contact details at least this often (CT306).</summary>
    public int ContactVerificationMonths { get; init; } = 12;
}

/// <summary>Everything the analysis computed about a plan, for the checks, the command line and the web.
/// Read-only throughout: the web's cache hands one result to concurrent requests.</summary>
public sealed record AnalysisResult(
    PlanSnapshot Snapshot,
    DependencyOrder Order,
    RecoveryTimes WorstCase,
    ImmutableArray<int> RecoveryPointMinutes,
    ImmutableArray<int> RecoveryPointVia,
    FailureSets Fails,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>The findings that count: those no current waiver covers.</summary>
    public IEnumerable<Finding> Unwaived => Findings.Where(f => f.WaivedBy is null);

    /// <summary>The plan prepared for what-if questions (impact, recovery order), when the caller
    /// asked for it (<see cref="AnalysisCache"/> does, so the web answers them without reading the plan).</summary>
    public ImpactModel? Impact { get; init; }

    /// <summary>Every element as lists show it and every reference both ways, when the caller
    /// asked for it (<see cref="AnalysisCache"/> does, for the web's lists and detail pages).</summary>
    public Catalog.PlanCatalog? Catalog { get; init; }
}

/// <summary>Runs every check of <see cref="CheckCatalogue"/> over a plan.</summary>
public static class PlanAnalysis
{
    /// <summary>Computes the dependency order, the worst-case recovery, the recovery points and
    /// the failure sets once, runs every rule, applies the organisation's waivers and returns the
    /// findings sorted by severity, check id, element id and message. <paramref name="snapshot"/>
    /// must be the snapshot of <paramref name="plan"/> (from the plan or from the database it was
    /// imported into). Deterministic; O(V + E) apart from the failure-set walks of critical
    /// functions. The failure sets are computed on a second thread while the first rules run.</summary>
    public static AnalysisResult Run(Plan plan, PlanSnapshot snapshot, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);

        // The failure sets are the costliest part and only the single-point-of-failure rules
        // need them, so they are computed while the other rules run.
        var order = DependencyOrder.Of(snapshot.Graph);
        FailureSets? fails = null;
        CheckRun? run = null;
        Parallel.Invoke(
            () => fails = FailureSets.Compute(snapshot.Graph, order),
            () =>
            {
                run = new CheckRun(plan, snapshot, options, order);
                ObjectiveChecks.Run(run);
                DependencyChecks.Run(run);
                PeopleChecks.Run(run);
                BackupChecks.Run(run);
            });
        run!.Fails = fails!;
        ResilienceChecks.Run(run);
        GovernanceChecks.Run(run);
        GovernanceChecks.ApplyWaivers(run);

        return new AnalysisResult(snapshot, run.Order, run.WorstCase, ImmutableCollectionsMarshal.AsImmutableArray(run.RecoveryPoint),
            ImmutableCollectionsMarshal.AsImmutableArray(run.RecoveryPointVia), run.Fails, ImmutableCollectionsMarshal.AsImmutableArray(Sorted(run.Findings)));
    }

    /// <summary>The plan in the database as the rules read it (signed approvals of objectives laid
    /// over the functions), and its snapshot: the snapshot
    /// through its projection queries, and every document except the <c>dependsOn</c> lists
    /// (the rules take the dependencies from the snapshot's graph; a database plan has no
    /// locations to point at), which saves reading back the largest table as entities.</summary>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <param name="second">Another context on the same database, or null: when given, the
    /// snapshot is read on it while the documents are read on <paramref name="db"/>.</param>
    public static async Task<(Plan Plan, PlanSnapshot Snapshot)> LoadAsync(ContinuityDb db, CancellationToken cancellationToken, ContinuityDb? second = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (second is null)
        {
            var snapshot = await PlanSnapshot.LoadAsync(db, cancellationToken);
            var all = await PlanExport.LoadDocumentsAsync(db, cancellationToken, withDependencies: false);
            await Functions.ObjectiveApprovals.OverlayAsync(db, all, cancellationToken);
            return (new Plan(all), snapshot);
        }
        var loading = Task.Run(() => PlanSnapshot.LoadAsync(second, cancellationToken), cancellationToken);
        var documents = await PlanExport.LoadDocumentsAsync(db, cancellationToken, withDependencies: false);
        await Functions.ObjectiveApprovals.OverlayAsync(db, documents, cancellationToken);
        return (new Plan(documents), await loading);
    }

    /// <summary>Checks by severity, then id: the order findings are listed in.</summary>
    private static readonly Dictionary<string, int> Rank = CheckCatalogue.All
        .OrderBy(c => c.Severity).ThenBy(c => c.Id, StringComparer.Ordinal)
        .Select((check, rank) => (check.Id, rank))
        .ToDictionary(c => c.Id, c => c.rank, StringComparer.Ordinal);

    private static readonly Comparison<Finding> ByElementThenMessage = (a, b) =>
    {
        var order = string.CompareOrdinal(a.ElementId, b.ElementId);
        return order != 0 ? order : string.CompareOrdinal(a.Message, b.Message);
    };

    /// <summary>Severity, check id, element id, message. Findings arrive grouped by rule and
    /// mostly in element order, so they are placed by check (a counting sort) and each check's
    /// run is sorted only when it is not already in order.</summary>
    private static Finding[] Sorted(List<Finding> findings)
    {
        var start = new int[Rank.Count + 1];
        foreach (var finding in findings)
        {
            start[Rank[finding.CheckId] + 1]++;
        }
        for (var r = 0; r < Rank.Count; r++)
        {
            start[r + 1] += start[r];
        }
        var sorted = new Finding[findings.Count];
        var next = start[..^1];
        foreach (var finding in findings)
        {
            sorted[next[Rank[finding.CheckId]]++] = finding;
        }
        var comparer = Comparer<Finding>.Create(ByElementThenMessage);
        for (var r = 0; r < Rank.Count; r++)
        {
            for (var i = start[r] + 1; i < start[r + 1]; i++)
            {
                if (ByElementThenMessage(sorted[i - 1], sorted[i]) > 0)
                {
                    Array.Sort(sorted, start[r], start[r + 1] - start[r], comparer);
                    break;
                }
            }
        }
        return sorted;
    }
}
