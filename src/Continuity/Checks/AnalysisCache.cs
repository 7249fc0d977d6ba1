using Continuity.Data;
using Continuity.Snapshots;
using Continuity.Store;

namespace Continuity.Checks;

/// <summary>Hands out the analysis of the database's plan (every check, the worst-case recovery,
/// the recovery points and the failure sets), running it again only when the data has changed or
/// the day has: each call costs one small query (<see cref="DataVersion.ProbeAsync"/>) while
/// neither has. Register one as a singleton; callers pass their own (scoped) database context.
/// Thread-safe: concurrent callers share one run.</summary>
public sealed class AnalysisCache(TimeProvider clock) : IDisposable
{
    // A run that keeps meeting concurrent writes gives up caching after this many tries.
    private const int Attempts = 3;

    private readonly SemaphoreSlim _running = new(1, 1);
    private Entry? _entry;

    /// <summary>The analysis of the plan in <paramref name="db"/> as it is now, as of today.</summary>
    public async Task<AnalysisResult> GetAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var version = await DataVersion.ProbeAsync(db, cancellationToken);
        if (Volatile.Read(ref _entry) is { } cached && cached.Version == version && cached.Today == today)
        {
            return cached.Result;
        }

        await _running.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _entry) is { } ran && ran.Version == version && ran.Today == today)
            {
                return ran.Result;                  // another caller ran it meanwhile
            }

            // The plan is read with several queries outside one transaction; reading the version
            // again afterwards proves that no write landed between them.
            for (var attempt = 1; ; attempt++)
            {
                var plan = await PlanExport.LoadAsync(db, cancellationToken);
                var result = await Task.Run(() => PlanAnalysis.Run(plan, PlanSnapshot.From(plan), new AnalysisOptions(today)), cancellationToken);
                var after = await DataVersion.ProbeAsync(db, cancellationToken);
                if (after == version)
                {
                    Volatile.Write(ref _entry, new Entry(version, today, result));
                    return result;
                }
                if (attempt == Attempts)
                {
                    return result;                  // still changing: serve it, keep nothing
                }
                version = after;
            }
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose() => _running.Dispose();

    private sealed record Entry(DataVersion Version, DateOnly Today, AnalysisResult Result);
}
