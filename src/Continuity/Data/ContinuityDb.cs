using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Backups;
using Continuity.Communication;
using Continuity.Dependencies;
using Continuity.Functions;
using Continuity.Organisations;
using Continuity.People;
using Continuity.Procedures;
using Continuity.Revisions;
using Continuity.Risks;
using Continuity.Scenarios;
using Continuity.Sites;
using Continuity.Systems;
using Continuity.Vendors;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Continuity.Data;

/// <summary>The plan's tables, and the application's own: users and their access, API tokens, the
/// audit log, the plan revision and element versions, and the Data Protection keys.</summary>
public abstract class ContinuityDb(DbContextOptions options) : IdentityUserContext<ContinuityUser, Guid>(options), IDataProtectionKeyContext
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

    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditHead> AuditHead => Set<AuditHead>();

    public DbSet<PlanRevision> PlanRevision => Set<PlanRevision>();

    public DbSet<ElementVersion> ElementVersions => Set<ElementVersion>();

    public DbSet<Governance.PlanVersion> PlanVersions => Set<Governance.PlanVersion>();

    public DbSet<Governance.VersionReviewer> VersionReviewers => Set<Governance.VersionReviewer>();

    public DbSet<Governance.VersionComment> VersionComments => Set<Governance.VersionComment>();

    public DbSet<Governance.VersionSignOff> VersionSignOffs => Set<Governance.VersionSignOff>();

    public DbSet<Governance.AppSetting> AppSettings => Set<Governance.AppSetting>();

    public DbSet<Functions.ObjectiveApproval> ObjectiveApprovals => Set<Functions.ObjectiveApproval>();

    public DbSet<Governance.ApprovalDocument> ApprovalDocuments => Set<Governance.ApprovalDocument>();

    public DbSet<Governance.VersionRecipient> VersionRecipients => Set<Governance.VersionRecipient>();

    public DbSet<Governance.OutboxMessage> OutboxMessages => Set<Governance.OutboxMessage>();

    public DbSet<Governance.UpdateRequest> UpdateRequests => Set<Governance.UpdateRequest>();

    public DbSet<Governance.OfflineCopy> OfflineCopies => Set<Governance.OfflineCopy>();

    public DbSet<Governance.JobRun> JobRuns => Set<Governance.JobRun>();

    public DbSet<Governance.SentReminder> SentReminders => Set<Governance.SentReminder>();

    public DbSet<Governance.ContactVerificationRequest> ContactVerificationRequests => Set<Governance.ContactVerificationRequest>();

    public DbSet<Governance.CalendarFeed> CalendarFeeds => Set<Governance.CalendarFeed>();

    public DbSet<Governance.Webhook> Webhooks => Set<Governance.Webhook>();

    public DbSet<Governance.WebhookEvent> WebhookEvents => Set<Governance.WebhookEvent>();

    public DbSet<Governance.WebhookDelivery> WebhookDeliveries => Set<Governance.WebhookDelivery>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var modelBuilder = builder;
        base.OnModelCreating(modelBuilder);     // Identity's users, claims, logins and tokens
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContinuityDb).Assembly);
    }

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
