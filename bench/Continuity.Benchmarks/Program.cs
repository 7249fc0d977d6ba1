using BenchmarkDotNet.Running;
using Continuity.Benchmarks;
using Continuity.Generation;
using Continuity.PlanFiles;

// generate DIR [SIZE]      write a generated organisation (Small or Large) for bench/plan-io.sh
// breakdown [SIZE] [RUNS]  time the phases of validate, import and export with a stopwatch
// anything else            BenchmarkDotNet, e.g. --filter '*PlanFile*'
switch (args)
{
    case ["generate", var folder, ..]:
        var size = args.Length > 2 ? Organisations.Parse(args[2]) : OrganisationSize.Large;
        var files = PlanWriter.WriteFolder(SyntheticOrganisation.Generate(Organisations.Options(size)), folder);
        Console.WriteLine($"Wrote the {size} organisation to {files.Count} files in {folder}.");
        return 0;
    case ["breakdown", ..]:
        return await Breakdown.RunAsync(
            args.Length > 1 ? Organisations.Parse(args[1]) : OrganisationSize.Large,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
}
