using System.CommandLine;
using Continuity.Data;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Cli.Commands;

public static class DbCommand
{
    public static Command Create(CliContext cli)
    {
        var migrate = new Command("migrate", "Create the database if needed and apply every pending migration (needed for PostgreSQL; SQLite migrates itself).");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var options = DatabaseArguments.Options(parse);
            await using var db = ContinuityDbFactory.Create(options);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            cli.Console.MarkupLine(pending.Count == 0
                ? $"[green]✓ The {options.Provider} database is up to date.[/]"
                : $"[green]✓ Applied {pending.Count} migration(s) to the {options.Provider} database:[/] {Spectre.Console.Markup.Escape(string.Join(", ", pending))}");
            return ExitCodes.Success;
        });
        return new Command("db", "Manage the database.") { migrate };
    }
}
