using System.CommandLine;
using Continuity.Checks;
using Continuity.Cli.Sarif;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Reports;
using Continuity.Snapshots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Cli.Commands;

public static class CheckCommand
{
    public static readonly Option<string> Format = new("--format")
    {
        Description = "text for people, json for programs, sarif (SARIF 2.1.0) for code review.",
        DefaultValueFactory = _ => "text",
    };

    public static readonly Option<string> MinSeverity = new("--min-severity")
    {
        Description = "The lowest severity listed and counted for the exit code (default warning: errors and warnings). Findings below it appear only in the summary.",
        DefaultValueFactory = _ => "warning",
        HelpName = "error|warning|info",
    };

    public static readonly Option<DateOnly?> AsOf = new("--as-of")
    {
        Description = "Judge dates (reviews, contact verification, waiver expiry) as of this day, yyyy-mm-dd (default: today, UTC).",
        HelpName = "date",
    };

    static CheckCommand()
    {
        Format.AcceptOnlyFromAmong("text", "json", "sarif");
        MinSeverity.AcceptOnlyFromAmong("error", "warning", "info");
    }

    public static Command Create(CliContext cli)
    {
        var input = new AnalysisInput();
        var command = new Command("check", "Run every plan check (docs/checks.md) and list the findings, grouped by severity and check, with the element, " +
            "file:line:column and a hint. Waived findings are shown dimmed and do not count.\n" +
            "Exit codes: 0 nothing unwaived at or above --min-severity, 1 findings, 2 invalid plan or arguments, 3 database unavailable.")
        {
            Format,
            MinSeverity,
            AsOf,
        };
        input.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = parse.GetValue(Format)!;
            var (loaded, exitCode) = await input.LoadAsync(cli, parse, format, cancellationToken);
            if (loaded is null)
            {
                return exitCode;
            }
            var today = parse.GetValue(AsOf) ?? DateOnly.FromDateTime(cli.Host.Clock(parse).GetUtcNow().UtcDateTime);
            var options = new AnalysisOptions(today) { Sources = loaded.Sources };
            var result = await cli.WithProgressAsync("Analysing the plan…", () => Task.Run(() => PlanAnalysis.Run(loaded.Plan, loaded.Snapshot, options)));
            var threshold = ParseSeverity(parse.GetValue(MinSeverity)!);
            var listed = CheckReport.Listed(result, threshold);
            var failing = CheckReport.Fails(listed);

            switch (format)
            {
                case "sarif":
                    cli.Output.WriteLine(SarifLog.Write(SarifLog.ForFindings(listed, loaded.Diagnostics, loaded.Root)));
                    break;
                case "json":
                    cli.Output.WriteLine(ReportJson.Serialize(CheckReport.Of(result, threshold, fromFiles: loaded.Root is not null, today, loaded.Diagnostics)));
                    break;
                default:
                    PrintText(cli, result.Findings, listed, loaded, today, threshold);
                    break;
            }
            return failing ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }

