using Continuity.Backups;
using Continuity.Communication;
using Continuity.Dependencies;
using Continuity.Functions;
using Continuity.Organisations;
using Continuity.People;
using Continuity.Procedures;
using Continuity.Risks;
using Continuity.Scenarios;
using Continuity.Sites;
using Continuity.Systems;
using Continuity.Vendors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Continuity.Data;

public abstract class ContinuityDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<Assignment> RoleAssignments => Set<Assignment>();

    public DbSet<RoleHolder> RoleHolders => Set<RoleHolder>();

    public DbSet<BusinessFunction> Functions => Set<BusinessFunction>();

    public DbSet<FunctionImpact> FunctionImpacts => Set<FunctionImpact>();

    public DbSet<FinancialLoss> FinancialLosses => Set<FinancialLoss>();

    public DbSet<SystemElement> Systems => Set<SystemElement>();

    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<Dependency> Dependencies => Set<Dependency>();

    public DbSet<Risk> Risks => Set<Risk>();

    public DbSet<Scenario> Scenarios => Set<Scenario>();

    public DbSet<Procedure> Procedures => Set<Procedure>();

    public DbSet<Step> ProcedureSteps => Set<Step>();

    public DbSet<CommunicationPlan> CommunicationPlans => Set<CommunicationPlan>();

    public DbSet<BackupPolicy> BackupPolicies => Set<BackupPolicy>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContinuityDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
}

// These subclasses exist only so that each provider owns its migrations:
// Data/Migrations/Sqlite and Data/Migrations/Postgres (see scripts/add-migration.sh).
public sealed class SqliteContinuityDb(DbContextOptions<SqliteContinuityDb> options) : ContinuityDb(options);

public sealed class PostgresContinuityDb(DbContextOptions<PostgresContinuityDb> options) : ContinuityDb(options);

// One rule for both engines: DateTime is UTC in memory and in storage.
// (Npgsql refuses non-UTC values for timestamptz; SQLite returns Kind=Unspecified.)
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => EnsureUtc(value),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    // default(DateTime) passes: it is EF's sentinel for "not set", which the compiled model's
    // generator converts (scripts/add-migration.sh); no element is ever stored with it.
    private static DateTime EnsureUtc(DateTime value) => value.Kind == DateTimeKind.Utc || value == default
        ? value
        : throw new ArgumentException($"Refusing to store a {value.Kind} DateTime; use TimeProvider.");
}
