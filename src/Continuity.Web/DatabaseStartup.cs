using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Demo;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Continuity.Web;

/// <summary>Runs before the server takes requests: opens the database by the one rule of
/// <see cref="DatabaseOpening"/> as an entry point that writes (a missing SQLite file is created;
/// a database that is behind is migrated while Database:MigrateOnStartup is true, otherwise the
/// start fails with <see cref="DatabaseNotReadyException"/>) and, with <c>--demo</c>, loads the
/// demo into an empty database and creates one demo user per access role when there are no users.</summary>
internal sealed class DatabaseStartup(IServiceProvider services, IOptions<DatabaseOptions> database, IOptions<DemoOptions> demo, TimeProvider clock, ILogger<DatabaseStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContinuityDb>();
        await DatabaseOpening.PrepareAsync(db, database.Value, DatabaseUse.Write, cancellationToken);
        if (!demo.Value.LoadWhenEmpty)
        {
            return;
        }

        if (await db.Organisations.AnyAsync(cancellationToken))
        {
            log.LogInformation("The database already holds a plan; the demo was not loaded.");
        }
        else
        {
            await LoadDemoPlanAsync(db, cancellationToken);
        }
        if (!await db.Users.AnyAsync(cancellationToken))
        {
            await AddDemoUsersAsync(scope.ServiceProvider.GetRequiredService<UserAccounts>(), cancellationToken);
        }
    }

    /// <summary>One user per access role, sharing one generated password that is written to the
    /// console once — not to the log, which may be kept in files.</summary>
    private static async Task AddDemoUsersAsync(UserAccounts accounts, CancellationToken cancellationToken)
    {
        var password = UserAccounts.GeneratePassword();
        var actor = Actor.System();
        (string Email, string Name, AccessRole Role, string? Team, string? Person)[] demoUsers =
        [
            (DemoUsers.Email(AccessRole.ContinuityManager), "Daniel Reyes (demo continuity manager)", AccessRole.ContinuityManager, null, "daniel-reyes"),
            (DemoUsers.Email(AccessRole.TeamLead), "Lena Fischer (demo team lead)", AccessRole.TeamLead, "infrastructure", "lena-fischer"),
            (DemoUsers.Email(AccessRole.Approver), "Maya Okafor (demo approver)", AccessRole.Approver, null, "maya-okafor"),
            (DemoUsers.Email(AccessRole.Member), "Tom Becker (demo member)", AccessRole.Member, null, "tom-becker"),
            (DemoUsers.Email(AccessRole.Auditor), "Demo auditor", AccessRole.Auditor, null, null),
            (DemoUsers.Email(AccessRole.Administrator), "Demo administrator", AccessRole.Administrator, null, null),
        ];
        foreach (var user in demoUsers)
        {
            await accounts.AddAsync(user.Email, user.Name, user.Role, user.Team, password, user.Person, actor, cancellationToken);
        }
        Console.WriteLine($"Demo accounts: {string.Join(", ", demoUsers.Select(u => u.Email))}");
        Console.WriteLine($"Their password (shown only now): {password}");
    }

    private async Task LoadDemoPlanAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
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
