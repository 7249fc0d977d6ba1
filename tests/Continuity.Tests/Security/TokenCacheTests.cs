using System.Net;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Tests.Api;
using Continuity.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Security;

/// <summary>API tokens are kept in memory for <c>Tokens:CacheSeconds</c> (5 s by default): a known
/// token costs no query, changes made outside the app take effect within the window, changes made
/// through it at once, and expiry is exact.</summary>
public sealed class TokenCacheTests(SqliteApiApp app) : IClassFixture<SqliteApiApp>
{
    private const string Function = "/api/v1/functions";

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TokenCache Cache => app.Services.GetRequiredService<TokenCache>();

    private async Task<HttpStatusCode> GetAsync(string secret, string url = Function)
    {
        using var client = app.WithToken(secret);
        using var response = await client.GetAsync(url, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_cached_token_runs_no_query_for_authentication_or_authorization()
    {
        var (_, tokenId, secret) = await app.UserAsync([AccessRole.Member]);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var cold = await app.SqlCommands.CountAsync(async () => Assert.Equal(HttpStatusCode.OK, await GetAsync(secret, "/api/v1/openapi.json")));
        Assert.Equal(now, await LastUsedAsync(tokenId, now));
        var warm = await app.SqlCommands.CountAsync(async () => Assert.Equal(HttpStatusCode.OK, await GetAsync(secret, "/api/v1/openapi.json")));

        Assert.InRange(cold, 2, 3);  // the token with its user, the user's grants; perhaps already the queued write of its last use
        Assert.Equal(0, warm);
    }

    public static TheoryData<string> OutsideChanges => ["revoked", "disabled", "grant removed"];

    [Theory]
    [MemberData(nameof(OutsideChanges))]
    public async Task A_change_made_outside_the_app_takes_effect_within_the_window(string change)
    {
        var (userId, tokenId, secret) = await app.UserAsync([AccessRole.Member]);
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // Bulk statements bypass the change tracker, as another process or instance would.
        await app.QueryAsync(db => change switch
        {
            "revoked" => db.ApiTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), Ct),
            "disabled" => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true), Ct),
            _ => db.AccessGrants.Where(g => g.UserId == userId).ExecuteDeleteAsync(Ct),
        });

        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));          // the documented trade-off
        app.Clock.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));
        app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(change == "grant removed" ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized, await GetAsync(secret));
    }

    [Theory]
    [MemberData(nameof(OutsideChanges))]
    public async Task A_change_made_through_the_apps_user_accounts_takes_effect_at_once(string change)
    {
        var (userId, tokenId, secret) = await app.UserAsync([AccessRole.Member]);
        var email = await app.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));
        Assert.Equal(1, Cache.EntriesOf(tokenId));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var actor = new Actor("test", AuditChannel.Cli);
            var result = change switch
            {
                "revoked" => await accounts.RevokeTokenAsync(tokenId, null, actor, Ct),
                "disabled" => await accounts.SetDisabledAsync(email, true, actor, Ct),
                _ => await accounts.RevokeRoleAsync(email, AccessRole.Member, null, actor, Ct),
            };
            Assert.True(result.Succeeded, result.Message);
        }

        Assert.Equal(0, Cache.EntriesOf(tokenId));
        Assert.Equal(change == "grant removed" ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized, await GetAsync(secret));
    }

    [Fact]
    public async Task A_cached_token_is_refused_at_its_exact_expiry()
    {
        var (_, tokenId, secret) = await app.UserAsync([AccessRole.Member], expiresIn: TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));
        app.Clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));

        app.Clock.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(1, Cache.EntriesOf(tokenId));                         // still cached, yet refused
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(secret));
    }

    [Fact]
    public async Task Two_hundred_parallel_requests_with_one_token_all_succeed_and_share_one_entry()
    {
        var (_, tokenId, secret) = await app.UserAsync([AccessRole.Member]);
        using var client = app.WithToken(secret);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/openapi.json", Ct)).StatusCode);
        Assert.Equal(now, await LastUsedAsync(tokenId, now));

        var statuses = new HttpStatusCode[200];
        var commands = await app.SqlCommands.CountAsync(() => Parallel.ForAsync(0, statuses.Length, Ct, async (i, ct) =>
        {
            using var response = await client.GetAsync("/api/v1/openapi.json", ct);
            statuses[i] = response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(0, commands);
        Assert.Equal(1, Cache.EntriesOf(tokenId));
    }

    [Fact]
    public async Task Last_use_is_written_off_the_request_at_most_every_five_minutes()
    {
        var (_, tokenId, secret) = await app.UserAsync([AccessRole.Member]);
        var first = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));
        Assert.Equal(first, await LastUsedAsync(tokenId, first));

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));
        app.Clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));
        await Task.Delay(200, Ct);
        Assert.Equal(first, await LastUsedAsync(tokenId, first));

        app.Clock.Advance(TimeSpan.FromTicks(1));
        var later = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(HttpStatusCode.OK, await GetAsync(secret));
        Assert.Equal(later, await LastUsedAsync(tokenId, later));
    }

    // The write is queued, so wait (briefly) for it to land.
    private async Task<DateTime?> LastUsedAsync(Guid tokenId, DateTime expected)
    {
        DateTime? last = null;
        for (var attempt = 0; attempt < 100 && last != expected; attempt++)
        {
            last = await app.QueryAsync(db => db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.LastUsedUtc).SingleAsync(Ct));
            if (last != expected)
            {
                await Task.Delay(50, Ct);
            }
        }
        return last;
    }

    [Fact]
    public async Task A_pooled_connection_keeps_its_pragmas_across_opens()
    {
        for (var open = 0; open < 3; open++)
        {
            var (foreignKeys, busyTimeout, journal) = await app.QueryAsync(async db =>
            {
                await db.Database.OpenConnectionAsync(Ct);
                try
                {
                    var connection = db.Database.GetDbConnection();
                    return (await ScalarAsync(connection, "PRAGMA foreign_keys"), await ScalarAsync(connection, "PRAGMA busy_timeout"),
                        await ScalarAsync(connection, "PRAGMA journal_mode"));
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            });
            Assert.Equal("1", foreignKeys);
            Assert.Equal((ContinuityDbFactory.SqliteLockWaitSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), busyTimeout);
            Assert.Equal("wal", journal);
        }
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
