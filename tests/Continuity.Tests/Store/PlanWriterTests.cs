using System.Data.Common;
using Continuity.Audit;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Store;

/// <summary>The one writer (ADR 005) on a real database, once per provider.</summary>
public abstract class PlanWriterTests(TestDatabases databases)
{
    private static readonly Actor Ana = new("ana@example.org", AuditChannel.Form);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_revision_goes_up_once_per_change_and_not_for_unchanged_content()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        Assert.Equal(1, await RevisionAsync(database));

        var version = await VersionAsync(database, "enrolment");
        var changed = await WriterAsync(database, w => w.ChangeObjectivesAsync(Ana, "enrolment", version, Duration.FromHours(8), Duration.Parse("15m"), Duration.FromDays(1), Ct));
        var again = await WriterAsync(database, w => w.ChangeObjectivesAsync(Ana, "enrolment", changed.Version, Duration.FromHours(8), Duration.Parse("15m"), Duration.FromDays(1), Ct));
        var reimport = await ImportAsync(database, await ExportAsync(database));

        Assert.Equal(2, changed.Revision);
        Assert.Equal(new ElementWrite(changed.Version, 2), again);
        Assert.False(reimport.HasChanges);
        Assert.Equal(2, await RevisionAsync(database));
        await using var db = database.Open();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Revision == 2, Ct));
        Assert.Equal(2, await db.ElementVersions.CountAsync(v => v.Name == "enrolment", Ct));
    }

    [Fact]
    public async Task An_rto_change_is_audited_with_the_field_before_and_after()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());

        var version = await VersionAsync(database, "enrolment");
        await WriterAsync(database, w => w.ChangeObjectivesAsync(Ana, "enrolment", version, Duration.FromHours(8), Duration.Parse("15m"), Duration.FromDays(1), Ct));

        await using var db = database.Open();
        var entry = await db.AuditEntries.SingleAsync(e => e.Revision == 2, Ct);
        Assert.Equal(("ana@example.org", AuditChannel.Form, "updated", "function:enrolment"), (entry.Actor, entry.Channel, entry.Action, entry.Subject));
        var change = Assert.Single(entry.FieldChanges);
        Assert.Equal("spec.objectives.rto", change.Field);
        Assert.Equal(("240", "480"), (change.Before, change.After));   // durations are minutes in canonical JSON
        Assert.True((await AuditLog.VerifyAsync(db, Ct)).Intact);
    }

    [Fact]
    public async Task A_stale_version_or_creating_an_existing_element_is_a_conflict_and_changes_nothing()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var payroll = FullDocuments().Single(d => d.Name == "payroll");
        ((BusinessFunctionSpec)payroll.Spec).Tier = 2;
        var fingerprint = await database.FingerprintAsync();

        var stale = await Assert.ThrowsAsync<PlanConflictException>(() => WriterAsync(database, w => w.ReplaceElementAsync(Ana, payroll, Guid.NewGuid(), Ct)));
        var create = await Assert.ThrowsAsync<PlanConflictException>(() => WriterAsync(database, w => w.ReplaceElementAsync(Ana, payroll, null, Ct)));

        Assert.Equal("function:payroll", Assert.Single(stale.Conflicts).Element);
        Assert.Contains("already exists", create.Message, StringComparison.Ordinal);
        Assert.Equal(fingerprint, await database.FingerprintAsync());
    }

    [Fact]
    public async Task An_unknown_reference_or_a_value_out_of_range_is_a_validation_error_per_field()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var version = await VersionAsync(database, "payroll");
        var dangling = Document(ElementKind.BusinessFunction, "payroll", new BusinessFunctionSpec { Tier = 4, DependsOn = [new DependencySpec { On = new Reference(null, "no-such-system") }] });
        var tier = Document(ElementKind.BusinessFunction, "payroll", new BusinessFunctionSpec { Tier = 9 });

        var unknown = await Assert.ThrowsAsync<PlanValidationException>(() => WriterAsync(database, w => w.ReplaceElementAsync(Ana, dangling, version, Ct)));
        var range = await Assert.ThrowsAsync<PlanValidationException>(() => WriterAsync(database, w => w.ReplaceElementAsync(Ana, tier, version, Ct)));

        Assert.Contains(unknown.Errors, e => e.Message.Contains("no-such-system", StringComparison.Ordinal));
        Assert.Contains(range.Errors, e => e.Field == "spec.tier");
        Assert.Equal(1, await RevisionAsync(database));
    }

    [Fact]
    public async Task A_reference_to_nothing_is_reported_on_its_field_so_a_form_can_show_it_there()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var version = await VersionAsync(database, "payroll");
        var dangling = Document(ElementKind.BusinessFunction, "payroll", new BusinessFunctionSpec
        {
            Tier = 4,
            Supports = ["no-such-service"],
            DependsOn = [new DependencySpec { On = Ref(ElementKind.System, "web-app") }, new DependencySpec { On = new Reference(null, "no-such-system") }],
        });

        var error = await Assert.ThrowsAsync<PlanValidationException>(() => WriterAsync(database, w => w.ReplaceElementAsync(Ana, dangling, version, Ct)));

        Assert.Contains(error.Errors, e => e.Field == "spec.dependsOn[1].on" && e.Message.Contains("no-such-system", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Field == "spec.supports" && e.Message.Contains("no-such-service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removing_an_element_that_is_still_referred_to_names_each_reference_and_changes_nothing()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var fingerprint = await database.FingerprintAsync();
        await using var db = database.Open();
        var version = await db.Systems.Where(s => s.Name == "customer-db").Select(s => s.Version).SingleAsync(Ct);

        var error = await Assert.ThrowsAsync<PlanValidationException>(() => new PlanWriter(db, _clock).RemoveElementAsync(Ana, ElementKind.System, "customer-db", version, Ct));

        Assert.StartsWith("system:customer-db cannot be removed", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Errors, e => e.Message.StartsWith("system:web-app refers to it in spec.dependsOn[", StringComparison.Ordinal));
        Assert.Equal(fingerprint, await database.FingerprintAsync());
    }

    [Fact]
    public async Task Dropping_an_impact_category_a_function_rates_is_refused_and_names_the_function()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var organisation = (await ExportAsync(database)).Organisation!;
        ((OrganisationSpec)organisation.Spec).Impact.Categories = ["financial", "safety"];
        await using var db = database.Open();
        var version = await db.Organisations.Select(o => o.Version).SingleAsync(Ct);

        var error = await Assert.ThrowsAsync<PlanValidationException>(() => new PlanWriter(db, _clock).ReplaceElementAsync(Ana, organisation, version, Ct));

        Assert.Contains(error.Errors, e => e.Message.StartsWith("function:enrolment: 'customer' is not an impact category", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Saving_one_element_reads_a_bounded_number_of_queries_whatever_the_plans_size()
    {
        await using var database = await databases.CreateAsync();
        var documents = FullDocuments();
        await ImportAsync(database, new Plan(documents));
        var small = await SaveCountingAsync(database, "payroll");
        for (var i = 0; i < 300; i++)
        {
            documents.Add(Document(ElementKind.System, $"filler-{i}", new SystemSpec { DependsOn = [new DependencySpec { On = Ref(ElementKind.System, "customer-db") }] }));
        }
        await ImportAsync(database, new Plan(documents));

        var large = await SaveCountingAsync(database, "payroll");

        Assert.Equal(small, large);
        Assert.InRange(large, 1, 30);
    }

    private async Task<int> SaveCountingAsync(TestDatabase database, string function)
    {
        var version = await VersionAsync(database, function);
        var counter = new SqlCommandCounter();
        await using var db = database.Open(counter);
        var tier = Random.Shared.Next(1, 5);
        return await counter.CountAsync(() => new PlanWriter(db, _clock).ReplaceElementAsync(Ana,
            Document(ElementKind.BusinessFunction, function, new BusinessFunctionSpec { Tier = tier, Description = $"saved {Guid.NewGuid()}" }), version, Ct));
    }

    [Fact]
    public async Task Retiring_a_system_removes_it_as_retired_and_a_missing_one_is_not_found()
    {
        await using var database = await databases.CreateAsync();
        var documents = FullDocuments();
        documents.Add(Document(ElementKind.System, "fax-gateway", new SystemSpec()));
        await ImportAsync(database, new Plan(documents));
        await using (var db = database.Open())
        {
            var version = await db.Systems.Where(s => s.Name == "fax-gateway").Select(s => s.Version).SingleAsync(Ct);
            Assert.Equal(2, await new PlanWriter(db, _clock).RetireSystemAsync(Ana, "fax-gateway", version, Ct));
            await Assert.ThrowsAsync<ElementNotFoundException>(() => new PlanWriter(db, _clock).RetireSystemAsync(Ana, "fax-gateway", version, Ct));
            var entry = await db.AuditEntries.SingleAsync(e => e.Revision == 2, Ct);
            Assert.Equal(("retired", "system:fax-gateway"), (entry.Action, entry.Subject));
            Assert.Null(await db.ElementVersions.Where(v => v.Name == "fax-gateway" && v.Revision == 2).Select(v => v.Document).SingleAsync(Ct));
        }
    }

    [Fact]
    public async Task Assigning_role_holders_replaces_the_holders_of_that_assignment()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        await using var db = database.Open();
        var version = await db.Roles.Where(r => r.Name == "scribe").Select(r => r.Version).SingleAsync(Ct);

        await new PlanWriter(db, _clock).AssignRoleHolderAsync(Ana, "scribe", version, "platform-team", ["grace", "ada"], Ct);

        var scribe = (await PlanExport.LoadAsync(db, Ct)).Documents.Single(d => d.Name == "scribe");
        var assignment = Assert.Single(((RoleSpec)scribe.Spec).Assignments);
        Assert.Equal(["person:grace", "person:ada"], assignment.Holders.Select(h => h.ToString()));
    }

    [Fact]
    public async Task Of_two_concurrent_imports_of_different_plans_one_wins_and_the_other_is_a_conflict()
    {
        // Reproduces the bug of ADR 005: both used to report success while one silently won.
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var first = FullDocuments();
        ((BusinessFunctionSpec)first.Single(d => d.Name == "payroll").Spec).Tier = 2;
        var second = FullDocuments().Where(d => d.Name != "payroll").ToList();
        var rendezvous = new Rendezvous(2);

        async Task<(Plan Plan, Exception? Problem)> Run(List<PlanDocument> documents)
        {
            await using var db = database.Open(rendezvous);
            var plan = new Plan(documents);
            try
            {
                await new PlanWriter(db, _clock).ImportAsync(Actor.CommandLine(AuditChannel.Import), plan, new ImportOptions(), Ct);
                return (plan, null);
            }
            catch (PlanConflictException conflict)
            {
                return (plan, conflict);
            }
        }
        var results = await Task.WhenAll(Run(first), Run(second));

        var winner = Assert.Single(results, r => r.Problem is null);
        Assert.Single(results, r => r.Problem is PlanConflictException);
        Assert.Equal(CanonicalPlanJson.Of(winner.Plan), CanonicalPlanJson.Of(await ExportAsync(database)));
        Assert.Equal(2, await RevisionAsync(database));
    }

    [Fact]
    public async Task Files_changed_where_the_app_changed_the_same_element_are_a_conflict_unless_forced()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var exported = await ExportAsync(database);
        var version = await VersionAsync(database, "enrolment");
        await WriterAsync(database, w => w.ChangeObjectivesAsync(Ana, "enrolment", version, Duration.FromHours(8), Duration.Parse("15m"), Duration.FromDays(1), Ct));

        var files = Copy(exported);
        ((BusinessFunctionSpec)files.Single(d => d.Name == "enrolment").Spec).Objectives!.Rto = Duration.FromHours(2);
        ((BusinessFunctionSpec)files.Single(d => d.Name == "payroll").Spec).Tier = 2;
        var fingerprint = await database.FingerprintAsync();

        var conflict = await Assert.ThrowsAsync<PlanConflictException>(() => ImportAsync(database, new Plan(files), new ImportOptions { BaseRevision = 1 }));
        var element = Assert.Single(conflict.Conflicts);
        Assert.Equal(("function:enrolment", "spec.objectives.rto"), (element.Element, Assert.Single(element.Fields)));
        Assert.Equal(fingerprint, await database.FingerprintAsync());

        var forced = await ImportAsync(database, new Plan(files), new ImportOptions { BaseRevision = 1, Force = true });
        Assert.Equal(["function:enrolment", "function:payroll"], forced.Updated);
    }

    [Fact]
    public async Task Files_that_change_other_elements_keep_the_apps_change()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var exported = await ExportAsync(database);
        var version = await VersionAsync(database, "enrolment");
        await WriterAsync(database, w => w.ChangeObjectivesAsync(Ana, "enrolment", version, Duration.FromHours(8), Duration.Parse("15m"), Duration.FromDays(1), Ct));

        var files = Copy(exported);
        ((BusinessFunctionSpec)files.Single(d => d.Name == "payroll").Spec).Tier = 2;
        var report = await ImportAsync(database, PlanRevisionAnnotation.Add(new Plan(files), 1));

        Assert.Equal(["function:payroll"], report.Updated);
        var stored = await ExportAsync(database);
        Assert.Equal(Duration.FromHours(8), ((BusinessFunctionSpec)stored.Documents.Single(d => d.Name == "enrolment").Spec).Objectives!.Rto);
        Assert.DoesNotContain(PlanRevisionAnnotation.Key, stored.Organisation!.Metadata.Annotations.Keys);
    }

    [Fact]
    public async Task A_team_scoped_import_touches_only_that_teams_elements()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        // The team's folder holds no organisation, sites, teams or vendors; it changes its own
        // function, and also a function that is not the team's, which the import must leave alone.
        var folder = FullDocuments().Where(d => d.Kind is not (ElementKind.Organisation or ElementKind.Site or ElementKind.Team or ElementKind.Vendor)).ToList();
        var enrolment = folder.Single(d => d.Name == "enrolment");
        ((BusinessFunctionSpec)enrolment.Spec).Tier = 2;
        ClearKinds(enrolment);
        ((BusinessFunctionSpec)folder.Single(d => d.Name == "payroll").Spec).Tier = 1;

        var report = await ImportAsync(database, new Plan(folder), new ImportOptions { Scope = ImportScope.ForTeam("platform-team") });

        Assert.Equal(["function:enrolment"], report.Updated);
        Assert.Empty(report.Removed);
        var stored = await ExportAsync(database);
        Assert.Equal(4, ((BusinessFunctionSpec)stored.Documents.Single(d => d.Name == "payroll").Spec).Tier);
        Assert.Equal(2, ((BusinessFunctionSpec)stored.Documents.Single(d => d.Name == "enrolment").Spec).Tier);
    }

    private static void ClearKinds(PlanDocument document)
    {
        // As the loader leaves a folder that names elements outside it: bare, unresolved references.
        var spec = (BusinessFunctionSpec)document.Spec;
        foreach (var dependency in spec.DependsOn)
        {
            dependency.On = dependency.On is null ? null : new Reference(null, dependency.On.Name);
        }
    }

    private static List<PlanDocument> Copy(Plan plan) => [.. PlanLoader.LoadTexts(Continuity.PlanFiles.PlanFileWriter.Files(plan)).Plan.Documents];

    private async Task<T> WriterAsync<T>(TestDatabase database, Func<PlanWriter, Task<T>> write)
    {
        await using var db = database.Open();
        return await write(new PlanWriter(db, _clock));
    }

    private async Task<ImportReport> ImportAsync(TestDatabase database, Plan plan, ImportOptions? options = null)
    {
        await using var db = database.Open();
        return await new PlanWriter(db, _clock).ImportAsync(Actor.CommandLine(AuditChannel.Import), plan, options ?? new ImportOptions(), Ct);
    }

    private static async Task<Plan> ExportAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await PlanExport.LoadAsync(db, Ct);
    }

    private async Task<long> RevisionAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await new PlanWriter(db, _clock).CurrentRevisionAsync(Ct);
    }

    private static async Task<Guid> VersionAsync(TestDatabase database, string function)
    {
        await using var db = database.Open();
        return await db.Functions.Where(f => f.Name == function).Select(f => f.Version).SingleAsync(Ct);
    }

    /// <summary>Holds every transaction until all parties are about to begin theirs, so that
    /// concurrent writers really compute against the same revision.</summary>
    private sealed class Rendezvous(int parties) : DbTransactionInterceptor
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _arrived) == parties)
            {
                _all.TrySetResult();
            }
            await _all.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return result;
        }
    }
}

public sealed class SqlitePlanWriterTests(SqliteDatabases databases) : PlanWriterTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresPlanWriterTests(PostgresDatabases databases) : PlanWriterTests(databases), IClassFixture<PostgresDatabases>;
