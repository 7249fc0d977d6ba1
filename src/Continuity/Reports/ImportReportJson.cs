using Continuity.PlanFiles;
using Continuity.Store;

namespace Continuity.Reports;

/// <summary>The JSON of an import's outcome, as <c>continuity import --format json</c> prints it and
/// <c>POST /api/v1/import</c> answers it, so that a program reads the same document from either.</summary>
public static class ImportReportJson
{
    public static object Of(ImportReport report, IEnumerable<Diagnostic> warnings)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new
        {
            dryRun = report.DryRun,
            revision = report.Revision,
            changed = report.HasChanges,
            created = report.Created,
            updated = report.Updated,
            removed = report.Removed,
            unchanged = report.Unchanged.Count(),
            warnings = warnings.Select(ReportJson.Diagnostic),
        };
    }

    /// <summary>The elements both sides changed, each with its fields.</summary>
    public static IEnumerable<object> Conflicts(PlanConflictException conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return conflict.Conflicts.Select(c => new { element = c.Element, fields = c.Fields });
    }
}
