using System.CommandLine;
using Continuity.PlanFiles;

namespace Continuity.Cli.Commands;

public static class SchemaCommand
{
    public static Command Create(CliContext cli)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("schema", "Print the JSON Schema of plan files, for editor completion and validation (for example with the YAML language server).")
        {
            output,
        };
        command.SetAction(parse =>
        {
            var text = PlanSchema.Text();
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, text);
                cli.Console.MarkupLine($"[green]✓[/] wrote {Spectre.Console.Markup.Escape(file)}");
            }
            else
            {
                cli.Output.Write(text);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
