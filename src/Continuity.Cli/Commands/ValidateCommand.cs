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

    public static readonly Option<int> MaxFileSize = new("--max-file-size")
    {
        Description = "Refuse a plan file larger than this many megabytes without reading it (PF008).",
        HelpName = "MB",
        DefaultValueFactory = _ => (int)(PlanLoadOptions.DefaultMaxFileBytes / (1024 * 1024)),
    };

    static ValidateCommand()
    {
        Format.AcceptOnlyFromAmong("text", "json");
        MaxFileSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-file-size takes a number of megabytes from 1 up.");
            }
        });
    }

    /// <summary>The loader's limits as given on the command line; shared by validate and import.</summary>
    public static PlanLoadOptions LoadOptions(ParseResult parse) => new() { MaxFileBytes = parse.GetValue(MaxFileSize) * 1024L * 1024 };

    public static Command Create(CliContext cli)
    {
        var path = new Argument<string>("path") { Description = "A plan folder (every *.yaml under it) or one plan file." };
        var command = new Command("validate", "Check plan files and report every problem with file:line:column and a hint. " +
            "Only regular files (or links to them) are read; pipes, devices and broken links are reported.\n" + ExitCodes.Help)
        {
            path,
            Format,
            MaxFileSize,
        };
        command.SetAction(async parse =>
        {
            var result = await cli.WithProgressAsync("Reading plan files…", () => Task.FromResult(PlanLoader.Load(parse.GetValue(path)!, LoadOptions(parse))));
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
                diagnostics = result.Diagnostics.Select(Reports.ReportJson.Diagnostic),
            });
            return;
        }

        cli.WriteDiagnostics(result.Diagnostics);
        var summary = $"{Plural(result.FileCount, "file")}, {Plural(result.Plan.Documents.Count, "element")}: " +
            $"{Plural(errors, "error")}, {Plural(warnings, "warning")}";
        cli.Console.MarkupLine(errors > 0 ? $"[red]✗ Invalid plan[/] — {summary}." : $"[green]✓ Valid plan[/] — {summary}.");
    }

    public static string Plural(int count, string noun) => Plural(count, noun, noun + "s");

    public static string Plural(int count, string singular, string plural) => $"{count} {(count == 1 ? singular : plural)}";
}
