using System.CommandLine;
using Continuity.Web;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Continuity.Cli.Commands;

public static class ServeCommand
{
    public static Command Create(CliContext cli)
    {
        var demo = new Option<bool>("--demo") { Description = "Load the demo organisation when the database is empty, and one demo user per access role when there are no users (their password is printed once)." };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:5080; same as ASPNETCORE_URLS)." };
        var command = new Command("serve", "Run the web application (default http://127.0.0.1:5080). On start a missing SQLite database is created, and a database that is behind is migrated while Database:MigrateOnStartup is true (otherwise it refuses to start and asks for 'continuity db migrate').\n" + ExitCodes.Help)
        {
            demo,
            urls,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var arguments = DatabaseArguments.AsHostArguments(parse).ToList();
            if (parse.GetValue(demo))
            {
                arguments.Add("--Demo:LoadWhenEmpty=true");
            }
            if (parse.GetValue(urls) is { } addresses)
            {
                arguments.Add($"--urls={addresses}");
            }
            // A failed start (port in use, database unusable) is told in one sentence by the command
            // line's error handling; the host's own error log would repeat it with a stack trace.
            await using var app = ContinuityWebHost.Build([.. arguments], builder =>
            {
                builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
                cli.Host.Override(builder.Services);
            });
            cli.Console.MarkupLine("[bold]Continuity[/] is starting; press Ctrl+C to stop.");
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