    public static Severity ParseSeverity(string text) => text switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        _ => Severity.Info,
    };

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    private static void PrintText(CliContext cli, IReadOnlyList<Finding> all, List<Finding> listed, LoadedPlan loaded, DateOnly today, Severity threshold)
    {
        ReportText.Widen(cli);
        cli.WriteDiagnostics(loaded.Diagnostics);
        foreach (var severity in new[] { Severity.Error, Severity.Warning, Severity.Info })
        {
            var ofSeverity = listed.Where(f => f.Severity == severity).ToList();
            if (ofSeverity.Count == 0)
            {
                continue;
            }
            var colour = Colour(severity);
            var heading = severity switch { Severity.Error => "Errors", Severity.Warning => "Warnings", _ => "Info" };
            cli.Console.WriteLine();
            cli.Console.MarkupLine($"[bold {colour}]{heading}[/] [dim]({Counted(ofSeverity)})[/]");
            foreach (var check in ofSeverity.GroupBy(f => f.CheckId))
            {
                var title = CheckCatalogue.Find(check.Key)?.Title ?? "";
                cli.Console.MarkupLine($"  [{colour}]{Markup.Escape(check.Key)}[/] [bold]{Markup.Escape(title)}[/]");
                foreach (var finding in check)
                {
                    PrintFinding(cli, finding, colour);
                }
            }
        }

        cli.Console.WriteLine();
        var errors = all.Count(f => f.WaivedBy is null && f.Severity == Severity.Error);
        var warnings = all.Count(f => f.WaivedBy is null && f.Severity == Severity.Warning);
        var info = all.Count(f => f.WaivedBy is null && f.Severity == Severity.Info);
        var waived = all.Count(f => f.WaivedBy is not null);
        var hidden = all.Count(f => f.Severity > threshold);
        var counts = $"{ValidateCommand.Plural(errors, "error")}, {ValidateCommand.Plural(warnings, "warning")}, {info} info";
        var notes = new List<string>();
        if (waived > 0)
        {
            notes.Add($"{waived} waived");
        }
        if (hidden > 0)
        {
            notes.Add($"{hidden} below --min-severity {Name(threshold)} not listed");
        }
        var suffix = $", as of {today:yyyy-MM-dd}.";
        var failing = listed.Any(f => f.WaivedBy is null);
        cli.Console.MarkupLine(failing
            ? $"[red]✗ Checks found problems[/] — {counts}{suffix}"
            : $"[green]✓ No findings at or above {Name(threshold)}[/] — {counts}{suffix}");
        if (notes.Count > 0)
        {
            cli.Console.MarkupLine($"  [dim]{Markup.Escape(string.Join("; ", notes))}.[/]");
        }
    }

    private static void PrintFinding(CliContext cli, Finding finding, string colour)
    {
        var location = finding.Location is null ? "" : $"  [blue]{Markup.Escape(finding.Location.ToString())}[/]";
        if (finding.WaivedBy is { } waiver)
        {
            cli.Console.MarkupLine($"    [dim]○ {Markup.Escape(finding.ElementId)}[/]{location} [dim](waived)[/]");
            ReportText.Wrapped(cli, 6, finding.Message, "dim");
            ReportText.Wrapped(cli, 6, $"waived until {waiver.Expires:yyyy-MM-dd} by {waiver.Owner}: {waiver.Reason}", "dim");
            return;
        }
        var mark = finding.Severity switch { Severity.Error => "✗", Severity.Warning => "!", _ => "i" };
        cli.Console.MarkupLine($"    [{colour}]{mark}[/] [bold]{Markup.Escape(finding.ElementId)}[/]{location}");
        ReportText.Wrapped(cli, 6, finding.Message);
        if (!string.IsNullOrWhiteSpace(finding.Hint))
        {
            ReportText.Wrapped(cli, 6, "hint: " + finding.Hint, "dim", styledUpTo: "hint: ".Length);
        }
    }

    private static string Counted(List<Finding> findings)
    {
        var waived = findings.Count(f => f.WaivedBy is not null);
        return waived == 0 ? $"{findings.Count}" : $"{findings.Count - waived}, {waived} waived";
    }

    public static string Colour(Severity severity) => severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "blue" };
}

