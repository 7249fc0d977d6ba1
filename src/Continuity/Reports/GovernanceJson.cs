using System.Text.Json;
using Continuity.Governance;

namespace Continuity.Reports;

/// <summary>The JSON of plan versions and their differences, the same for the command line's
/// <c>--format json</c> and the API.</summary>
public static class GovernanceJson
{
    /// <param name="version">The version.</param>
    /// <param name="verified">Whether its hash was recomputed and matches; null when not checked.</param>
    public static object Version(VersionSummary version, bool? verified = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new
        {
            label = version.Label,
            scope = version.Scope,
            number = version.Number,
            state = StateWords(version.State),
            contentHash = version.ContentHash,
            revision = version.Revision,
            elements = version.Elements,
            submittedBy = version.SubmittedBy,
            submittedUtc = version.SubmittedUtc,
            note = version.Note,
            verified,
        };
    }

    public static object Diff(string from, string to, IEnumerable<PlanElementChange> changes) => new
    {
        from,
        to,
        changes = changes.Select(c => new
        {
            element = c.Id,
            label = c.Label,
            change = JsonNamingPolicy.CamelCase.ConvertName(c.Change.ToString()),
            sentences = c.Sentences,
            fields = c.Fields.Select(f => new { field = f.Field, before = f.Before, after = f.After }),
        }),
    };

    /// <summary><c>pending-approval</c>, <c>in-review</c> …</summary>
    public static string StateWords(VersionState state) => JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString());
}
