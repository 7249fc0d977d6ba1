using System.Text.Json;
using System.Text.Json.Serialization;
using Continuity.PlanFiles;

namespace Continuity.Cli;

/// <summary>Where a command writes: a Spectre console for people, plain JSON for programs.</summary>
public sealed class CliContext
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        Console = Create(output);
        ErrorConsole = Create(error);
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    public IAnsiConsole ErrorConsole { get; }

    /// <summary>True when a person watches a terminal (progress and colour make sense).</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive && ReferenceEquals(Output, System.Console.Out);

    /// <summary>Runs long work under a spinner with what is happening, when a person is watching.</summary>
    public async Task<T> WithProgressAsync<T>(string status, Func<Task<T>> work) => Interactive
        ? await Console.Status().Spinner(Spinner.Known.Dots).StartAsync(status, _ => Task.Run(work))
        : await work();

    public void WriteJson<T>(T value) => Output.WriteLine(JsonSerializer.Serialize(value, Json));

    public void Fail(string message) => ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    /// <summary>Prints diagnostics the way compilers do: file:line:column, severity, code, message, hint.</summary>
    public void WriteDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            var colour = diagnostic.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "blue" };
            var where = diagnostic.Location is null ? "" : $"[bold]{Markup.Escape(diagnostic.Location.ToString())}[/]: ";
            Console.MarkupLine($"{where}[{colour}]{diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Code}[/]: {Markup.Escape(diagnostic.Message)}");
            if (diagnostic.Hint is not null)
            {
                Console.MarkupLine($"    [dim]hint:[/] {Markup.Escape(diagnostic.Hint)}");
            }
        }
    }

    public static object DiagnosticJson(Diagnostic d) => new
    {
        severity = d.Severity,
        code = d.Code,
        message = d.Message,
        hint = d.Hint,
        file = d.Location?.File,
        line = d.Location?.Line,
        column = d.Location?.Column,
    };

    private static IAnsiConsole Create(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = ReferenceEquals(writer, System.Console.Out) || ReferenceEquals(writer, System.Console.Error) ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(writer, System.Console.Out) || ReferenceEquals(writer, System.Console.Error) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = ReferenceEquals(writer, System.Console.Out) ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
