using Continuity.Cli;
using Continuity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Continuity.Tests.Cli;

/// <summary>Commands get their services from the one composition root (ADR 008), so a test
/// replaces them as it does for the web app.</summary>
public sealed class CompositionRootCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_stamps_the_elements_and_the_audit_log_with_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();

        var run = await _cli.RunAsync(services => services.AddSingleton<TimeProvider>(clock), "import", _cli.PathOf("plan"));

        run.AssertSuccess();
        await using var db = ContinuityDbFactory.Create(new DatabaseOptions { ConnectionString = _cli.ConnectionString });
        var now = clock.GetUtcNow().UtcDateTime;
        Assert.Equal(new[] { now }, await db.Functions.Select(f => f.UpdatedUtc).Distinct().ToListAsync(Ct));
        Assert.Equal(new[] { now }, await db.AuditEntries.Select(e => e.AtUtc).Distinct().ToListAsync(Ct));
    }

    [Fact]
    public async Task Serve_on_a_database_that_is_behind_with_migrations_off_says_so_in_one_sentence()
    {
        var run = await _cli.RunAsync(services => services.Configure<DatabaseOptions>(options => options.MigrateOnStartup = false),
            "serve", "--urls", "http://127.0.0.1:0", "--connection-string", _cli.ConnectionString);

        Assert.True(run.ExitCode == ExitCodes.Environment, $"exit {run.ExitCode}\n{run.All}");
        Assert.Contains("Continuity did not start", run.Error, StringComparison.Ordinal);
        Assert.Contains("continuity db migrate", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_migrations_off_a_command_refuses_a_database_that_is_behind_and_changes_nothing()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();
        (await _cli.RunAsync("db", "migrate")).AssertSuccess();
        await using (var db = ContinuityDbFactory.Create(new DatabaseOptions { ConnectionString = _cli.ConnectionString }))
        {
            await db.Database.ExecuteSqlRawAsync(
                "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\")", Ct);
        }

        var run = await _cli.RunAsync(services => services.Configure<DatabaseOptions>(options => options.MigrateOnStartup = false),
            "import", _cli.PathOf("plan"));

        Assert.True(run.ExitCode == ExitCodes.Environment, $"exit {run.ExitCode}\n{run.All}");
        Assert.Contains("run 'continuity db migrate' first", run.Error, StringComparison.Ordinal);
        await using var after = ContinuityDbFactory.Create(new DatabaseOptions { ConnectionString = _cli.ConnectionString });
        Assert.False(await after.Functions.AnyAsync(Ct));
    }
}
