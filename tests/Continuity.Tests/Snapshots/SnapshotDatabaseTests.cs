using Continuity.Demo;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Store;
using Continuity.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Continuity.Tests.Snapshots;

/// <summary>The snapshot from the database equals the snapshot from the plan that was imported,
/// costs a fixed number of queries, and is cached until the data changes. Runs once per provider
/// (<see cref="SqliteSnapshotDatabaseTests"/>, <see cref="PostgresSnapshotDatabaseTests"/>).</summary>
public abstract class SnapshotDatabaseTests(TestDatabases databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Plans => ["acme", "sample", "demo", "generated"];

    private static Plan PlanNamed(string name) => name switch
    {
        "acme" => SnapshotPlans.Acme(),
        "sample" => SamplePlans.Full(),
        "demo" => DemoPlan.Load().Plan,
        "generated" => SyntheticOrganisation.Generate(new GenerationOptions { Seed = 5, Functions = 40, Systems = 200, RedundancyShare = 0.3 }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task The_snapshot_from_the_database_equals_the_snapshot_from_the_imported_plan(string name)
    {
        await using var database = await databases.CreateAsync();
        var plan = PlanNamed(name);
        await ImportAsync(database, plan);

        await using var db = database.Open();
        var loaded = await PlanSnapshot.LoadAsync(db, Ct);

        SnapshotAssert.Equal(PlanSnapshot.From(plan), loaded);
        Assert.NotEqual(0, loaded.Graph.GroupCount);
    }

    [Fact]
    public async Task Loading_runs_one_query_per_table_whatever_the_size_of_the_plan()
    {
        await using var small = await databases.CreateAsync();
        await using var large = await databases.CreateAsync();
        await ImportAsync(small, SnapshotPlans.Acme());
        await ImportAsync(large, SyntheticOrganisation.Generate(new GenerationOptions { Seed = 3, Functions = 60, Systems = 300, Dependencies = 1_500 }));

        Assert.Equal(DatabaseSource.QueryCount, await CountQueriesAsync(small, db => PlanSnapshot.LoadAsync(db, Ct)));
        Assert.Equal(DatabaseSource.QueryCount, await CountQueriesAsync(large, db => PlanSnapshot.LoadAsync(db, Ct)));
    }

    [Fact]
    public async Task The_cache_answers_from_memory_while_the_data_is_unchanged()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, SnapshotPlans.Acme());
        using var cache = new SnapshotCache();

        var first = await GetAsync(cache, database);
        var queries = await CountQueriesAsync(database, db => cache.GetAsync(db, Ct));
        var second = await GetAsync(cache, database);

        Assert.Same(first, second);
        Assert.Equal(1, queries);                               // the revision, nothing else
        Assert.NotNull(cache.Revision);
    }

    [Fact]
    public async Task Importing_the_same_plan_again_keeps_the_cached_snapshot()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, SnapshotPlans.Acme());
        using var cache = new SnapshotCache();
        var before = await GetAsync(cache, database);

        _clock.Advance(TimeSpan.FromHours(1));
        var report = await ImportAsync(database, SnapshotPlans.Acme());

        Assert.False(report.HasChanges);
        Assert.Same(before, await GetAsync(cache, database));
    }

    [Fact]
    public async Task Importing_a_change_gives_a_new_snapshot_with_the_change()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, SnapshotPlans.Acme());
        using var cache = new SnapshotCache();
        var before = await GetAsync(cache, database);
        var revision = cache.Revision;

        _clock.Advance(TimeSpan.FromHours(1));
        var documents = SnapshotPlans.AcmeDocuments();
        ((SystemSpec)documents.Single(d => d.Name == "customer-db").Spec).Restore!.Estimated = Duration.FromHours(8);
        await ImportAsync(database, new Plan(documents));
        var after = await GetAsync(cache, database);

        Assert.NotSame(before, after);
        Assert.NotEqual(revision, cache.Revision);
        Assert.Equal(480, after.RestoreMinutes[after.IndexOf("system:customer-db")]);
        SnapshotAssert.Equal(PlanSnapshot.From(new Plan(documents)), after);
    }

    [Theory]
    [InlineData("removed")]
    [InlineData("added")]
    [InlineData("dependency")]
    [InlineData("holder")]
    [InlineData("backup")]
    public async Task Every_kind_of_change_the_snapshot_reads_invalidates_it(string change)
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, SnapshotPlans.Acme());
        using var cache = new SnapshotCache();
        var before = await GetAsync(cache, database);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var documents = SnapshotPlans.AcmeDocuments();
        switch (change)
        {
            case "removed":
                documents.RemoveAll(d => d.Name == "payroll");
                break;
            case "added":
                documents.Add(SamplePlans.Document(ElementKind.Person, "linus", new PersonSpec { Email = "linus@example.com" }));
                break;
            case "dependency":
                ((BusinessFunctionSpec)documents.Single(d => d.Name == "payroll").Spec).DependsOn =
                    [new DependencySpec { On = SamplePlans.Ref(ElementKind.System, "ledger") }];
                break;
            case "holder":
                ((RoleSpec)documents.Single(d => d.Name == "scribe").Spec).Assignments =
                    [new RoleAssignment { Holders = [SamplePlans.Ref(ElementKind.Person, "ada")] }];
                break;
            case "backup":
                documents.RemoveAll(d => d.Name == "customer-db-wal");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
        await ImportAsync(database, new Plan(documents));
        var after = await GetAsync(cache, database);

        Assert.NotSame(before, after);
        SnapshotAssert.Equal(PlanSnapshot.From(new Plan(documents)), after);
    }

    [Fact]
    public async Task Invalidating_the_cache_loads_again()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, SnapshotPlans.Acme());
        using var cache = new SnapshotCache();
        var before = await GetAsync(cache, database);

        cache.Invalidate();

        Assert.Null(cache.Revision);
        Assert.NotSame(before, await GetAsync(cache, database));
    }

    [Fact]
    public async Task Callers_at_the_same_time_share_one_snapshot()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, SyntheticOrganisation.Generate(new GenerationOptions { Seed = 9, Functions = 30, Systems = 150 }));
        using var cache = new SnapshotCache();

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => GetAsync(cache, database), Ct)));

        Assert.All(snapshots, snapshot => Assert.Same(snapshots[0], snapshot));
    }

    private async Task<ImportReport> ImportAsync(TestDatabase database, Plan plan)
    {
        await using var db = database.Open();
        return await PlanImport.ApplyAsync(db, plan, _clock, dryRun: false, Ct);
    }

    private static async Task<PlanSnapshot> GetAsync(SnapshotCache cache, TestDatabase database)
    {
        await using var db = database.Open();
        return await cache.GetAsync(db, Ct);
    }

    private static async Task<int> CountQueriesAsync(TestDatabase database, Func<Continuity.Data.ContinuityDb, Task> action)
    {
        var counter = new SqlCommandCounter();
        await using var db = database.Open(counter);
        return await counter.CountAsync(() => action(db));
    }
}

public sealed class SqliteSnapshotDatabaseTests(SqliteDatabases databases) : SnapshotDatabaseTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresSnapshotDatabaseTests(PostgresDatabases databases) : SnapshotDatabaseTests(databases), IClassFixture<PostgresDatabases>;
