using System.CommandLine;
using Continuity.Generation;
using Continuity.PlanFiles;

namespace Continuity.Cli.Commands;

public static class GenerateCommand
{
    public static Command Create(CliContext cli)
    {
        var folder = new Argument<string>("folder") { Description = "Folder to write the generated plan to (new, empty, or an earlier export)." };
        var functions = new Option<int>("--functions") { Description = "Number of business functions.", DefaultValueFactory = _ => 50 };
        var systems = new Option<int>("--systems") { Description = "Number of systems.", DefaultValueFactory = _ => 250 };
        var dependencies = new Option<int?>("--dependencies") { Description = "Number of dependency edges (default: about 5 per function and system)." };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same plan.", DefaultValueFactory = _ => 1 };
        var vendors = new Option<int?>("--vendors") { Description = "Number of vendors (default 10)." };
        var people = new Option<int?>("--people") { Description = "Number of people (default 60)." };
        var sites = new Option<int?>("--sites") { Description = "Number of sites (default 6)." };
        var teams = new Option<int?>("--teams") { Description = "Number of teams (default 8)." };
        var large = new Option<bool>("--large") { Description = "The benchmark organisation: 2,000 functions, 10,000 systems, 50,000 dependencies and matching people, vendors and sites (other size options are ignored)." };
        var command = new Command("generate", "Write a synthetic organisation of any size with a realistic shape (layered dependencies, shared infrastructure, redundancy groups), for trials and benchmarks.")
        {
            folder,
            functions,
            systems,
            dependencies,
            seed,
            vendors,
            people,
            sites,
            teams,
            large,
        };
        command.SetAction(parse =>
        {
            if (PlanFileWriter.FolderProblem(parse.GetValue(folder)!) is { } problem)
            {
                cli.Fail(problem);
                return ExitCodes.InvalidInput;
            }
            var defaults = new GenerationOptions();
            var options = parse.GetValue(large)
                ? GenerationOptions.Large with { Seed = parse.GetValue(seed) }
                : new GenerationOptions
                {
                    Seed = parse.GetValue(seed),
                    Functions = parse.GetValue(functions),
                    Systems = parse.GetValue(systems),
                    Dependencies = parse.GetValue(dependencies),
                    Vendors = parse.GetValue(vendors) ?? defaults.Vendors,
                    People = parse.GetValue(people) ?? defaults.People,
                    Sites = parse.GetValue(sites) ?? defaults.Sites,
                    Teams = parse.GetValue(teams) ?? defaults.Teams,
                };
            if (options.Functions < 0 || options.Systems < 0 || options.TotalDependencies < 0 || options.Vendors < 0 || options.People < 0 || options.Sites < 0 || options.Teams < 0)
            {
                cli.Fail("Every size (--functions, --systems, --dependencies, --vendors, --people, --sites, --teams) must be 0 or more.");
                return ExitCodes.InvalidInput;
            }
            Plan plan;
            try
            {
                plan = SyntheticOrganisation.Generate(options);
            }
            catch (ArgumentException impossible)
            {
                // The generator refuses shapes that cannot exist (more edges than node pairs allow).
                cli.Fail(impossible.Message);
                return ExitCodes.InvalidInput;
            }
            var files = PlanFileWriter.WriteFolder(plan, parse.GetValue(folder)!);
            cli.Console.MarkupLine($"[green]✓ Generated {ValidateCommand.Plural(plan.Documents.Count, "element")} in {files.Count} files.[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}
