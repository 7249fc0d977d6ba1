using System.CommandLine;
using Continuity.Demo;

namespace Continuity.Cli.Commands;

public static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var folder = new Argument<string>("folder") { Description = "Folder to write the demo plan to (must be new or empty)." };
        var command = new Command("demo", "Write the demo organisation (IllumiDesk, an education-technology SaaS company) as plan files to explore and edit.")
        {
            folder,
        };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(folder)!;
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            {
                cli.Fail($"'{target}' is not empty; choose a new or empty folder.");
                return ExitCodes.InvalidInput;
            }
            var files = DemoPlan.WriteTo(target);
            cli.Console.MarkupLine($"[green]✓ Wrote the demo plan ({files.Count} files) to {Spectre.Console.Markup.Escape(target)}.[/]");
            cli.Console.MarkupLine($"  Next: [bold]continuity validate {Spectre.Console.Markup.Escape(target)}[/], then [bold]continuity import {Spectre.Console.Markup.Escape(target)}[/].");
            return ExitCodes.Success;
        });
        return command;
    }
}
