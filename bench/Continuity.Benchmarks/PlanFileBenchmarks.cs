using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Benchmarks;

/// <summary>The plan-file operations of the command line, on a generated organisation:
/// validate, import into an empty database, import again with no changes, export.
/// Each takes seconds on the large organisation, so every measurement is one call
/// (Monitoring: no pilot, no unrolling), after one warm-up call.</summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PlanFileBenchmarks
{
    private string _root = "";
    private string _planFolder = "";
    private string _emptyDb = "";
    private string _importedDb = "";
    private string _exportFolder = "";
    private Plan _plan = null!;

    [Params(OrganisationSize.Small, OrganisationSize.Large)]
    public OrganisationSize Size { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _root = Directory.CreateTempSubdirectory("continuity-bench-").FullName;
        _planFolder = Path.Join(_root, "plan");
        _emptyDb = Path.Join(_root, "empty.db");
        _importedDb = Path.Join(_root, "imported.db");
        _exportFolder = Path.Join(_root, "export");

        PlanFileWriter.WriteFolder(SyntheticOrganisation.Generate(Organisations.Options(Size)), _planFolder);
        _plan = LoadValid(_planFolder);

        await using var db = Sqlite.Open(_importedDb);
        await db.Database.MigrateAsync();
        await PlanImport.ApplyAsync(db, _plan, TimeProvider.System, dryRun: false, CancellationToken.None);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        Sqlite.Delete(_emptyDb);
        Sqlite.Delete(_importedDb);
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>An empty, migrated database for each import, as <c>continuity import</c> makes on first use.</summary>
    [IterationSetup(Targets = [nameof(ImportIntoEmptySqlite), nameof(ApplyToEmptySqlite)])]
    public void CreateEmptyDatabase()
    {
        Sqlite.Delete(_emptyDb);
        using var db = Sqlite.Open(_emptyDb);
        db.Database.Migrate();
    }

    /// <summary><c>continuity validate</c>: read the folder from disk, parse, bind and check it.</summary>
    [Benchmark]
    public int Validate()
    {
        var result = PlanLoader.Load(_planFolder);
        return result.HasErrors ? throw new InvalidOperationException("The generated plan is not valid.") : result.Plan.Documents.Count;
    }

    /// <summary><c>continuity import</c> into an empty database: load the folder, then write every element.</summary>
    [Benchmark]
    public async Task<int> ImportIntoEmptySqlite()
    {
        await using var db = Sqlite.Open(_emptyDb);
        var report = await PlanImport.ApplyAsync(db, LoadValid(_planFolder), TimeProvider.System, dryRun: false, CancellationToken.None);
        return report.Created.Count();
    }

    /// <summary><c>continuity import</c> of the plan the database already holds: load the
    /// folder, compare every element, write nothing.</summary>
    [Benchmark]
    public async Task<int> ReimportUnchanged()
    {
        await using var db = Sqlite.Open(_importedDb);
        var report = await PlanImport.ApplyAsync(db, LoadValid(_planFolder), TimeProvider.System, dryRun: false, CancellationToken.None);
        return report.HasChanges ? throw new InvalidOperationException("The re-import changed something.") : report.Unchanged.Count();
    }

    /// <summary><c>continuity export</c>: read the plan from the database and write the folder.</summary>
    [Benchmark]
    public async Task<int> Export()
    {
        await using var db = Sqlite.Open(_importedDb);
        var plan = await PlanExport.LoadAsync(db, CancellationToken.None);
        return PlanFileWriter.WriteFolder(plan, _exportFolder).Count;
    }

    /// <summary>The database part of <see cref="ImportIntoEmptySqlite"/> alone (the plan is loaded once, in setup).</summary>
    [Benchmark]
    public async Task<int> ApplyToEmptySqlite()
    {
        await using var db = Sqlite.Open(_emptyDb);
        var report = await PlanImport.ApplyAsync(db, _plan, TimeProvider.System, dryRun: false, CancellationToken.None);
        return report.Created.Count();
    }

    /// <summary>The database part of <see cref="ReimportUnchanged"/> alone.</summary>
    [Benchmark]
    public async Task<int> ApplyUnchanged()
    {
        await using var db = Sqlite.Open(_importedDb);
        var report = await PlanImport.ApplyAsync(db, _plan, TimeProvider.System, dryRun: false, CancellationToken.None);
        return report.HasChanges ? throw new InvalidOperationException("The re-import changed something.") : report.Unchanged.Count();
    }

    private static Plan LoadValid(string folder)
    {
        var result = PlanLoader.Load(folder);
        return result.HasErrors ? throw new InvalidOperationException("The generated plan is not valid.") : result.Plan;
    }
}
