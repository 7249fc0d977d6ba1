using System.CommandLine;
using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Reports;
using Continuity.Store;

namespace Continuity.Cli.Commands;

public static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var path = new Argument<string>("path") { Description = "A plan folder (every *.yaml under it) or one plan file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change without writing anything." };
        var force = new Option<bool>("--force") { Description = "Where the files and the app both changed an element since the export, take the files' version." };
        var scope = new Option<string>("--scope")
        {
            Description = "Which elements the import may touch: 'everything' (default) or 'team:NAME', the functions, systems, procedures, people, roles and backup policies of one team; the rest of the stored plan is left as it is.",
            DefaultValueFactory = _ => "everything",
        };
        scope.Validators.Add(result =>
        {
            if (ImportScope.Parse(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--scope takes 'everything' or 'team:NAME'.");
            }
        });
        var command = new Command("import",
            "Apply plan files to the plan in the database, in one transaction: creates, updates and removes elements by id, each change recorded in the audit log at a new plan revision. "
            + "Files exported by 'continuity export' carry the revision they were taken at; an element changed both in the files and in the app since then is a conflict: the import lists them and changes nothing, unless --force. "
            + "Any error changes nothing.\n" + ExitCodes.Help)
        {
            path,
            dryRun,
            force,
            scope,
            ValidateCommand.Format,
            ValidateCommand.MaxFileSize,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = parse.GetValue(ValidateCommand.Format)!;
            var importScope = ImportScope.Parse(parse.GetValue(scope))!;
            PlanLoadResult? loaded = await cli.WithProgressAsync("Reading plan files…", () => Task.FromResult(PlanLoader.Load(parse.GetValue(path)!, ValidateCommand.LoadOptions(parse))));
            if (Errors(loaded, importScope).Any())
            {
                ValidateCommand.Report(cli, loaded, format);
                cli.Fail("The plan has errors, so nothing was imported.");
                return ExitCodes.InvalidInput;
            }
            // Keep the plan and its warnings, not the source map (file:line:column of every value,
            // most of what loading holds): the import does not need it.
            var (plan, warnings) = (loaded.Plan, loaded.Diagnostics.Where(d => d.Severity != Severity.Error).ToList());
            loaded = null;

            await using var services = await cli.Host.OpenAsync(parse, DatabaseUse.Write, cancellationToken);
            var options = new ImportOptions { DryRun = parse.GetValue(dryRun), Force = parse.GetValue(force), Scope = importScope };
            try
            {
                var writer = services.Get<PlanWriter>();
                var report = await cli.WithProgressAsync($"Importing {ValidateCommand.Plural(plan.Documents.Count, "element")}…",
                    () => writer.ImportAsync(Actor.CommandLine(AuditChannel.Import), plan, options, cancellationToken));
                Print(cli, report, warnings, format);
                return ExitCodes.Success;
            }
            catch (PlanConflictException conflict)
            {
                // The elements in conflict; the exit code and the sentence are KnownProblems'.
                PrintConflict(cli, conflict, format);
                throw;
            }
            catch (PlanValidationException invalid)
            {
                foreach (var error in invalid.Errors)
                {
                    cli.Fail(error.Field.Length == 0 ? error.Message : $"{error.Field}: {error.Message}");
                }
                cli.Fail("Together with the stored plan the files do not make a valid plan, so nothing was imported.");
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    private static IEnumerable<Diagnostic> Errors(PlanLoadResult loaded, ImportScope scope) => scope.Blocking(loaded.Diagnostics);

    private static void PrintConflict(CliContext cli, PlanConflictException conflict, string format)
    {
        if (format == "json")
        {
            cli.WriteJson(new
            {
                conflict = true,
                message = conflict.Message,
                conflicts = ImportReportJson.Conflicts(conflict),
            });
            return;
        }
        if (conflict.Conflicts.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Changed in the files and in the app")
                .AddColumn("Element").AddColumn("Fields");
            foreach (var element in conflict.Conflicts)
            {
                table.AddRow(Markup.Escape(element.Element), Markup.Escape(string.Join(", ", element.Fields)));
            }
            cli.Console.Write(table);
        }
    }

    private static void Print(CliContext cli, ImportReport report, IReadOnlyList<Diagnostic> warnings, string format)
    {
        if (format == "json")
        {
            cli.WriteJson(ImportReportJson.Of(report, warnings));
            return;
        }

        cli.WriteDiagnostics(warnings);
        var table = new Table().Border(TableBorder.Rounded).Title(report.DryRun ? "Dry run: what the import would do" : "Import")
            .AddColumn("Kind").AddColumn(new TableColumn("Created").RightAligned()).AddColumn(new TableColumn("Updated").RightAligned())
            .AddColumn(new TableColumn("Removed").RightAligned()).AddColumn(new TableColumn("Unchanged").RightAligned());
        foreach (var kind in report.Kinds.Where(k => k.Created.Count + k.Updated.Count + k.Removed.Count + k.Unchanged.Count > 0))
        {
            table.AddRow(kind.Kind.ToString(), Count(kind.Created.Count, "green"), Count(kind.Updated.Count, "yellow"),
                Count(kind.Removed.Count, "red"), kind.Unchanged.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        cli.Console.Write(table);

        const int listed = 30;
        foreach (var (label, ids, colour) in new[] { ("created", report.Created.ToList(), "green"), ("updated", report.Updated.ToList(), "yellow"), ("removed", report.Removed.ToList(), "red") })
        {
            foreach (var id in ids.Take(listed))
            {
                cli.Console.MarkupLine($"  [{colour}]{label,-8}[/] {Markup.Escape(id)}");
            }
            if (ids.Count > listed)
            {
                cli.Console.MarkupLine($"  [dim]… and {ids.Count - listed} more {label}[/]");
            }
        }
        cli.Console.MarkupLine(!report.HasChanges ? "[green]✓ Nothing to change: the database already holds this plan.[/]"
            : report.DryRun ? "[yellow]Dry run: nothing was written.[/]"
            : "[green]✓ Imported.[/]");
    }

    private static string Count(int count, string colour) => count == 0 ? "[dim]0[/]" : $"[{colour}]{count}[/]";
}
