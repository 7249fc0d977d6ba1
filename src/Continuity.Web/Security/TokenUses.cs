using System.Collections.Concurrent;
using System.Threading.Channels;
using Continuity.Data;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Security;

/// <summary>Writes a token's <c>LastUsedUtc</c> at most once per <see cref="Interval"/> per token,
/// off the request: the request only queues the write, this service runs it, so an administrator
/// sees stale tokens without the API writing to the database on every call. What is queued when
/// the app stops is written before it stops; a write that fails is logged and dropped.</summary>
public sealed partial class TokenUses(IServiceScopeFactory scopes, ILogger<TokenUses> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _recorded = new();

    private readonly Channel<(Guid TokenId, DateTime AtUtc)> _writes =
        Channel.CreateBounded<(Guid, DateTime)>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Notes a use of the token now; queues a write when the last one is older than <see cref="Interval"/>.</summary>
    public void Record(Guid tokenId, DateTimeOffset now)
    {
        while (true)
        {
            if (!_recorded.TryGetValue(tokenId, out var last))
            {
                if (!_recorded.TryAdd(tokenId, now))
                {
                    continue;
                }
            }
            else if (now - last < Interval || !_recorded.TryUpdate(tokenId, now, last))
            {
                return;
            }
            _writes.Writer.TryWrite((tokenId, now.UtcDateTime));
            return;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (tokenId, atUtc) in _writes.Reader.ReadAllAsync(stoppingToken))
            {
                await WriteAsync(tokenId, atUtc, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (_writes.Reader.TryRead(out var write))
            {
                await WriteAsync(write.TokenId, write.AtUtc, CancellationToken.None);
            }
        }
    }

    private async Task WriteAsync(Guid tokenId, DateTime atUtc, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ContinuityDb>();
            await db.ApiTokens.Where(t => t.Id == tokenId && (t.LastUsedUtc == null || t.LastUsedUtc < atUtc))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, atUtc), cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException)
        {
            WriteFailed(log, e, tokenId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the use of API token {TokenId}.")]
    private static partial void WriteFailed(ILogger log, Exception exception, Guid tokenId);
}
