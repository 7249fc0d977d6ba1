using Continuity.Data;
using Continuity.Demo;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Continuity.Web;

/// <summary>Runs before the server takes requests: migrates the database (SQLite always; PostgreSQL
/// when MigrateOnStartup is set) and, with <c>--demo</c>, loads the demo into an empty database.</summary>
internal sealed class DatabaseStartup(IServiceProvider services, IOptions<DemoOptions> demo, TimeProvider clock, ILogger<DatabaseStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.MigrateDatabaseAsync(cancellationToken);
        if (!demo.Value.LoadWhenEmpty)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContinuityDb>();
        if (await db.Organisations.AnyAsync(cancellationToken))
        {
            log.LogInformation("The database already holds a plan; the demo was not loaded.");
            return;
        }
        var loaded = DemoPlan.Load();
        if (loaded.HasErrors)
        {
            throw new InvalidOperationException("The built-in demo plan is invalid: " + loaded.Diagnostics.First(d => d.Severity == PlanFiles.Severity.Error));
        }
        var report = await PlanImport.ApplyAsync(db, loaded.Plan, clock, dryRun: false, cancellationToken);
        log.LogInformation("Loaded the demo organisation: {Count} elements.", report.Created.Count());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
