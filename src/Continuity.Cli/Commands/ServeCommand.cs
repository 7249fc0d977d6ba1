using System.CommandLine;
using Continuity.Web;
using Microsoft.Extensions.Hosting;

namespace Continuity.Cli.Commands;

public static class ServeCommand
{
    public static Command Create(CliContext cli)
    {
        var demo = new Option<bool>("--demo") { Description = "Load the demo organisation when the database is empty." };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:5080; same as ASPNETCORE_URLS)." };
        var command = new Command("serve", "Run the web application (default http://127.0.0.1:5080). The SQLite database is created and migrated on start.")
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
            await using var app = ContinuityWebHost.Build([.. arguments]);
            cli.Console.MarkupLine("[bold]Continuity[/] is starting; press Ctrl+C to stop.");
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
