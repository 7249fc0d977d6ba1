using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Continuity.Accounts;
using Microsoft.Extensions.Options;

namespace Continuity.Web.Security;

/// <summary>Settings of API token authentication (section <c>Tokens</c>).</summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>How long an authenticated token, its user and the user's access are kept in memory
    /// (<see cref="TokenCache"/>); 0 looks them up on every request.</summary>
    [Range(0, 300)]
    public int CacheSeconds { get; set; } = 5;
}

/// <summary>An active token as loaded at <paramref name="LoadedAt"/>, with its user's access then.
/// Shared between requests, so immutable (<see cref="UserAccess"/> is).</summary>
internal sealed record CachedToken(Guid TokenId, Guid UserId, string Email, DateTime? ExpiresUtc, UserAccess Access, DateTimeOffset LoadedAt);

/// <summary>Authenticated API tokens by the SHA-256 of their secret, with their user's access, kept
/// for <see cref="TokenOptions.CacheSeconds"/> (5 s by default) so that a request with a known
/// token runs no query for authentication or authorization.
/// <para>The trade-off: a token revoked, a user disabled or a grant removed by another process
/// (the command line, another instance, SQL) takes effect within that window instead of on the next
/// request. Changes saved through this process's <c>ContinuityDb</c> (the users and tokens pages,
/// <c>UserAccounts</c>) evict the entries they touch when saved (<see cref="TokenCacheEviction"/>),
/// so they take effect at once here. Expiry stays exact: <c>ExpiresUtc</c> is compared with the clock
/// on every request. Unknown, revoked or expired tokens are never cached.</para></summary>
public sealed class TokenCache(IOptions<TokenOptions> options, TimeProvider clock)
{
    // Beyond this many entries, a new entry first sweeps out the stale ones.
    private const int SweepAbove = 1_000;

    private readonly ConcurrentDictionary<string, CachedToken> _entries = new(StringComparer.Ordinal);

    private TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.CacheSeconds);

    internal int Count => _entries.Count;

    internal int EntriesOf(Guid tokenId) => _entries.Values.Count(e => e.TokenId == tokenId);

    internal bool TryGet(string hash, out CachedToken entry)
    {
        if (_entries.TryGetValue(hash, out var found))
        {
            if (clock.GetUtcNow() - found.LoadedAt < Lifetime)
            {
                entry = found;
                return true;
            }
            _entries.TryRemove(new KeyValuePair<string, CachedToken>(hash, found));
        }
        entry = null!;
        return false;
    }

    internal void Add(string hash, CachedToken entry)
    {
        if (Lifetime <= TimeSpan.Zero)
        {
            return;
        }
        if (_entries.Count >= SweepAbove)
        {
            var now = clock.GetUtcNow();
            foreach (var stale in _entries.Where(e => now - e.Value.LoadedAt >= Lifetime))
            {
                _entries.TryRemove(stale);
            }
        }
        _entries[hash] = entry;
    }

    /// <summary>Forgets the entries of these tokens and of these users' tokens, so their next
    /// request reads the database.</summary>
    public void Evict(IReadOnlyCollection<Guid> tokenIds, IReadOnlyCollection<Guid> userIds)
    {
        if (tokenIds.Count == 0 && userIds.Count == 0)
        {
            return;
        }
        foreach (var entry in _entries.Where(e => tokenIds.Contains(e.Value.TokenId) || userIds.Contains(e.Value.UserId)))
        {
            _entries.TryRemove(entry);
        }
    }
}
