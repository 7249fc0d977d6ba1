using System.Text.Json;
using System.Text.Json.Serialization;
using Continuity.PlanFiles;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Cli;

/// <summary>Where a command writes (a Spectre console for people, plain JSON for programs) and
/// where it gets its services (<see cref="CliHost"/>).</summary>
public sealed class CliContext
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public CliContext(TextWriter output, TextWriter error, Action<IServiceCollection>? services = null)
    {
        Host = new CliHost(services);
        Output = output;
        Error = error;
        Console = Create(output);
        ErrorConsole = Create(error);
    }

    public CliHost Host { get; }

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

    /// <summary>Writes <paramref name="value"/> as indented JSON and a line break, streamed to the
    /// output as it is serialised: a large report (spof of a large plan is hundreds of MB of JSON)
    /// is never held as one string.</summary>
    public void WriteJson<T>(T value)
    {
        using (var stream = new TextWriterStream(Output))
        {
            JsonSerializer.Serialize(stream, value, Json);
        }
        Output.WriteLine();
    }

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


    private static IAnsiConsole Create(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = ReferenceEquals(writer, System.Console.Out) || ReferenceEquals(writer, System.Console.Error) ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(writer, System.Console.Out) || ReferenceEquals(writer, System.Console.Error) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = ReferenceEquals(writer, System.Console.Out) ? InteractionSupport.Detect : InteractionSupport.No,
    });
}

/// <summary>A write-only stream that decodes UTF-8 onto a text writer (a character split between
/// two writes is completed by the decoder). Disposing it flushes the decoder, not the writer.</summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly System.Text.Decoder _decoder = System.Text.Encoding.UTF8.GetDecoder();
    private char[] _chars = [];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Decode(buffer, flush: false);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Decode([], flush: true);
        }
        base.Dispose(disposing);
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        var needed = _decoder.GetCharCount(bytes, flush);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, 4096)];
        }
        var written = _decoder.GetChars(bytes, _chars, flush);
        writer.Write(_chars, 0, written);
    }
}
