using System.CommandLine;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Cli.Commands;

public static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var path = new Argument<string>("path") { Description = "A plan folder (every *.yaml under it) or one plan file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change without writing anything." };
        var command = new Command("import", "Make the database hold exactly this plan, in one transaction: creates, updates and removes elements by id. Any error changes nothing.\n" + ExitCodes.Help)
        {
            path,
            dryRun,
            ValidateCommand.Format,
            ValidateCommand.MaxFileSize,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = parse.GetValue(ValidateCommand.Format)!;
            PlanLoadResult? loaded = await cli.WithProgressAsync("Reading plan files…", () => Task.FromResult(PlanLoader.Load(parse.GetValue(path)!, ValidateCommand.LoadOptions(parse))));
            if (loaded.HasErrors)
            {
                ValidateCommand.Report(cli, loaded, format);
                cli.Fail("The plan has errors, so nothing was imported.");
                return ExitCodes.InvalidInput;
            }
            // Keep the plan and its warnings, not the source map (file:line:column of every value,
            // most of what loading holds): the import does not need it.
            var (plan, warnings) = (loaded.Plan, loaded.Diagnostics);
            loaded = null;

            await using var db = await OpenAsync(cli, DatabaseArguments.Options(parse), create: true, cancellationToken);
            if (db is null)
            {
                return ExitCodes.Environment;
            }
            var report = await cli.WithProgressAsync($"Importing {ValidateCommand.Plural(plan.Documents.Count, "element")}…",
                () => PlanImport.ApplyAsync(db, plan, TimeProvider.System, parse.GetValue(dryRun), cancellationToken));
            Print(cli, report, warnings, format);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Opens the database, creating (when <paramref name="create"/> is set: import) and
    /// migrating an embedded SQLite file on first use; commands that only read the plan do not
    /// create one. PostgreSQL is migrated only on request (<c>continuity db migrate</c>). A database
    /// that is up to date is only read here, so a command that fails leaves its file byte-for-byte as it was.</summary>
    public static async Task<ContinuityDb?> OpenAsync(CliContext cli, DatabaseOptions options, bool create, CancellationToken cancellationToken)
    {
        if (!create && DatabaseProblems.SqliteFile(options) is { } file && !File.Exists(file) && !Directory.Exists(file))
        {
            cli.Fail($"There is no database at {file}; import a plan first ('continuity import PATH'), or point --connection-string at the database.");
            return null;
        }
        var db = ContinuityDbFactory.Create(options);
        try
        {
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                if (options.Provider != DatabaseProvider.Sqlite)
                {
                    cli.Fail("The PostgreSQL database is not up to date; run 'continuity db migrate' first.");
                    await db.DisposeAsync();
                    return null;
                }
                await db.Database.MigrateAsync(cancellationToken);
            }
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static void Print(CliContext cli, ImportReport report, IReadOnlyList<Diagnostic> warnings, string format)
    {
        if (format == "json")
        {
            cli.WriteJson(new
            {
                dryRun = report.DryRun,
                changed = report.HasChanges,
                created = report.Created,
                updated = report.Updated,
                removed = report.Removed,
                unchanged = report.Unchanged.Count(),
                warnings = warnings.Select(CliContext.DiagnosticJson),
            });
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
