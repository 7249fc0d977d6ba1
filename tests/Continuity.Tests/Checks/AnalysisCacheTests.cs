using Continuity.Checks;
using Continuity.Demo;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Store;
using Continuity.Tests.Snapshots;
using Continuity.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Continuity.Tests.Checks;

/// <summary>The web's analysis of the stored plan: the same findings as the analysis of the
/// imported files, run once per data version and day. Runs once per provider.</summary>
public abstract class AnalysisCacheTests(TestDatabases databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_analysis_of_the_stored_demo_has_the_findings_of_its_plan_files()
    {
        await using var database = await databases.CreateAsync();
        var loaded = DemoPlan.Load();
        await ImportAsync(database, loaded.Plan);
        using var cache = new AnalysisCache(_clock);

        var stored = await GetAsync(cache, database);
        var files = PlanAnalysis.Run(loaded.Plan, PlanSnapshot.From(loaded.Plan), new AnalysisOptions(new DateOnly(2026, 11, 28)));

        Assert.Equal(Keys(files), Keys(stored));
        Assert.Contains(stored.Findings, f => f.CheckId == "CT201" && f.ElementId == "function:license-validation");
    }

    [Fact]
    public async Task Nothing_changed_means_one_version_probe_and_the_same_result()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, SnapshotPlans.Acme());
        using var cache = new AnalysisCache(_clock);

        var first = await GetAsync(cache, database);
        var counter = new SqlCommandCounter();
        await using var db = database.Open(counter);
        AnalysisResult? second = null;
        var queries = await counter.CountAsync(async () => second = await cache.GetAsync(db, Ct));

        Assert.Same(first, second);
        Assert.Equal(1, queries);
    }

    [Fact]
    public async Task A_change_to_the_plan_runs_the_analysis_again()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, SnapshotPlans.Acme());
        using var cache = new AnalysisCache(_clock);
        var before = await GetAsync(cache, database);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var documents = SnapshotPlans.AcmeDocuments();
        ((SystemSpec)documents.Single(d => d.Name == "customer-db").Spec).Restore!.Estimated = Duration.FromHours(30);
        await ImportAsync(database, new Plan(documents));
        var after = await GetAsync(cache, database);

        Assert.NotSame(before, after);
        var node = after.Snapshot.IndexOf("system:customer-db");
        Assert.Equal(30 * 60, after.Snapshot.RestoreMinutes[node]);
    }

    [Fact]
    public async Task A_change_to_the_organisation_alone_runs_the_analysis_again()
    {
        await using var database = await databases.CreateAsync();
        var plan = DemoPlan.Load().Plan;
        await ImportAsync(database, plan);
        using var cache = new AnalysisCache(_clock);
        var before = await GetAsync(cache, database);

        // Only the organisation changes: its waivers are withdrawn.
        _clock.Advance(TimeSpan.FromMinutes(5));
        var documents = plan.Documents.ToList();
        ((OrganisationSpec)documents.Single(d => d.Kind == ElementKind.Organisation).Spec).Waivers.Clear();
        await ImportAsync(database, new Plan(documents));
        var after = await GetAsync(cache, database);

        Assert.NotSame(before, after);
        Assert.Contains(before.Findings, f => f.CheckId == "CT503" && f.WaivedBy is not null);
        Assert.DoesNotContain(after.Findings, f => f.WaivedBy is not null);
    }

    [Fact]
    public async Task A_new_day_runs_the_analysis_again_because_dates_are_judged_against_today()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, DemoPlan.Load().Plan);
        using var cache = new AnalysisCache(_clock);
        var today = await GetAsync(cache, database);

        _clock.Advance(TimeSpan.FromDays(200));                 // past the waivers' expiry (2027-05-31)
        var later = await GetAsync(cache, database);

        Assert.NotSame(today, later);
        Assert.Contains(today.Findings, f => f.CheckId == "CT503" && f.WaivedBy is not null);
        Assert.Contains(later.Findings, f => f.CheckId == "CT503" && f.WaivedBy is null);
    }

    private static List<string> Keys(AnalysisResult result) =>
        [.. result.Findings.Select(f => $"{f.Severity} {f.CheckId} {f.ElementId} {f.WaivedBy?.Expires} {f.Message}")];

    private async Task ImportAsync(TestDatabase database, Plan plan)
    {
        await using var db = database.Open();
        await PlanImport.ApplyAsync(db, plan, _clock, dryRun: false, Ct);
    }

    private static async Task<AnalysisResult> GetAsync(AnalysisCache cache, TestDatabase database)
    {
        await using var db = database.Open();
        return await cache.GetAsync(db, Ct);
    }
}

public sealed class SqliteAnalysisCacheTests(SqliteDatabases databases) : AnalysisCacheTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresAnalysisCacheTests(PostgresDatabases databases) : AnalysisCacheTests(databases), IClassFixture<PostgresDatabases>;
