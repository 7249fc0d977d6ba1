using System.Diagnostics;
using System.Globalization;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Continuity.Benchmarks;

/// <summary>Where the time of each operation goes: every phase timed with a stopwatch, in one
/// process, repeated, medians printed. Coarser than BenchmarkDotNet but quick, and it splits
/// the operations the way PlanFileBenchmarks cannot.</summary>
public static class Breakdown
{
    public static async Task<int> RunAsync(OrganisationSize size, int repeat)
    {
        var root = Directory.CreateTempSubdirectory("continuity-breakdown-").FullName;
        try
        {
            await RunAsync(size, repeat, root);
            return 0;
        }
        finally
        {
            Sqlite.Delete(Path.Join(root, "empty.db"));
            Sqlite.Delete(Path.Join(root, "imported.db"));
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task RunAsync(OrganisationSize size, int repeat, string root)
    {
        var folder = Path.Join(root, "plan");
        var emptyDb = Path.Join(root, "empty.db");
        var importedDb = Path.Join(root, "imported.db");
        var phases = new List<Phase>();

        async Task<T> Time<T>(string name, Func<Task<T>> action)
        {
            var phase = phases.FirstOrDefault(p => p.Name == name) ?? Add(phases, name);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var result = await action();
            phase.Record(watch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
            return result;
        }

        T TimeSync<T>(string name, Func<T> action) => Time(name, () => Task.FromResult(action())).GetAwaiter().GetResult();

        var options = Organisations.Options(size);
        Console.WriteLine($"Organisation: {size} ({options.Functions} functions, {options.Systems} systems, {options.TotalDependencies} dependencies); {repeat} runs per phase, medians.");

        for (var run = 0; run < repeat + 1; run++)     // run 0 warms up and is dropped
        {
            if (run == 1)
            {
                phases.Clear();
            }
            var generated = TimeSync("generate: SyntheticOrganisation.Generate", () => SyntheticOrganisation.Generate(options));
            var files = TimeSync("generate: PlanWriter.Files (YAML text)", () => PlanFileWriter.Files(generated));
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            Directory.CreateDirectory(folder);
            foreach (var (file, text) in files)
            {
                await File.WriteAllTextAsync(Path.Join(folder, file), text);
            }

            // validate = PlanLoader.Load; its parts, one after the other:
            var texts = TimeSync("validate: read files", () => Directory.GetFiles(folder).Order(StringComparer.Ordinal)
                .Select(path => (File: path, Text: File.ReadAllText(path))).ToList());
            TimeSync("validate: (YAML events only, YamlDotNet Parser)", () =>
            {
                var events = 0;
                foreach (var (_, text) in texts)
                {
                    var parser = new Parser(new StringReader(text));
                    while (parser.MoveNext())
                    {
                        events++;
                    }
                }
                return events;
            });
            TimeSync("validate: (YAML node tree only, YamlStream)", () =>
            {
                foreach (var (_, text) in texts)
                {
                    new YamlStream().Load(new StringReader(text));
                }
                return 0;
            });
            var map = new SourceMap();
            var diagnostics = new List<Diagnostic>();
            var documents = TimeSync("validate: PlanReader.Read (parse + bind)", () =>
                texts.SelectMany(t => PlanReader.Read(t.File, t.Text, map, diagnostics)).ToList());
            TimeSync("validate: PlanValidator.Validate", () => PlanValidator.Validate(documents, map, diagnostics));
            var loaded = TimeSync("validate: PlanLoader.Load (total)", () => PlanLoader.Load(folder));
            if (loaded.HasErrors)
            {
                throw new InvalidOperationException("The generated plan is not valid: " + loaded.Diagnostics[0].Message);
            }
            var plan = loaded.Plan;

            Sqlite.Delete(emptyDb);
            await using (var db = Sqlite.Open(emptyDb))
            {
                await Time("import: migrate empty database", async () => { await db.Database.MigrateAsync(); return 0; });
                await Time("import: PlanImport.ApplyAsync (empty db)", () => PlanImport.ApplyAsync(db, plan, TimeProvider.System, false, CancellationToken.None));
            }

            if (run == 0)
            {
                Sqlite.Delete(importedDb);
                File.Copy(emptyDb, importedDb);
            }
            await using (var db = Sqlite.Open(importedDb))
            {
                var stored = await Time("reimport: PlanExport.LoadDocumentsAsync", () => PlanExport.LoadDocumentsAsync(db, CancellationToken.None));
                TimeSync("reimport: CanonicalPlanJson.Of (stored + plan)", () =>
                    stored.Concat(plan.Documents).Sum(d => CanonicalPlanJson.Of(d).Length));
                var report = await Time("reimport: PlanImport.ApplyAsync (unchanged)", () => PlanImport.ApplyAsync(db, plan, TimeProvider.System, false, CancellationToken.None));
                if (report.HasChanges)
                {
                    throw new InvalidOperationException("The re-import changed something.");
                }
            }

            await using (var db = Sqlite.Open(importedDb))
            {
                var exported = await Time("export: PlanExport.LoadAsync", () => PlanExport.LoadAsync(db, CancellationToken.None));
                var exportFiles = TimeSync("export: PlanWriter.Files (YAML text)", () => PlanFileWriter.Files(exported));
                TimeSync("export: write files", () =>
                {
                    var exportFolder = Path.Join(root, "export");
                    Directory.CreateDirectory(exportFolder);
                    foreach (var (file, text) in exportFiles)
                    {
                        File.WriteAllText(Path.Join(exportFolder, file), text);
                    }
                    return 0;
                });
            }
        }

        await RetainedAsync(folder, importedDb);

        Console.WriteLine();
        Console.WriteLine($"{"phase",-50} {"median ms",10} {"min ms",10} {"max ms",10} {"alloc MB",10}");
        foreach (var phase in phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase.Name,-50} {phase.Median,10:F0} {phase.Min,10:F0} {phase.Max,10:F0} {phase.AllocatedMegabytes,10:F0}"));
        }
    }

    /// <summary>What a re-import holds on the managed heap at its peak, part by part: the live
    /// heap after a full collection, so garbage is not counted (the process's RSS is higher).</summary>
    private static async Task RetainedAsync(string folder, string importedDb)
    {
        static double LiveMegabytes() => GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;

        var before = LiveMegabytes();
        var loaded = PlanLoader.Load(folder);
        var afterLoad = LiveMegabytes();
        var plan = loaded.Plan;
        loaded = null;
        var planOnly = LiveMegabytes();
        await using var db = Sqlite.Open(importedDb);
        var stored = await PlanExport.LoadDocumentsAsync(db, CancellationToken.None);
        var afterStored = LiveMegabytes();
        var json = stored.ToDictionary(d => (d.Kind, d.Name), CanonicalPlanJson.Of);
        var afterJson = LiveMegabytes();

        Console.WriteLine();
        Console.WriteLine("Live managed heap (MB, after a full collection) held while re-importing:");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PlanLoader.Load result (plan, source map, diagnostics) {afterLoad - before,8:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which the plan alone                             {planOnly - before,8:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stored documents (PlanExport.LoadDocumentsAsync)       {afterStored - planOnly,8:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  their canonical JSON (PlanImport.Compare)              {afterJson - afterStored,8:F0}"));
        GC.KeepAlive(plan);
        GC.KeepAlive(json);
    }

    private static Phase Add(List<Phase> phases, string name)
    {
        var phase = new Phase(name);
        phases.Add(phase);
        return phase;
    }

    private sealed class Phase(string name)
    {
        private readonly List<double> _milliseconds = [];
        private readonly List<long> _allocated = [];

        public string Name { get; } = name;

        public double Median => _milliseconds.Order().ElementAt(_milliseconds.Count / 2);

        public double Min => _milliseconds.Min();

        public double Max => _milliseconds.Max();

        public double AllocatedMegabytes => _allocated.Order().ElementAt(_allocated.Count / 2) / 1024.0 / 1024.0;

        public void Record(TimeSpan elapsed, long allocated)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
            _allocated.Add(allocated);
        }
    }
}
