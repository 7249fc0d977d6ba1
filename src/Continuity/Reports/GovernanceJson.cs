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

    /// <summary>A version's review and sign-off: reviewers and their verdicts, comments per section,
    /// sign-offs with the hash signed and the audit head at signing, the quorum and who may still sign.</summary>
    public static object Workflow(VersionWorkflowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new
        {
            version = Version(state.Version.Summary),
            openErrors = state.Version.OpenErrorList.Select(f => new { check = f.Check, element = f.Element, message = f.Message }),
            reviewers = state.Reviewers.Select(r => new
            {
                reviewer = r.Reviewer,
                namedBy = r.NamedBy,
                namedUtc = r.NamedUtc,
                verdict = r.Verdict is { } v ? JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()) : null,
                verdictUtc = r.VerdictUtc,
            }),
            comments = state.Comments.Select(c => new { author = c.Author, section = c.Section, text = c.Text, createdUtc = c.CreatedUtc }),
            signOffs = state.SignOffs.Select(s => new
            {
                approver = s.Approver,
                decision = JsonNamingPolicy.KebabCaseLower.ConvertName(s.Decision.ToString()),
                statement = s.Statement,
                justification = s.Justification,
                contentHash = s.ContentHash,
                auditSequence = s.AuditSequence,
                auditHeadHash = s.AuditHeadHash,
                method = s.Method,
                signedUtc = s.SignedUtc,
            }),
            quorum = state.Quorum,
            approvals = state.Approvals,
            quorumReachable = state.QuorumReachable,
            outstandingApprovers = state.OutstandingApprovers.Select(a => a.Email),
        };
    }

    /// <summary><c>pending-approval</c>, <c>in-review</c> …</summary>
    public static string StateWords(VersionState state) => JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString());

    /// <summary>The control status: each control with its state, SOC 2 mapping, requirements and
    /// evidence, the settings it was judged by and every plan's review cycle.</summary>
    public static object Controls(ControlEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new
        {
            asOfUtc = evaluation.AsOfUtc,
            planControlMet = evaluation.PlanControlMet,
            settings = new
            {
                reviewIntervalMonths = evaluation.Settings.ReviewIntervalMonths,
                acknowledgementThreshold = evaluation.Settings.AcknowledgementThreshold,
                reminderDays = evaluation.Settings.AcknowledgementReminderDays,
                approvalQuorum = evaluation.Settings.ApprovalQuorum,
            },
            controls = evaluation.Controls.Select(c => new
            {
                id = c.Id,
                title = c.Title,
                state = StateWords(c.State),
                partialEvidence = c.PartialEvidence,
                soc2 = c.Soc2,
                statement = c.Statement,
                requirements = c.Requirements.Select(r => new
                {
                    requirement = r.Requirement,
                    state = StateWords(r.State),
                    status = r.Status,
                    evidence = r.Evidence.Select(e => new { text = e.Text, link = e.Link }),
                }),
            }),
            reviews = evaluation.Reviews.Select(r => new
            {
                scope = r.Scope.ToString(),
                version = r.Version,
                approvedUtc = r.ApprovedUtc,
                dueOn = r.DueOn,
                state = JsonNamingPolicy.KebabCaseLower.ConvertName(r.State.ToString()),
                daysLeft = r.DaysLeft,
                words = r.Words,
            }),
        };
    }

    /// <summary><c>met</c>, <c>at-risk</c>, <c>not-met</c>.</summary>
    public static string StateWords(ControlState state) => JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString());
}
