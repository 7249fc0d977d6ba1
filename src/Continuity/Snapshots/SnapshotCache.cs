using Continuity.Data;

namespace Continuity.Snapshots;

/// <summary>Hands out the snapshot of the database's plan, loading it only when the plan revision
/// has changed: each call costs one query while the revision is the one the cached snapshot was
/// built from. Register one as a singleton; it keeps
/// no database context, so callers pass their own (scoped) one. Thread-safe: concurrent callers
/// share one load.</summary>
public sealed class SnapshotCache : IDisposable
{
    private readonly VersionedCache<bool, PlanSnapshot> _cache = new();

    /// <summary>The plan revision of the cached snapshot, or null when none is cached.</summary>
    public long? Revision => _cache.Revision;

    /// <summary>The snapshot of the plan in <paramref name="db"/> as it is now.</summary>
    public Task<PlanSnapshot> GetAsync(ContinuityDb db, CancellationToken cancellationToken) =>
        _cache.GetAsync(db, key: true, ct => PlanSnapshot.LoadAsync(db, ct), cancellationToken);

    /// <summary>Forgets the cached snapshot, so the next call loads again whatever the revision says.</summary>
    public void Invalidate() => _cache.Invalidate();

    public void Dispose() => _cache.Dispose();
}
