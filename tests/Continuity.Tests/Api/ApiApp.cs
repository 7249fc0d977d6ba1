using System.Net.Http.Headers;
using Continuity.Accounts;
using Continuity.Data;
using Continuity.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Continuity.Tests.Api;

/// <summary>The real web host with the demo organisation, on a database of its own of one
/// provider (a SQLite file, or a PostgreSQL database when CONTINUITY_TEST_POSTGRES names a server),
/// migrated on start. Users, grants and tokens are made with the core types; every SQL command is counted.</summary>
public abstract class ApiApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The day the demo plan's README judges it.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public SqlCommandCounter SqlCommands { get; } = new();

    public abstract DatabaseOptions Database { get; }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient WithToken(string secret)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A new user holding <paramref name="roles"/> (a team lead of <paramref name="team"/>),
    /// linked to the plan's <paramref name="person"/>, and an API token of theirs.</summary>
    public async Task<(Guid UserId, Guid TokenId, string Secret)> UserAsync(AccessRole[] roles, string? person = null, string? team = null, TimeSpan? expiresIn = null)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var email = $"api-{Guid.NewGuid():N}@example.com";
        var user = new ContinuityUser(email, "API test", now)
        {
            PersonName = person,
            NormalizedEmail = email.ToUpperInvariant(),
            NormalizedUserName = email.ToUpperInvariant(),
        };
        var (token, secret) = ApiToken.Issue(user.Id, "test", now, now + expiresIn);
        await QueryAsync(async db =>
        {
            db.Users.Add(user);
            foreach (var role in roles)
            {
                db.AccessGrants.Add(new AccessGrant(user.Id, role, role == AccessRole.TeamLead ? team : null));
            }
            db.ApiTokens.Add(token);
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return (user.Id, token.Id, secret);
    }

    /// <summary>A new user with a password (to re-enter when signing) holding <paramref name="roles"/>,
    /// and a client calling the API with their token.</summary>
    public async Task<(Guid Id, string Email, HttpClient Client)> UserWithPasswordAsync(AccessRole[] roles, string password, string? team = null)
    {
        var (id, _, secret) = await UserAsync(roles, team: team);
        var email = await QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id, TestContext.Current.CancellationToken);
            user.PasswordHash = new PasswordHasher<ContinuityUser>().HashPassword(user, password);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.LockoutEnabled = true;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return user.Email!;
        });
        return (id, email, WithToken(secret));
    }

    public Task<T> QueryAsync<T>(Func<ContinuityDb, Task<T>> query) => QueryCoreAsync(query);

    private async Task<T> QueryCoreAsync<T>(Func<ContinuityDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ContinuityDb>());
    }

    public Task RevokeAsync(Guid tokenId) => QueryAsync(async db =>
    {
        var token = await db.ApiTokens.SingleAsync(t => t.Id == tokenId);
        token.Revoke(Clock.GetUtcNow().UtcDateTime);
        return await db.SaveChangesAsync();
    });

    public Task DisableAsync(Guid userId) => QueryAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.Disabled = true;
        return await db.SaveChangesAsync();
    });

    /// <summary>Skips the test when this provider's database is not available (never under CI).</summary>
    public virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Demo:LoadWhenEmpty", "true");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<SqliteContinuityDb>(db => db.AddInterceptors(SqlCommands));
            services.ConfigureDbContext<PostgresContinuityDb>(db => db.AddInterceptors(SqlCommands));
        });
    }

    public abstract ValueTask InitializeAsync();
}

public sealed class SqliteApiApp : ApiApp
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"continuity-api-{Guid.NewGuid():N}.db");

    public override DatabaseOptions Database => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}" };

    public override ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class PostgresApiApp : ApiApp
{
    private readonly PostgresDatabases _databases = new();
    private TestDatabase? _database;

    public override DatabaseOptions Database => _database?.Options ?? throw new InvalidOperationException("No PostgreSQL database: " + PostgresDatabases.Variable + " is not set.");

    public override async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresDatabases.Variable) is not { Length: > 0 })
        {
            return;
        }
        await _databases.InitializeAsync();
        _database = await _databases.CreateAsync();
    }

    public override async Task RequireDatabaseAsync()
    {
        if (_database is null)
        {
            await _databases.CreateAsync();          // skips, or fails under CI, saying why
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        await _databases.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
