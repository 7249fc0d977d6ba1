using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Browser;

/// <summary>The real app on Kestrel at a free loopback port, for a browser: its own SQLite file,
/// the demo organisation loaded on start and the clock set to the day the demo's README judges it
/// (as <see cref="DemoApp"/>, which serves only in memory).</summary>
public class LiveDemoApp : ContinuityApp, IAsyncLifetime
{
    private readonly Dictionary<AccessRole, Task<BrowserSession>> _sessions = [];

    public LiveDemoApp()
        : base(loadDemo: true, new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero))
    {
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");   // a free port
    }

    /// <summary>Where the app listens, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>False when the app could not be started for want of its database (PostgreSQL not configured).</summary>
    public bool IsRunning { get; private set; }

    public virtual ValueTask InitializeAsync()
    {
        StartServer();                                // returns once the demo is loaded (DatabaseStartup)
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single(), UriKind.Absolute);
        IsRunning = true;
        return ValueTask.CompletedTask;
    }

    /// <summary>The session of a user with this access role, signed in by <paramref name="signIn"/>
    /// the first time a test of the class asks for it; later tests start their own browser
    /// contexts from its storage state instead of signing in again. A failed sign-in is tried
    /// again by the next test.</summary>
    internal Task<BrowserSession> SessionAsync(AccessRole role, Func<AccessRole, Task<BrowserSession>> signIn)
    {
        lock (_sessions)
        {
            if (!_sessions.TryGetValue(role, out var session) || session.IsFaulted || session.IsCanceled)
            {
                session = signIn(role);
                _sessions[role] = session;
            }
            return session;
        }
    }
}

/// <summary>A signed-in user and the browser storage (the session cookie) that carries the sign-in,
/// as <see cref="Microsoft.Playwright.IBrowserContext.StorageStateAsync"/> saves it.</summary>
internal sealed record BrowserSession(string Email, string StorageState);

/// <summary>The live demo app on a PostgreSQL database of its own, for the browser tests that must
/// hold on both databases. Without a server its tests skip, and fail under CI.</summary>
public sealed class PostgresLiveDemoApp : LiveDemoApp
{
    private readonly PostgresDatabases _databases = new();
    private TestDatabase? _database;

    protected override Continuity.Data.DatabaseOptions Database =>
        _database?.Options ?? throw new InvalidOperationException($"No PostgreSQL database: {PostgresDatabases.Variable} is not set.");

    public override async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresDatabases.Variable) is not { Length: > 0 })
        {
            return;                                   // the test says why (RequireDatabaseAsync)
        }
        await _databases.InitializeAsync();
        _database = await _databases.CreateAsync();
        await base.InitializeAsync();
    }

    /// <summary>Skips the test (or fails it under CI) when there is no PostgreSQL server.</summary>
    public async Task RequireDatabaseAsync()
    {
        if (_database is null)
        {
            await _databases.CreateAsync();
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
    }
}
