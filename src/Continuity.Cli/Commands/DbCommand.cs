using System.CommandLine;
using Continuity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Continuity.Cli.Commands;

public static class DbCommand
{
    public static Command Create(CliContext cli)
    {
        var migrate = new Command("migrate", "Create the database if needed and apply every pending migration, whatever Database:MigrateOnStartup says (for a deployment job that migrates before the app starts).");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = cli.Host.Start(parse);
            var provider = services.Get<IOptions<DatabaseOptions>>().Value.Provider;
            var pending = (await services.Db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await services.Db.Database.MigrateAsync(cancellationToken);
            cli.Console.MarkupLine(pending.Count == 0
                ? $"[green]✓ The {provider} database is up to date.[/]"
                : $"[green]✓ Applied {pending.Count} migration(s) to the {provider} database:[/] {Spectre.Console.Markup.Escape(string.Join(", ", pending))}");
            return ExitCodes.Success;
        });
        return new Command("db", "Manage the database.") { migrate };
    }
}
