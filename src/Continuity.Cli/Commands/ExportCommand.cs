using System.CommandLine;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;

namespace Continuity.Cli.Commands;

public static class ExportCommand
{
    public static Command Create(CliContext cli)
    {
        var folder = new Argument<string>("folder") { Description = "Folder to write the plan files to: new, empty, or an earlier export (its files are replaced)." };
        var command = new Command("export", "Write the plan held in the database as canonical YAML files, one per kind: stable order and formatting, so exports diff cleanly. The organisation carries the annotation continuity.dev/revision, the revision exported: importing the edited files later compares them with that revision, so changes made in the app meanwhile are kept or reported as conflicts, never silently overwritten.\n" + ExitCodes.Help)
        {
            folder,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (PlanFileWriter.FolderProblem(parse.GetValue(folder)!) is { } problem)
            {
                cli.Fail(problem);
                return ExitCodes.InvalidInput;
            }
            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Read, cancellationToken);
            var db = services.Db;
            var (plan, revision) = await cli.WithProgressAsync("Reading the plan from the database…", () => PlanExport.LoadWithRevisionAsync(db, cancellationToken));
            if (plan.Documents.Count == 0)
            {
                cli.Fail("The database holds no plan yet; import one first ('continuity import PATH').");
                return ExitCodes.InvalidInput;
            }
            var files = PlanFileWriter.WriteFolder(PlanRevisionAnnotation.Add(plan, revision), parse.GetValue(folder)!);
            foreach (var file in files)
            {
                cli.Console.MarkupLine($"  wrote [bold]{Spectre.Console.Markup.Escape(file)}[/]");
            }
            cli.Console.MarkupLine($"[green]✓ Exported {ValidateCommand.Plural(plan.Documents.Count, "element")} to {files.Count} files at plan revision {revision}.[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}
