using System.Runtime.CompilerServices;
using Continuity.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Continuity.Web.Security;

/// <summary>Evicts <see cref="TokenCache"/> entries when this process saves a change to a token,
/// a user or a user's grants through EF Core's change tracker (revoking, disabling, granting and
/// removing access all do), once the change is saved. Bulk updates (<c>ExecuteUpdate</c>) and other
/// processes are not seen: those take effect within the cache's window.</summary>
internal sealed class TokenCacheEviction(TokenCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Touched> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Evict(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Evict(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var touched = new Touched([], []);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            switch (entry.Entity)
            {
                case ApiToken token:
                    touched.Tokens.Add(token.Id);
                    break;
                case ContinuityUser user:
                    touched.Users.Add(user.Id);
                    break;
                case AccessGrant grant:
                    touched.Users.Add(grant.UserId);
                    break;
            }
        }
        if (touched.Tokens.Count > 0 || touched.Users.Count > 0)
        {
            _pending.AddOrUpdate(context, touched);
        }
    }

    private void Evict(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var touched))
        {
            _pending.Remove(context);
            cache.Evict(touched.Tokens, touched.Users);
        }
    }

    private sealed record Touched(HashSet<Guid> Tokens, HashSet<Guid> Users);
}
