using BenchmarkDotNet.Running;
using Continuity.Benchmarks;
using Continuity.Generation;
using Continuity.PlanFiles;

// generate DIR [SIZE]      write a generated organisation (Small or Large) for bench/plan-io.sh
// breakdown [SIZE] [RUNS]  time the phases of validate, import and export with a stopwatch
// engine-sizes [SIZE…]     the organisations of the analysis-engine benchmarks (1k, 10k, 100k nodes)
// analysis-peak [SIZE] [RUNS]  peak memory and time of the full analysis in this fresh process
// what-if [SIZE] [RUNS] [SELECTOR]  one what-if query on a prepared model, timed with a stopwatch
// spof [SIZE] [RUNS]       SinglePoints.Find ('continuity spof'), stopwatch, CPU and allocation
// engine-db FILE [SIZE]    generate an organisation and import it into a new SQLite database
// snapshot-cold FILE [RUNS]    the snapshot from that database in this fresh process, cold then warm
// check-db FILE [RUNS]     the phases of 'continuity check --db' on that database, cold then warm
// engine-graph export FILE [SIZE]  the recovery graph as an edge list, for bench/networkx-compare.sh
// engine-graph time FILE [RUNS]    Continuity's engine timed on that edge list
// api-db FILE              the large organisation in a new SQLite database with a member's API token (bench/api-load.sh)
// versions [SIZE] [RUNS]   a plan version's snapshot (consolidated and one team plan) and a semantic diff, stopwatch
// anything else            BenchmarkDotNet, e.g. --filter '*PlanFile*' or '*Analysis*' '*Engine*' '*Snapshot*'
switch (args)
{
    case ["generate", var folder, ..]:
        var size = args.Length > 2 ? Organisations.Parse(args[2]) : OrganisationSize.Large;
        var files = PlanFileWriter.WriteFolder(SyntheticOrganisation.Generate(Organisations.Options(size)), folder);
        Console.WriteLine($"Wrote the {size} organisation to {files.Count} files in {folder}.");
        return 0;
    case ["breakdown", ..]:
        return await Breakdown.RunAsync(
            args.Length > 1 ? Organisations.Parse(args[1]) : OrganisationSize.Large,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    case ["engine-sizes", .. var sizes]:
        return EngineCommands.Sizes(sizes);
    case ["analysis-peak", ..]:
        return EngineCommands.Peak(
            args.Length > 1 ? EngineOrganisations.Parse(args[1]) : EngineSize.Nodes100k,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
    case ["what-if", ..]:
        return EngineCommands.WhatIf(
            args.Length > 1 ? EngineOrganisations.Parse(args[1]) : EngineSize.Nodes100k,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 3 ? args[3] : null);
    case ["spof", ..]:
        return EngineCommands.Spof(
            args.Length > 1 ? EngineOrganisations.Parse(args[1]) : EngineSize.Nodes100k,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
    case ["engine-db", var database, ..]:
        return await EngineCommands.DatabaseAsync(database, args.Length > 2 ? EngineOrganisations.Parse(args[2]) : EngineSize.Nodes100k);
    case ["snapshot-cold", var database, ..]:
        return await EngineCommands.SnapshotColdAsync(database, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
    case ["versions", ..]:
        return VersionCommands.Run(
            args.Length > 1 ? Organisations.Parse(args[1]) : OrganisationSize.Large,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
    case ["api-db", var database]:
        return await ApiDatabase.CreateAsync(database);
    case ["check-db", var database, ..]:
        return await CheckDatabase.RunAsync(database, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    case ["engine-graph", "export", var file, ..]:
        return EngineGraph.Export(file, args.Length > 3 ? EngineOrganisations.Parse(args[3]) : EngineSize.Nodes100k);
    case ["engine-graph", "time", var file, ..]:
        return EngineGraph.Time(file, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 11);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
}
