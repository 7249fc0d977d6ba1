using Continuity.Data;

namespace Continuity.Snapshots;

/// <summary>Hands out the snapshot of the database's plan, loading it only when the data has
/// changed: each call costs one small query (<see cref="DataVersion.ProbeAsync"/>) while the
/// version is the one the cached snapshot was built from. Register one as a singleton; it keeps
/// no database context, so callers pass their own (scoped) one. Thread-safe: concurrent callers
/// share one load.</summary>
public sealed class SnapshotCache : IDisposable
{
    // A load that keeps meeting concurrent writes gives up caching after this many tries.
    private const int Attempts = 3;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Entry? _entry;
    private long _generation;

    /// <summary>The version of the cached snapshot, or null when none is cached.</summary>
    public DataVersion? Version => Volatile.Read(ref _entry)?.Version;

    /// <summary>The snapshot of the plan in <paramref name="db"/> as it is now.</summary>
    public async Task<PlanSnapshot> GetAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await DataVersion.ProbeAsync(db, cancellationToken);
        if (Volatile.Read(ref _entry) is { } cached && cached.Version == version)
        {
            return cached.Snapshot;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _entry) is { } loaded && loaded.Version == version)
            {
                return loaded.Snapshot;             // another caller loaded it meanwhile
            }

            // The snapshot's queries do not share a transaction, so a write could land between
            // them. Reading the version again afterwards proves none did; otherwise load again.
            var generation = Interlocked.Read(ref _generation);
            PlanSnapshot snapshot;
            var attempt = 0;
            while (true)
            {
                snapshot = await PlanSnapshot.LoadAsync(db, cancellationToken);
                var after = await DataVersion.ProbeAsync(db, cancellationToken);
                if (after == version)
                {
                    break;
                }
                version = after;
                if (++attempt == Attempts)
                {
                    return snapshot;                // still changing: serve it, keep nothing
                }
            }
            if (Interlocked.Read(ref _generation) == generation)
            {
                Volatile.Write(ref _entry, new Entry(version, snapshot));
            }
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Forgets the cached snapshot, so the next call loads again whatever the version
    /// says. For writers that may change data within one tick of the clock.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _entry, null);
    }

    public void Dispose() => _loading.Dispose();

    private sealed record Entry(DataVersion Version, PlanSnapshot Snapshot);
}
