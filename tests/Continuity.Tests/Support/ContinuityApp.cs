using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Continuity.Tests.Support;

/// <summary>Boots the real web host on its own SQLite file. Startup applies the real migrations,
/// exactly as in production (no EnsureCreated, no in-memory provider). Every SQL command the
/// app runs is counted, so tests can hold pages to a fixed number of queries.</summary>
public class ContinuityApp : WebApplicationFactory<Program>
{
    private readonly string _databasePath =
        Path.Combine(Path.GetTempPath(), $"continuity-tests-{Guid.NewGuid():N}.db");

    private readonly bool _loadDemo;

    public ContinuityApp()
        : this(loadDemo: false)
    {
    }

    protected ContinuityApp(bool loadDemo, DateTimeOffset? now = null)
    {
        _loadDemo = loadDemo;
        Clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    }

    public FakeTimeProvider Clock { get; }

    public SqlCommandCounter SqlCommands { get; } = new();

    public string DatabasePath => _databasePath;

    /// <summary>The database the app runs on: its own SQLite file, unless a subclass says otherwise.</summary>
    protected virtual DatabaseOptions Database => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_databasePath}" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var database = Database;
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", database.ConnectionString);
        builder.UseSetting("Demo:LoadWhenEmpty", _loadDemo ? "true" : "false");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("RateLimits:AccountPerMinute", AccountFormsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<SqliteContinuityDb>(db => db.AddInterceptors(SqlCommands));
            services.ConfigureDbContext<PostgresContinuityDb>(db => db.AddInterceptors(SqlCommands));
        });
    }

    /// <summary>The rate limit on the account forms; tests sign in far more often than people.</summary>
    protected virtual int AccountFormsPerMinute => 100_000;

    /// <summary>A password good enough for the app's rules, for test users.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>Creates a user through the app's own <see cref="UserAccounts"/> with a unique
    /// e-mail address and <see cref="Password"/>; a team lead leads <paramref name="team"/>, which
    /// must exist in the plan.</summary>
    public async Task<string> CreateUserAsync(AccessRole role, string? team = null, string? email = null)
    {
        email ??= $"{AccessRoles.Slug(role)}-{Guid.NewGuid():N}@example.test";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .AddAsync(email, null, role, team, Password, null, new Actor("test", AuditChannel.Cli), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Message);
        return email;
    }

    /// <summary>A client that does not follow redirects and keeps cookies, not signed in.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client (following redirects, keeping cookies) signed in as a new user with this
    /// access role: the user is created and the real sign-in form posted on the first request.</summary>
    public HttpClient CreateClient(AccessRole role, string? team = null) =>
        CreateDefaultClient(new Uri("http://localhost"), new SignInOnFirstRequest(async client =>
            await SignInAsync(client, await CreateUserAsync(role, team), Password)), new RedirectHandler(), new CookieContainerHandler());

    /// <summary>A non-redirecting client signed in as a new user with this access role.</summary>
    public async Task<HttpClient> SignedInBrowserAsync(AccessRole role, string? team = null)
    {
        var client = CreateBrowser();
        await SignInAsync(client, await CreateUserAsync(role, team), Password);
        return client;
    }

    /// <summary>Posts the real sign-in form (with its antiforgery token) and checks it signed in.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await PostFormAsync(client, "/account/sign-in", new() { ["Email"] = email, ["Password"] = password });
        var ok = response.StatusCode == HttpStatusCode.Redirect
            ? response.Headers.Location?.OriginalString.StartsWith("/account/sign-in", StringComparison.Ordinal) == false
            : response.IsSuccessStatusCode && !(await response.Content.ReadAsStringAsync()).Contains("form-problem", StringComparison.Ordinal);
        Assert.True(ok, $"Signing in as {email} failed ({(int)response.StatusCode}).");
    }

    /// <summary>GETs the page, then posts the form with the page's antiforgery token and these fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path, TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<T> QueryAsync<T>(Func<ContinuityDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ContinuityDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();                 // pooled connections keep the file open
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app with the demo organisation loaded on start (<c>serve --demo</c>), on the day
/// its README judges it (2026-11-28), so the checks find exactly the documented weaknesses.</summary>
public sealed class DemoApp() : ContinuityApp(loadDemo: true, new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

/// <summary>Signs in (once, through the rest of the handler chain, so the cookies are kept) before the first request.</summary>
internal sealed class SignInOnFirstRequest(Func<HttpClient, Task> signIn) : DelegatingHandler
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _signedIn;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_signedIn)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_signedIn)
                {
                    using var client = new HttpClient(InnerHandler!, disposeHandler: false) { BaseAddress = new Uri("http://localhost") };
                    await signIn(client);
                    _signedIn = true;
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>The demo app on a PostgreSQL database of its own (CONTINUITY_TEST_POSTGRES), for the
/// tests that must hold on both databases. Without a server its tests skip, and fail under CI
/// (<see cref="RequireDatabaseAsync"/>).</summary>
public sealed class PostgresDemoApp() : ContinuityApp(loadDemo: true, new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)), IAsyncLifetime
{
    private readonly PostgresDatabases _databases = new();
    private TestDatabase? _database;

    protected override DatabaseOptions Database =>
        _database?.Options ?? throw new InvalidOperationException($"No PostgreSQL database: {PostgresDatabases.Variable} is not set.");

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresDatabases.Variable) is { Length: > 0 })
        {
            await _databases.InitializeAsync();
            _database = await _databases.CreateAsync();
        }
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

/// <summary>Counts the SQL commands EF Core sends, to prove a page runs a fixed number of queries.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The number of commands <paramref name="action"/> caused. Nothing else may use
    /// the app meanwhile, so tests that count keep to their own app.</summary>
    public async Task<int> CountAsync(Func<Task> action)
    {
        var before = Count;
        await action();
        return Count - before;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
