using Continuity.Data;
using Continuity.Revisions;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Checks;

/// <summary>Hands out the analysis of the database's plan (every check, the worst-case recovery,
/// the recovery points and the failure sets), running it again only when the plan revision has
/// changed or the day has (dates such as contact verification and waiver expiry are judged
/// against today): each call costs one query of the revision while neither has. Every writer
/// of the plan increments the revision in its own transaction (ADR 005), so no change can be
/// missed. Register one as a singleton; callers pass their own (scoped) database context.
/// Thread-safe: concurrent callers share one run.</summary>
public sealed class AnalysisCache(TimeProvider clock) : IDisposable
{
    // A load's queries do not share a transaction: it is kept only if the revision did not move meanwhile.
    private const int Attempts = 3;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Entry? _entry;

    /// <summary>The analysis of the plan in <paramref name="db"/> as it is now, as of today.</summary>
    public async Task<AnalysisResult> GetAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var revision = await RevisionAsync(db, cancellationToken);
        if (Volatile.Read(ref _entry) is { } cached && cached.Revision == revision && cached.Day == today)
        {
            return cached.Value;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _entry) is { } loaded && loaded.Revision == revision && loaded.Day == today)
            {
                return loaded.Value;            // another caller ran it meanwhile
            }
            for (var attempt = 1; ; attempt++)
            {
                var (plan, snapshot) = await PlanAnalysis.LoadAsync(db, cancellationToken);
                var value = await Task.Run(() => PlanAnalysis.Run(plan, snapshot, new AnalysisOptions(today)), cancellationToken);
                var after = await RevisionAsync(db, cancellationToken);
                if (after == revision)
                {
                    Volatile.Write(ref _entry, new Entry(revision, today, value));
                    return value;
                }
                if (attempt == Attempts)
                {
                    return value;               // still changing: serve it, keep nothing
                }
                revision = after;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private static Task<long> RevisionAsync(ContinuityDb db, CancellationToken ct) =>
        db.PlanRevision.AsNoTracking().Where(r => r.Id == PlanRevision.SingletonId).Select(r => r.Number).SingleAsync(ct);

    private sealed record Entry(long Revision, DateOnly Day, AnalysisResult Value);
}
