using Continuity.Catalog;
using Continuity.Data;
using Continuity.Impact;
using Continuity.Snapshots;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Checks;

/// <summary>Hands out the analysis of the database's plan (every check, the worst-case recovery,
/// the recovery points, the failure sets and the plan prepared for impact questions), running it
/// again only when the plan revision has changed or the day has (dates such as contact
/// verification and waiver expiry are judged against today): each call costs one query of the
/// revision while neither has. Every writer of the plan increments the revision in its own
/// transaction (ADR 005), so no change can be missed. Register one as a singleton; callers pass
/// their own (scoped) database context. Thread-safe: concurrent callers share one run.</summary>
public sealed class AnalysisCache(TimeProvider clock) : IDisposable
{
    private readonly VersionedCache<DateOnly, AnalysisResult> _cache = new();

    /// <summary>The plan revision the cached analysis was run on, or null when none is cached.</summary>
    public long? Revision => _cache.Revision;

    /// <summary>The analysis of the plan in <paramref name="db"/> as it is now, as of today.</summary>
    public Task<AnalysisResult> GetAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return _cache.GetAsync(db, today, async ct =>
        {
            var (plan, snapshot) = await PlanAnalysis.LoadAsync(db, ct);
            var edges = await db.Dependencies.AsNoTracking()
                .Select(d => new { d.DependentKind, d.DependentName, d.Position, d.TargetKind, d.TargetName, d.Type, d.RedundancyGroup, d.Note })
                .ToListAsync(ct);
            return await Task.Run(() =>
            {
                var result = PlanAnalysis.Run(plan, snapshot, new AnalysisOptions(today));
                var dependencies = edges.ConvertAll(d => new DependencyEdge(d.DependentKind, d.DependentName, d.Position, d.TargetKind, d.TargetName,
                    d.Type, d.RedundancyGroup, d.Note));
                return result with
                {
                    Impact = ImpactModel.Prepare(plan, snapshot, result.Order),
                    Catalog = PlanCatalog.Build(plan, result.Findings, dependencies),
                };
            }, ct);
        }, cancellationToken);
    }

    public void Dispose() => _cache.Dispose();
}
