using System.Text.Json;
using System.Text.Json.Serialization;
using Continuity.PlanFiles;

namespace Continuity.Reports;

/// <summary>How the analysis reports are written as JSON, by the command line (<c>--format json</c>)
/// and the HTTP API alike, so that a program gets the same document from either: camelCase keys,
/// enums in kebab-case, nulls left out, indented.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static Task WriteAsync<T>(Stream stream, T value, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, value, Options, cancellationToken);

    /// <summary>A diagnostic of the plan files, as the reports list it.</summary>
    public static object Diagnostic(Diagnostic d) => new
    {
        severity = d.Severity,
        code = d.Code,
        message = d.Message,
        hint = d.Hint,
        file = d.Location?.File,
        line = d.Location?.Line,
        column = d.Location?.Column,
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