/// <summary>A plan ready for analysis: from plan files (with where each element is written, and
/// the folder they are relative to) or from the database.</summary>
public sealed record LoadedPlan(Plan Plan, PlanSnapshot Snapshot, SourceMap? Sources, string? Root, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Where the analysis commands take the plan from: a <c>PATH</c> argument (plan files)
/// or <c>--db</c> (the configured database, with the shared database options).</summary>
/// <param name="documents">False when the command reads the snapshot only (<c>spof</c>): the
/// plan documents are then not read from the database.</param>
public sealed class AnalysisInput(bool documents = true)
{
    private readonly Argument<string?> _path = new("path")
    {
        Description = "A plan folder (every *.yaml under it) or one plan file. Omit it with --db.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<bool> _database = new("--db")
    {
        Description = "Analyse the plan held in the database (see --connection-string) instead of plan files.",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(_path);
        command.Options.Add(_database);
    }

    /// <summary>Loads the plan and its snapshot; on failure prints why (invalid plan files as
    /// <c>validate</c> does, in the command's format) and returns the exit code.</summary>
    public async Task<(LoadedPlan? Plan, int ExitCode)> LoadAsync(CliContext cli, ParseResult parse, string format, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(_path);
        var fromDatabase = parse.GetValue(_database);
        if (path is null == !fromDatabase)
        {
            cli.Fail(path is null
                ? "Say which plan to analyse: a plan folder (PATH) or --db for the plan in the database."
                : "Give either a plan folder (PATH) or --db, not both.");
            return (null, ExitCodes.InvalidInput);
        }
        return fromDatabase ? await FromDatabaseAsync(cli, parse, cancellationToken) : await FromFilesAsync(cli, path!, format);
    }

    private static async Task<(LoadedPlan?, int)> FromFilesAsync(CliContext cli, string path, string format)
    {
        var result = await cli.WithProgressAsync("Reading plan files…", () => Task.FromResult(PlanLoader.Load(path)));
        var root = Path.GetFullPath(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        if (result.HasErrors)
        {
            if (format == "sarif")
            {
                cli.Output.WriteLine(SarifLog.Write(SarifLog.ForFindings([], result.Diagnostics, root)));
            }
            else
            {
                ValidateCommand.Report(cli, result, format);
            }
            cli.Fail("The plan has errors, so it was not analysed; fix them first ('continuity validate').");
            return (null, ExitCodes.InvalidInput);
        }
        var snapshot = await cli.WithProgressAsync("Building the dependency graph…", () => Task.Run(() => PlanSnapshot.From(result.Plan)));
        return (new LoadedPlan(result.Plan, snapshot, result.Sources, root, result.Diagnostics), ExitCodes.Success);
    }

    private async Task<(LoadedPlan?, int)> FromDatabaseAsync(CliContext cli, ParseResult parse, CancellationToken cancellationToken)
    {
        await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Read, cancellationToken);
        var db = services.Db;
        Plan plan;
        PlanSnapshot snapshot;
        bool empty;
        if (documents)
        {
            // The snapshot is read on a second connection while the documents are read on the first.
            await using var beside = services.CreateScope();
            var second = beside.ServiceProvider.GetRequiredService<ContinuityDb>();
            (plan, snapshot) = await cli.WithProgressAsync("Reading the plan from the database…", () => PlanAnalysis.LoadAsync(db, cancellationToken, second));
            empty = plan.Documents.Count == 0;
        }
        else
        {
            plan = new Plan([]);
            snapshot = await cli.WithProgressAsync("Reading the plan from the database…", () => PlanSnapshot.LoadAsync(db, cancellationToken));
            empty = snapshot.NodeCount == 0 && !await HoldsOtherElementsAsync(db, cancellationToken);
        }
        if (empty)
        {
            cli.Fail("The database holds no plan yet; import one first ('continuity import PATH').");
            return (null, ExitCodes.InvalidInput);
        }
        return (new LoadedPlan(plan, snapshot, null, null, []), ExitCodes.Success);
    }

    /// <summary>True when the database holds an element that is not a node of the snapshot.</summary>
    private static async Task<bool> HoldsOtherElementsAsync(ContinuityDb db, CancellationToken ct) =>
        await db.Organisations.AnyAsync(ct) || await db.Teams.AnyAsync(ct) || await db.Risks.AnyAsync(ct) || await db.Scenarios.AnyAsync(ct)
        || await db.Procedures.AnyAsync(ct) || await db.CommunicationPlans.AnyAsync(ct) || await db.BackupPolicies.AnyAsync(ct);
}
