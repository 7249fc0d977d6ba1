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
        var command = new Command("generate", "Write a synthetic organisation of any size with a realistic shape (layered dependencies, shared infrastructure, redundancy groups), for trials and benchmarks.")
        {
            folder,
            functions,
            systems,
            dependencies,
            seed,
        };
        command.SetAction(parse =>
        {
            if (PlanWriter.FolderProblem(parse.GetValue(folder)!) is { } problem)
            {
                cli.Fail(problem);
                return ExitCodes.InvalidInput;
            }
            var options = new GenerationOptions
            {
                Seed = parse.GetValue(seed),
                Functions = parse.GetValue(functions),
                Systems = parse.GetValue(systems),
            };
            if (parse.GetValue(dependencies) is { } edges)
            {
                options = options with { Dependencies = edges };
            }
            if (options.Functions < 0 || options.Systems < 0 || options.TotalDependencies < 0)
            {
                cli.Fail("--functions, --systems and --dependencies must be 0 or more.");
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
            var files = PlanWriter.WriteFolder(plan, parse.GetValue(folder)!);
            cli.Console.MarkupLine($"[green]✓ Generated {ValidateCommand.Plural(plan.Documents.Count, "element")} in {files.Count} files.[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}
