using System.Globalization;
using Continuity.Checks;
using Continuity.PlanFiles;

namespace Continuity.Reports;

/// <summary>The result of <c>check</c> as programs read it (<c>check --format json</c> and
/// <c>GET /api/v1/analysis/check</c>): whether it passed, the counts of unwaived findings, the
/// findings at or above the threshold (waived ones with their waiver) and the diagnostics of the
/// plan files.</summary>
public static class CheckReport
{
    /// <param name="result">The analysis.</param>
    /// <param name="threshold">The lowest severity listed and counted for <c>passed</c>.</param>
    /// <param name="fromFiles">True when the plan came from files, false for the database.</param>
    /// <param name="today">The day dates were judged against.</param>
    /// <param name="diagnostics">The diagnostics of the plan files (none for the database).</param>
    public static object Of(AnalysisResult result, Severity threshold, bool fromFiles, DateOnly today, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(result);
        var listed = Listed(result, threshold);
        return new
        {
            passed = !Fails(listed),
            source = fromFiles ? "files" : "database",
            asOf = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            minSeverity = threshold,
            counts = new
            {
                errors = result.Unwaived.Count(f => f.Severity == Severity.Error),
                warnings = result.Unwaived.Count(f => f.Severity == Severity.Warning),
                info = result.Unwaived.Count(f => f.Severity == Severity.Info),
                waived = result.Findings.Count(f => f.WaivedBy is not null),
            },
            findings = listed.Select(f => new
            {
                check = f.CheckId,
                title = CheckCatalogue.Find(f.CheckId)?.Title,
                severity = f.Severity,
                element = f.ElementId,
                message = f.Message,
                hint = f.Hint,
                file = f.Location?.File,
                line = f.Location?.Line,
                column = f.Location?.Column,
                waived = f.WaivedBy is { } waiver ? new { reason = waiver.Reason, owner = waiver.Owner, expires = waiver.Expires } : null,
            }),
            diagnostics = diagnostics.Select(ReportJson.Diagnostic),
        };
    }

    /// <summary>The findings at or above <paramref name="threshold"/>, in the analysis's order.</summary>
    public static List<Finding> Listed(AnalysisResult result, Severity threshold)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Findings.Where(f => f.Severity <= threshold)];
    }

    /// <summary>True when a listed finding is not waived: the check fails.</summary>
    public static bool Fails(IEnumerable<Finding> listed) => listed.Any(f => f.WaivedBy is null);

    /// <summary>The severity as written in options and query strings: error, warning, info.</summary>
    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        (var known, severity) = text switch
        {
            "error" => (true, Severity.Error),
            "warning" => (true, Severity.Warning),
            "info" => (true, Severity.Info),
            _ => (false, Severity.Info),
        };
        return known;
    }
}
