using BenchmarkDotNet.Attributes;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Benchmarks;

/// <summary>Building the analysis snapshot: from the SQLite database the organisation was
/// imported into (<see cref="PlanSnapshot.LoadAsync"/>, as <c>continuity check --database</c> and
/// the web do), and from the plan in memory (<see cref="PlanSnapshot.From"/>) for comparison.</summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class SnapshotBenchmarks
{
    private string _root = "";
    private string _db = "";
    private Plan _plan = null!;

    [Params(EngineSize.Nodes1k, EngineSize.Nodes10k, EngineSize.Nodes100k)]
    public EngineSize Size { get; set; }

    /// <summary>Imports the organisation once per process (100,000 nodes take about a minute).</summary>
    [GlobalSetup(Target = nameof(FromSqlite))]
    public async Task SetUpAsync()
    {
        _root = Directory.CreateTempSubdirectory("continuity-snapshot-bench-").FullName;
        _db = Path.Join(_root, "plan.db");
        _plan = SyntheticOrganisation.Generate(EngineOrganisations.Options(Size));
        await EngineDatabase.CreateAsync(_db, _plan);
        Console.WriteLine("// " + EngineOrganisations.Describe(Size, PlanSnapshot.From(_plan)));
    }

    [GlobalSetup(Target = nameof(FromPlan))]
    public void SetUpPlan() => _plan = SyntheticOrganisation.Generate(EngineOrganisations.Options(Size));

    [GlobalCleanup(Target = nameof(FromSqlite))]
    public void CleanUp()
    {
        Sqlite.Delete(_db);
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Open the database and read the snapshot (ten projection queries).</summary>
    [Benchmark]
    public async Task<int> FromSqlite()
    {
        await using var db = Sqlite.Open(_db);
        var snapshot = await PlanSnapshot.LoadAsync(db, CancellationToken.None);
        return snapshot.Graph.Members.Length;
    }

    /// <summary>The same snapshot from the plan in memory.</summary>
    [Benchmark]
    public int FromPlan() => PlanSnapshot.From(_plan).Graph.Members.Length;
}

/// <summary>A SQLite database holding a plan, made as <c>continuity import</c> makes it.</summary>
public static class EngineDatabase
{
    public static async Task CreateAsync(string path, Plan plan)
    {
        Sqlite.Delete(path);
        await using var db = Sqlite.Open(path);
        await db.Database.MigrateAsync();
        await PlanImport.ApplyAsync(db, plan, TimeProvider.System, dryRun: false, CancellationToken.None);
    }
}
