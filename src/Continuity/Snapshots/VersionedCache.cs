using Continuity.Data;
using Continuity.Revisions;

namespace Continuity.Snapshots;

/// <summary>Keeps one value computed from the database's plan, and computes it again only when
/// the plan revision has changed (one query per call) or the caller's <typeparamref name="TKey"/>
/// has (for example the day the value was judged on). Every writer of the plan increments the
/// revision in its own transaction (ADR 005), so no change can be missed.
/// Thread-safe: concurrent callers share one load. The load's queries do not share a
/// transaction, so the version is read again afterwards; a load that keeps meeting concurrent
/// writes is served without being kept.</summary>
internal sealed class VersionedCache<TKey, T> : IDisposable
    where TKey : IEquatable<TKey>
    where T : class
{
    private const int Attempts = 3;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Entry? _entry;
    private long _generation;

    public long? Revision => Volatile.Read(ref _entry)?.Revision;

    public async Task<T> GetAsync(ContinuityDb db, TKey key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await PlanRevision.CurrentAsync(db, cancellationToken);
        if (Volatile.Read(ref _entry) is { } cached && cached.Matches(version, key))
        {
            return cached.Value;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _entry) is { } loaded && loaded.Matches(version, key))
            {
                return loaded.Value;                // another caller loaded it meanwhile
            }
            var generation = Interlocked.Read(ref _generation);
            for (var attempt = 1; ; attempt++)
            {
                var value = await load(cancellationToken);
                var after = await PlanRevision.CurrentAsync(db, cancellationToken);
                if (after == version)
                {
                    if (Interlocked.Read(ref _generation) == generation)
                    {
                        Volatile.Write(ref _entry, new Entry(version, key, value));
                    }
                    return value;
                }
                if (attempt == Attempts)
                {
                    return value;                   // still changing: serve it, keep nothing
                }
                version = after;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Forgets the value, so the next call loads again whatever the version says.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _entry, null);
    }

    public void Dispose() => _loading.Dispose();

    private sealed record Entry(long Revision, TKey Key, T Value)
    {
        public bool Matches(long revision, TKey key) => Revision == revision && Key.Equals(key);
    }
}
