using System.CommandLine;
using Continuity.PlanFiles;

namespace Continuity.Cli.Commands;

public static class ValidateCommand
{
    public static readonly Option<string> Format = new("--format")
    {
        Description = "text for people, json for programs.",
        DefaultValueFactory = _ => "text",
    };

    static ValidateCommand() => Format.AcceptOnlyFromAmong("text", "json");

    public static Command Create(CliContext cli)
    {
        var path = new Argument<string>("path") { Description = "A plan folder (every *.yaml under it) or one plan file." };
        var command = new Command("validate", "Check plan files and report every problem with file:line:column and a hint.\n" + ExitCodes.Help)
        {
            path,
            Format,
        };
        command.SetAction(async parse =>
        {
            var result = await cli.WithProgressAsync("Reading plan files…", () => Task.FromResult(PlanLoader.Load(parse.GetValue(path)!)));
            Report(cli, result, parse.GetValue(Format)!);
            return result.HasErrors ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Prints what loading found; shared by validate and import.</summary>
    public static void Report(CliContext cli, PlanLoadResult result, string format)
    {
        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = result.Diagnostics.Count(d => d.Severity == Severity.Warning);
        if (format == "json")
        {
            cli.WriteJson(new
            {
                valid = !result.HasErrors,
                files = result.FileCount,
                elements = result.Plan.Documents.Count,
                errors,
                warnings,
                diagnostics = result.Diagnostics.Select(CliContext.DiagnosticJson),
            });
            return;
        }

        cli.WriteDiagnostics(result.Diagnostics);
        var summary = $"{Plural(result.FileCount, "file")}, {Plural(result.Plan.Documents.Count, "element")}: " +
            $"{Plural(errors, "error")}, {Plural(warnings, "warning")}";
        cli.Console.MarkupLine(errors > 0 ? $"[red]✗ Invalid plan[/] — {summary}." : $"[green]✓ Valid plan[/] — {summary}.");
    }

    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
