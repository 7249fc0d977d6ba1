using System.Data.Common;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Store;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Data;

/// <summary>Import and export against a real, migrated database; runs once per provider
/// (<see cref="SqlitePlanStoreTests"/>, <see cref="PostgresPlanStoreTests"/>). Each test has a
/// database of its own.</summary>
public abstract class PlanStoreTests(TestDatabases databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_plan_comes_back_from_the_database_as_it_was_imported()
    {
        await using var database = await databases.CreateAsync();
        var plan = Full();

        var report = await ImportAsync(database, plan);
        var exported = await ExportAsync(database);

        Assert.Equal(plan.Documents.Select(d => $"{ElementKinds.Slug(d.Kind)}:{d.Name}").Order(StringComparer.Ordinal),
            report.Created.Order(StringComparer.Ordinal));
        Assert.Empty(report.Updated.Concat(report.Removed).Concat(report.Unchanged));
        Assert.Equal(CanonicalPlanJson.Of(plan), CanonicalPlanJson.Of(exported));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_generated_organisation_exports_byte_identically_after_a_round_trip_through_the_database(int seed)
    {
        await using var database = await databases.CreateAsync();
        var files = PlanFileWriter.Files(SyntheticOrganisation.Generate(new GenerationOptions { Seed = seed, Functions = 30, Systems = 120, RedundancyShare = 0.3 }));
        var plan = PlanLoader.LoadTexts(files).Plan;

        await ImportAsync(database, plan);
        var exported = PlanFileWriter.Files(await ExportAsync(database));
        var again = await ImportAsync(database, PlanLoader.LoadTexts(exported).Plan);

        Assert.Equal(files, exported);
        Assert.False(again.HasChanges);
    }

    [Fact]
    public async Task A_plan_under_construction_with_zero_values_imports_and_exports_byte_identically()
    {
        await using var database = await databases.CreateAsync();
        var loaded = IncompletePlan.Load();
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));

        await ImportAsync(database, loaded.Plan);
        var exported = await ExportAsync(database);
        var again = await ImportAsync(database, exported);

        Assert.Equal(PlanFileWriter.Files(loaded.Plan), PlanFileWriter.Files(exported));
        Assert.False(again.HasChanges);
        await using var db = database.Open();
        Assert.Null(await db.ProcedureSteps.Select(s => s.Responsible).SingleAsync(Ct));
        Assert.Equal(0, await db.Systems.Where(s => s.Name == "ledger").Select(s => s.RtoMinutes).SingleAsync(Ct));
        var snapshot = await PlanSnapshot.LoadAsync(db, Ct);
        var ledger = snapshot.NodeIndex["system:ledger"];
        var shopDb = snapshot.NodeIndex["system:shop-db"];
        Assert.Equal((0, 0, 0, true, 0), (snapshot.RtoMinutes[ledger], snapshot.RpoMinutes[ledger], snapshot.RestoreMinutes[ledger], snapshot.RestoreKnown[ledger], snapshot.RecoveryPointMinutes[ledger]));
        Assert.Equal((-1, -1, false, -1), (snapshot.RtoMinutes[shopDb], snapshot.RpoMinutes[shopDb], snapshot.RestoreKnown[shopDb], snapshot.RecoveryPointMinutes[shopDb]));
    }

    [Fact]
    public async Task Export_keeps_the_order_of_lists_and_the_exact_references()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());

        var exported = await ExportAsync(database);

        var enrolment = exported.Specs<BusinessFunctionSpec>().Single(f => f.Document.Name == "enrolment").Spec;
        Assert.Equal(["system:web-app", "", "vendor:payments-co", ""], enrolment.DependsOn.Select(d => d.On?.ToString() ?? ""));
        Assert.Equal(["site:eu-west-1", "site:berlin-office"], enrolment.DependsOn[3].AnyOf.Select(r => r.ToString()));
        Assert.Equal(DependencyType.Degraded, enrolment.DependsOn[2].Type);
        Assert.Equal(["financial", "customer"], enrolment.Impact.Keys);
        Assert.Equal(ImpactRating.Severe, enrolment.Impact["financial"][Duration.FromDays(1)]);
        var commander = exported.Specs<RoleSpec>().Single(r => r.Document.Name == "incident-commander").Spec;
        Assert.Equal(["ada", "grace"], commander.Assignments[0].Holders.Select(h => h.Name));
        Assert.Equal(Reference.To(ElementKind.Person, "ada"), commander.Assignments[0].Holders[0]);
        var procedure = exported.Specs<ProcedureSpec>().Single().Spec;
        Assert.Equal(["declare", "restore"], procedure.Steps.Select(s => s.Id));
        var person = exported.Specs<PersonSpec>().Single(p => p.Document.Name == "charles").Spec;
        Assert.False(person.Active);
        Assert.Equal(3, exported.Specs<SystemSpec>().Single(s => s.Document.Name == "customer-db").Spec.Tier);
    }

    [Fact]
    public async Task Importing_the_same_plan_twice_changes_nothing()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var before = await VersionsAsync(database);
        var fingerprint = await database.FingerprintAsync();
        _clock.Advance(TimeSpan.FromHours(1));

        var report = await ImportAsync(database, Full());

        Assert.False(report.HasChanges);
        Assert.Equal(Full().Documents.Count, report.Unchanged.Count());
        Assert.Equal(before, await VersionsAsync(database));
        Assert.Equal(fingerprint, await database.FingerprintAsync());
    }

    [Fact]
    public async Task Changed_new_and_missing_elements_are_reported_and_stored()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var before = await VersionsAsync(database);
        _clock.Advance(TimeSpan.FromDays(1));

        var documents = FullDocuments().Where(d => d.Name != "payroll").ToList();
        var webApp = (SystemSpec)documents.Single(d => d.Name == "web-app").Spec;
        webApp.Tier = 2;
        webApp.DependsOn.RemoveAt(1);
        documents.Add(Document(ElementKind.Risk, "ransomware", new RiskSpec { Threat = ThreatCategory.Cyber }));
        var report = await ImportAsync(database, new Plan(documents));

        Assert.Equal(["risk:ransomware"], report.Created);
        Assert.Equal(["system:web-app"], report.Updated);
        Assert.Equal(["function:payroll"], report.Removed);
        Assert.Equal(new[] { ElementKind.Organisation, ElementKind.Site }, report.Kinds.Select(k => k.Kind).Take(2));
        Assert.Equal(CanonicalPlanJson.Of(new Plan(documents)), CanonicalPlanJson.Of(await ExportAsync(database)));

        var after = await VersionsAsync(database);
        Assert.NotEqual(before["system:web-app"].Version, after["system:web-app"].Version);
        Assert.Equal(before["system:web-app"].Id, after["system:web-app"].Id);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, after["system:web-app"].UpdatedUtc);
        Assert.Equal(before["system:customer-db"], after["system:customer-db"]);
        await using var db = database.Open();
        Assert.Equal(1, await db.Dependencies.CountAsync(d => d.DependentName == "web-app", Ct));
    }

    [Fact]
    public async Task Removing_an_element_removes_its_child_rows()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());

        await ImportAsync(database, new Plan(FullDocuments().Where(d => d.Kind is not (ElementKind.BusinessFunction or ElementKind.Role or ElementKind.Procedure))));

        await using var db = database.Open();
        Assert.Equal(0, await db.FunctionImpacts.CountAsync(Ct));
        Assert.Equal(0, await db.FinancialLosses.CountAsync(Ct));
        Assert.Equal(0, await db.RoleAssignments.CountAsync(Ct));
        Assert.Equal(0, await db.RoleHolders.CountAsync(Ct));
        Assert.Equal(0, await db.ProcedureSteps.CountAsync(Ct));
        Assert.Equal(0, await db.Dependencies.CountAsync(d => d.DependentKind == ElementKind.BusinessFunction, Ct));
        Assert.Equal(4, await db.Dependencies.CountAsync(Ct));
    }

    [Fact]
    public async Task A_dry_run_reports_what_an_import_would_do_and_writes_nothing()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var fingerprint = await database.FingerprintAsync();
        var changed = FullDocuments().Where(d => d.Kind != ElementKind.Vendor).ToList();
        ((PersonSpec)changed.Single(d => d.Name == "grace").Spec).Email = "grace@example.org";

        var dryRun = await ImportAsync(database, new Plan(changed), dryRun: true);

        Assert.True(dryRun.DryRun);
        Assert.Equal(["person:grace"], dryRun.Updated);
        Assert.Equal(["vendor:aws", "vendor:payments-co"], dryRun.Removed);
        Assert.Equal(fingerprint, await database.FingerprintAsync());
        Assert.Equal(CanonicalPlanJson.Of(Full()), CanonicalPlanJson.Of(await ExportAsync(database)));

        var real = await ImportAsync(database, new Plan(changed));
        Assert.Equal(dryRun.Kinds.Select(Describe), real.Kinds.Select(Describe));
    }

    [Fact]
    public async Task An_import_the_database_rejects_half_way_leaves_everything_as_it_was()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var fingerprint = await database.FingerprintAsync();

        // Removing the vendors runs first; the steps with one id then break a unique index.
        var documents = FullDocuments().Where(d => d.Kind != ElementKind.Vendor).ToList();
        var steps = ((ProcedureSpec)documents.Single(d => d.Kind == ElementKind.Procedure).Spec).Steps;
        steps[1].Id = steps[0].Id;
        await Assert.ThrowsAsync<DbUpdateException>(() => ImportAsync(database, new Plan(documents)));

        Assert.Equal(fingerprint, await database.FingerprintAsync());
        Assert.Equal(CanonicalPlanJson.Of(Full()), CanonicalPlanJson.Of(await ExportAsync(database)));
    }

    [Fact]
    public async Task An_import_cancelled_half_way_leaves_everything_as_it_was()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var fingerprint = await database.FingerprintAsync();
        var documents = FullDocuments().Where(d => d.Kind != ElementKind.Risk).ToList();
        documents.Add(Document(ElementKind.Risk, "ransomware", new RiskSpec { Threat = ThreatCategory.Cyber }));

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using (var db = database.Open(new CancelAfterFirstDelete(cancellation)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                PlanImport.ApplyAsync(db, new Plan(documents), _clock, dryRun: false, cancellation.Token));
        }

        Assert.Equal(fingerprint, await database.FingerprintAsync());
        Assert.Equal(CanonicalPlanJson.Of(Full()), CanonicalPlanJson.Of(await ExportAsync(database)));
    }

    [Fact]
    public async Task A_dependency_on_an_unresolved_reference_is_refused_before_anything_is_written()
    {
        await using var database = await databases.CreateAsync();
        var fingerprint = await database.FingerprintAsync();
        var documents = FullDocuments();
        ((SystemSpec)documents.Single(d => d.Name == "customer-db").Spec).DependsOn = [new DependencySpec { On = new Reference(null, "aws") }];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ImportAsync(database, new Plan(documents)));

        Assert.Contains("unresolved", error.Message, StringComparison.Ordinal);
        Assert.Equal(fingerprint, await database.FingerprintAsync());
    }

    [Fact]
    public async Task Times_are_stored_and_read_back_as_utc()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());

        await using var db = database.Open();
        var function = await db.Functions.AsNoTracking().SingleAsync(f => f.Name == "enrolment", Ct);

        Assert.Equal(DateTimeKind.Utc, function.CreatedUtc.Kind);
        Assert.Equal(DateTimeKind.Utc, function.UpdatedUtc.Kind);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, function.CreatedUtc);
        Assert.True(await db.Functions.AnyAsync(f => f.CreatedUtc < _clock.GetUtcNow().UtcDateTime.AddSeconds(1), Ct));
    }

    [Fact]
    public async Task A_change_made_meanwhile_by_someone_else_is_not_overwritten()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        await using var editor = database.Open();
        var system = await editor.Systems.SingleAsync(s => s.Name == "web-app", Ct);

        var documents = FullDocuments();
        ((SystemSpec)documents.Single(d => d.Name == "web-app").Spec).Tier = 2;
        await ImportAsync(database, new Plan(documents));

        var mine = documents.Single(d => d.Name == "web-app");
        system.UpdateFromPlan(mine.Metadata, (SystemSpec)mine.Spec, _clock.GetUtcNow().UtcDateTime);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => editor.SaveChangesAsync(Ct));
    }

    private async Task<ImportReport> ImportAsync(TestDatabase database, Plan plan, bool dryRun = false)
    {
        await using var db = database.Open();
        return await PlanImport.ApplyAsync(db, plan, _clock, dryRun, Ct);
    }

    private static async Task<Plan> ExportAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await PlanExport.LoadAsync(db, Ct);
    }

    private static async Task<Dictionary<string, (Guid Id, Guid Version, DateTime UpdatedUtc)>> VersionsAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var systems = await db.Systems.Select(s => new { s.Name, s.Id, s.Version, s.UpdatedUtc }).ToListAsync(Ct);
        var functions = await db.Functions.Select(f => new { f.Name, f.Id, f.Version, f.UpdatedUtc }).ToListAsync(Ct);
        var people = await db.People.Select(p => new { p.Name, p.Id, p.Version, p.UpdatedUtc }).ToListAsync(Ct);
        return systems.Select(s => ($"system:{s.Name}", (s.Id, s.Version, s.UpdatedUtc)))
            .Concat(functions.Select(f => ($"function:{f.Name}", (f.Id, f.Version, f.UpdatedUtc))))
            .Concat(people.Select(p => ($"person:{p.Name}", (p.Id, p.Version, p.UpdatedUtc))))
            .ToDictionary(e => e.Item1, e => e.Item2);
    }

    private static string Describe(KindChanges changes) =>
        $"{changes.Kind}: +{string.Join(',', changes.Created)} ~{string.Join(',', changes.Updated)} -{string.Join(',', changes.Removed)} ={string.Join(',', changes.Unchanged)}";

    private sealed class CancelAfterFirstDelete(CancellationTokenSource cancellation) : DbCommandInterceptor
    {
        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.StartsWith("DELETE", StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
            return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class SqlitePlanStoreTests(SqliteDatabases databases) : PlanStoreTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresPlanStoreTests(PostgresDatabases databases) : PlanStoreTests(databases), IClassFixture<PostgresDatabases>;
