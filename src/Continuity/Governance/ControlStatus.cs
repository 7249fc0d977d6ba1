using System.Collections.Frozen;
using System.Globalization;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Functions;
using Continuity.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>How a control or one of its requirements stands: green, amber or red.</summary>
public enum ControlState
{
    /// <summary>Green: the evidence shows it is met.</summary>
    Met,

    /// <summary>Amber: met for now, but something needs attention soon (a review due within 30 days,
    /// acknowledgements still coming in, warnings).</summary>
    AtRisk,

    /// <summary>Red: the evidence shows it is not met.</summary>
    NotMet,
}

/// <summary>One piece of evidence behind a requirement: what it is, and where to see it.</summary>
public sealed record ControlEvidence(string Text, string? Link = null);

/// <summary>One requirement of a control, how it stands, why, and the evidence.</summary>
public sealed record ControlRequirement(string Requirement, ControlState State, string Status, IReadOnlyList<ControlEvidence> Evidence);

/// <summary>One control of the family, evaluated from the data (ADR 010).</summary>
/// <param name="Id">BC.1.01, BC.1.02 …</param>
/// <param name="Title">The control's name.</param>
/// <param name="Statement">What it demands, in one sentence.</param>
/// <param name="Soc2">The SOC 2 criteria it serves.</param>
/// <param name="Requirements">What is evaluated.</param>
/// <param name="PartialEvidence">Judged from plan findings alone until exercises and restore tests
/// are recorded in Continuity.</param>
public sealed record ControlResult(string Id, string Title, string Statement, IReadOnlyList<string> Soc2,
    IReadOnlyList<ControlRequirement> Requirements, bool PartialEvidence = false)
{
    /// <summary>The worst of its requirements.</summary>
    public ControlState State => Requirements.Count == 0 ? ControlState.Met : Requirements.Max(r => r.State);
}

/// <summary>Where a plan stands in its review cycle.</summary>
public enum CadenceState
{
    /// <summary>No version of it was ever approved.</summary>
    NeverApproved,

    /// <summary>Approved within the interval; the next review is more than 30 days away.</summary>
    Current,

    /// <summary>The next review is due within 30 days.</summary>
    DueSoon,

    /// <summary>The review date has passed.</summary>
    Overdue,
}

/// <summary>One plan's review cycle: its last approved version, when it was approved and when it is
/// next due (approval + the review interval).</summary>
public sealed record ReviewCadence(PlanScope Scope, int? Number, DateTime? ApprovedUtc, DateOnly? DueOn, CadenceState State, int? DaysLeft)
{
    /// <summary>The last approved version's label, <c>organisation@3</c>.</summary>
    public string? Version => Number is { } number ? $"{Scope}@{number}" : null;

    /// <summary>"due in 12 days", "overdue by 3 days", "current until 2027-05-01", "never approved".</summary>
    public string Words => State switch
    {
        CadenceState.NeverApproved => "never approved",
        CadenceState.Overdue => DaysLeft == 0 ? "due today" : $"overdue by {Days(-DaysLeft!.Value)}",
        CadenceState.DueSoon => $"due in {Days(DaysLeft!.Value)}",
        _ => $"next review due {DueOn:yyyy-MM-dd}",
    };

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}

/// <summary>The control family evaluated at one moment, with the settings it was judged by and every
/// plan's review cycle.</summary>
public sealed record ControlEvaluation(DateTime AsOfUtc, GovernanceSettings Settings, IReadOnlyList<ControlResult> Controls, IReadOnlyList<ReviewCadence> Reviews)
{
    public ControlResult Control(string id) => Controls.Single(c => c.Id == id);

    /// <summary>BC.1.01 is met (green) or met but at risk (amber); red means it is not met.</summary>
    public bool PlanControlMet => Control(ControlStatus.PlanControl).State != ControlState.NotMet;
}

/// <summary>Evaluates BC.1.01–BC.1.04 and BU.1.01–BU.1.03 continuously from the data: the
/// versions, sign-offs, distribution and acknowledgements, the signed objectives, the settings and
/// the analysis' findings (ADR 010). One evaluation is a fixed number of queries however large the
/// plan is.</summary>
public sealed class ControlStatus(ContinuityDb db, AppSettings settings, AnalysisCache analysis, TimeProvider clock)
{
    public const string PlanControl = "BC.1.01";
    public const string RolesControl = "BC.1.02";
    public const string TestingControl = "BC.1.03";
    public const string BiaControl = "BC.1.04";

    /// <summary>How many days ahead a review counts as due soon.</summary>
    public const int DueSoonDays = 30;

    /// <summary>Months within which recovery objectives must have been signed (BC.1.04).</summary>
    public const int ObjectivesValidMonths = 12;

    private const string ObjectivesPage = "/objectives/approve";

    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <param name="analysed">The analysis of the plan as it is, when the caller has it already.</param>
    public async Task<ControlEvaluation> EvaluateAsync(CancellationToken cancellationToken, AnalysisResult? analysed = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var values = await settings.GetAsync(cancellationToken);
        var result = analysed ?? await analysis.GetAsync(db, cancellationToken);
        var versions = await DecidedVersionsAsync(cancellationToken);
        var teams = result.Catalog?.OfKind(ElementKind.Team).Select(t => t.Name).ToList() ?? [];
        var reviews = Reviews(versions, teams, values, now);

        var consolidated = versions.Where(v => v.Scope == PlanScope.OrganisationName).ToList();
        var approved = consolidated.Where(v => v.ApprovedUtc is not null).MaxBy(v => v.ApprovedUtc);
        var published = consolidated.SingleOrDefault(v => v.State == VersionState.Published);
        var approval = approved is null ? null
            : await db.PlanVersions.AsNoTracking().Where(v => v.Id == approved.Id)
                .Select(v => new Approval(v.OpenErrors, db.VersionSignOffs.Where(s => s.VersionId == v.Id && s.Decision == SignOffDecision.Approve)
                    .OrderBy(s => s.SignedUtc).Select(s => new ApprovalSignature(s.Approver, s.Justification)).ToList()))
                .SingleAsync(cancellationToken);
        var holders = published is null ? null
            : await db.PlanVersions.AsNoTracking().Where(v => v.Id == published.Id)
                .Select(v => new
                {
                    All = db.VersionRecipients.Count(r => r.VersionId == v.Id && r.Reasons.StartsWith(VersionRecipient.RoleReason)),
                    Acknowledged = db.VersionRecipients.Count(r => r.VersionId == v.Id && r.Reasons.StartsWith(VersionRecipient.RoleReason) && r.AcknowledgedUtc != null),
                })
                .SingleAsync(cancellationToken);
        // Only the functions whose last signature expires within DueSoonDays (or has): a few rows, not one per function.
        var today = DateOnly.FromDateTime(now);
        var expiresSoon = today.AddMonths(-ObjectivesValidMonths).AddDays(DueSoonDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var signedOn = await db.ObjectiveApprovals.AsNoTracking().GroupBy(a => a.Function)
            .Select(g => new { Function = g.Key, Last = g.Max(a => a.ApprovedUtc) })
            .Where(a => a.Last < expiresSoon)
            .ToDictionaryAsync(a => a.Function, a => a.Last, StringComparer.Ordinal, cancellationToken);

        var findings = Tallies.Of(result);
        return new ControlEvaluation(now, values,
        [
            PlanControlOf(reviews[0], approved, approval, published, values, now, findings),
            RolesOf(findings, published, holders?.All ?? 0, holders?.Acknowledged ?? 0),
            TestingOf(findings),
            BiaOf(StatedObjectives.Of(result), signedOn, today, findings),
            FromFindings("BU.1.01", "Backup Configuration", "Backups are configured for every system as specified and monitored.", ["A1.2"], findings),
            FromFindings("BU.1.02", "Resilience Testing", "Restores or fail-overs are tested at least quarterly.", ["A1.3"], findings),
            FromFindings("BU.1.03", "Alternate Storage", "Backups are kept in an alternate location.", ["A1.2"], findings),
        ], reviews);
    }

    /// <summary>The review cycle of every plan — the consolidated plan first, then each team's by
    /// name — and the settings it follows, without the rest of the evaluation (no analysis): what
    /// the calendar feeds and the daily reminders need.</summary>
    public async Task<(GovernanceSettings Settings, IReadOnlyList<ReviewCadence> Reviews)> ReviewsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var values = await settings.GetAsync(cancellationToken);
        var versions = await DecidedVersionsAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().Select(t => t.Name).ToListAsync(cancellationToken);
        return (values, Reviews(versions, teams, values, now));
    }

    /// <summary>Every version that was approved (approved, published or superseded since), with its last approval and acknowledgements.</summary>
    private Task<List<DecidedVersion>> DecidedVersionsAsync(CancellationToken cancellationToken) =>
        db.PlanVersions.AsNoTracking()
            .Where(v => v.State == VersionState.Approved || v.State == VersionState.Published || v.State == VersionState.Superseded)
            .Select(v => new DecidedVersion(v.Id, v.Scope, v.Number, v.ContentHash, v.State, v.StateChangedUtc,
                db.VersionSignOffs.Where(s => s.VersionId == v.Id && s.Decision == SignOffDecision.Approve).Max(s => (DateTime?)s.SignedUtc),
                db.VersionRecipients.Count(r => r.VersionId == v.Id),
                db.VersionRecipients.Count(r => r.VersionId == v.Id && r.AcknowledgedUtc != null)))
            .ToListAsync(cancellationToken);

    private sealed record ApprovalSignature(string Approver, string? Justification);

    /// <summary>The approved version's open errors frozen at submission, and who signed it with what justification.</summary>
    private sealed record Approval(string OpenErrors, List<ApprovalSignature> Signatures)
    {
        /// <summary>The errors management approved the version over, in writing: (check, element).</summary>
        public HashSet<(string Check, string Element)> Accepted =>
            Signatures.Any(s => !string.IsNullOrWhiteSpace(s.Justification))
                ? [.. (System.Text.Json.JsonSerializer.Deserialize<List<OpenFinding>>(OpenErrors, System.Text.Json.JsonSerializerOptions.Web) ?? []).Select(e => (e.Check, e.Element))]
                : [];
    }

    private sealed record DecidedVersion(long Id, string Scope, int Number, string ContentHash, VersionState State, DateTime StateChangedUtc,
        DateTime? ApprovedUtc, int Recipients, int Acknowledged)
    {
        public string Label => $"{Scope}@{Number}";

        public string Link => $"/plan/versions/{Uri.EscapeDataString(Scope)}/{Number}";
    }

    /// <summary>The consolidated plan first, then each team's plan by name.</summary>
    private static List<ReviewCadence> Reviews(List<DecidedVersion> versions, List<string> teams, GovernanceSettings values, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        ReviewCadence Of(PlanScope scope)
        {
            var name = scope.ToString();
            var last = versions.Where(v => v.Scope == name && v.ApprovedUtc is not null).MaxBy(v => v.ApprovedUtc);
            if (last is null)
            {
                return new ReviewCadence(scope, null, null, null, CadenceState.NeverApproved, null);
            }
            var due = DateOnly.FromDateTime(last.ApprovedUtc!.Value).AddMonths(values.ReviewIntervalMonths);
            var left = due.DayNumber - today.DayNumber;
            var state = left <= 0 ? CadenceState.Overdue : left <= DueSoonDays ? CadenceState.DueSoon : CadenceState.Current;
            return new ReviewCadence(scope, last.Number, last.ApprovedUtc, due, state, left);
        }
        return [Of(PlanScope.Organisation), .. teams.Order(StringComparer.Ordinal).Select(t => Of(PlanScope.OfTeam(t)))];
    }

    private static ControlResult PlanControlOf(ReviewCadence review, DecidedVersion? approved, Approval? approval, DecidedVersion? published,
        GovernanceSettings values, DateTime now, FindingsByControl findings)
    {
        var reviewed = approved is null
            ? new ControlRequirement($"Reviewed and approved by management within {values.ReviewIntervalMonths} months", ControlState.NotMet,
                "The consolidated plan has never been approved: submit it (Plan › Versions) and have it signed off.", [new ControlEvidence("Plan versions", "/plan/versions")])
            : new ControlRequirement($"Reviewed and approved by management within {values.ReviewIntervalMonths} months",
                review.State switch { CadenceState.Overdue => ControlState.NotMet, CadenceState.DueSoon => ControlState.AtRisk, _ => ControlState.Met },
                $"{approved.Label} was approved on {approved.ApprovedUtc:yyyy-MM-dd}; "
                    + (review.State == CadenceState.Current ? $"the next review is due on {review.DueOn:yyyy-MM-dd}." : $"the review is {review.Words} (due on {review.DueOn:yyyy-MM-dd})."),
                [new ControlEvidence($"{approved.Label} (SHA-256 {approved.ContentHash})", approved.Link),
                 new ControlEvidence($"Signed off by {(approval is not { Signatures.Count: > 0 } ? "nobody recorded" : string.Join(", ", approval.Signatures.Select(s => s.Approver).Distinct(StringComparer.OrdinalIgnoreCase)))}", approved.Link + "#sign-offs")]);

        ControlRequirement communicated;
        ControlRequirement acknowledged;
        var threshold = $"Acknowledged by at least {values.AcknowledgementThreshold}% of those it was sent to";
        if (published is null)
        {
            communicated = new ControlRequirement("Communicated to the relevant people", ControlState.NotMet,
                approved is null ? "Nothing is published yet." : $"{approved.Label} is approved but not published: publish it from its page.",
                approved is null ? [] : [new ControlEvidence(approved.Label, approved.Link)]);
            acknowledged = new ControlRequirement(threshold, ControlState.NotMet, "Nothing is published yet, so nobody has acknowledged it.", []);
        }
        else
        {
            var newer = approved is not null && approved.Number > published.Number;
            communicated = new ControlRequirement("Communicated to the relevant people", newer ? ControlState.AtRisk : ControlState.Met,
                newer
                    ? $"{published.Label} is published; the newer approved {approved!.Label} is not yet: publish it from its page."
                    : $"{published.Label} was published on {published.StateChangedUtc:yyyy-MM-dd} to {Count(published.Recipients, "person", "people")}.",
                [new ControlEvidence($"Distribution of {published.Label}", published.Link + "#distribution")]);
            var rate = published.Recipients == 0 ? 0 : 100.0 * published.Acknowledged / published.Recipients;
            var days = (now - published.StateChangedUtc).TotalDays;
            var state = rate >= values.AcknowledgementThreshold ? ControlState.Met
                : days < 2 * values.AcknowledgementReminderDays ? ControlState.AtRisk : ControlState.NotMet;
            acknowledged = new ControlRequirement(threshold, state,
                $"{published.Acknowledged} of {published.Recipients} acknowledged {published.Label} ({rate.ToString("0.#", CultureInfo.InvariantCulture)}%)"
                + (state == ControlState.AtRisk ? $"; published {(int)days} days ago, reminders go out after {values.AcknowledgementReminderDays} days and escalations after {2 * values.AcknowledgementReminderDays}." : "."),
                [new ControlEvidence($"Acknowledgements of {published.Label}", published.Link + "#distribution")]);
        }
        // Errors the approvers accepted in writing when they signed (frozen with the version) do not
        // put the plan at risk; an error that has appeared since does, until it is waived or fixed.
        var errors = findings.PlanErrors;
        var accepted = approval?.Accepted ?? [];
        var open = accepted.Count == 0 ? errors.Count : errors.Count(f => !accepted.Contains(f));
        var content = new ControlRequirement("The plan's content passes the checks, or management accepted its errors in writing", open == 0 ? ControlState.Met : ControlState.AtRisk,
            errors.Count == 0 ? "No unwaived error about the plan's content."
                : open == 0 ? $"{Count(errors.Count, "unwaived error", "unwaived errors")} about the plan's content, each accepted with a written justification when {approved!.Label} was signed."
                : $"{Count(open, "unwaived error", "unwaived errors")} about the plan's content{(approved is null ? "" : $" not accepted when {approved.Label} was signed")}: waive them with a reason or fix them before the next approval.",
            [new ControlEvidence("Plan checks", "/checks?waived=no")]);
        return new ControlResult(PlanControl, "Business Continuity Plan",
            "The business continuity plan is reviewed, approved by management and communicated to relevant team members biannually.",
            ["CC9.1", "CC7.5", "A1.2", "CC2.2"], [reviewed, communicated, acknowledged, content]);
    }

    private static ControlResult RolesOf(FindingsByControl findings, DecidedVersion? published, int holders, int acknowledged)
    {
        ControlRequirement communicated = published is null
            ? new ControlRequirement("Role holders told their part and acknowledged it", ControlState.NotMet, "No version of the consolidated plan is published yet.", [])
            : new ControlRequirement("Role holders told their part and acknowledged it", acknowledged == holders ? ControlState.Met : ControlState.AtRisk,
                $"{acknowledged} of {Count(holders, "role holder", "role holders")} who received {published.Label} acknowledged it.",
                [new ControlEvidence($"Distribution of {published.Label}", published.Link + "#distribution")]);
        return new ControlResult(RolesControl, "Roles & Responsibilities",
            "Contingency roles are assigned to named people with alternates and succession, their contact details are kept current, and they know their part.",
            ["CC2.2", "CC7.5"],
            [
                ByFindings("Every role has an active holder and an alternate; every step a responsible role", findings.Of(RolesControl), "/checks?waived=no"),
                ByFindings("Contact details confirmed by their owners within 12 months", findings.Contacts, $"/checks?check={CheckCatalogue.ContactNotVerified.Id}"),
                communicated,
            ]);
    }

    private static ControlResult TestingOf(FindingsByControl findings)
    {
        var missing = findings.NoExercise;
        return new ControlResult(TestingControl, "Continuity Testing", "The plan is exercised at least once a year.", ["A1.3", "CC7.5"],
        [
            new ControlRequirement("An exercise of the plan within the last 12 months", missing is null ? ControlState.Met : ControlState.AtRisk,
                missing ?? "The plan records an exercise within the last 12 months.",
                [new ControlEvidence("Plan checks", $"/checks?check={CheckCatalogue.NoExerciseEvidence.Id}")]),
        ], PartialEvidence: true);
    }

    private static ControlResult BiaOf(StatedObjectives objectives, Dictionary<string, DateTime> signedOn, DateOnly today, FindingsByControl findings)
    {
        var (stated, unsigned) = (objectives.Stated, objectives.Unsigned);
        var oldest = today.AddMonths(-ObjectivesValidMonths);
        var expired = objectives.Approved.Where(f => signedOn.TryGetValue(f.Name, out var on) && DateOnly.FromDateTime(on) < oldest).ToList();
        var expiring = objectives.Approved.Where(f => signedOn.TryGetValue(f.Name, out var on)
            && DateOnly.FromDateTime(on) >= oldest && DateOnly.FromDateTime(on) < oldest.AddDays(DueSoonDays)).ToList();
        var signed = stated.Count - unsigned.Count - expired.Count;
        string Names(IReadOnlyList<Catalog.CatalogRow> rows) => string.Join(", ", rows.Take(5).Select(r => r.Title ?? r.Name)) + (rows.Count > 5 ? $" and {rows.Count - 5} more" : "");
        var status = stated.Count == 0 ? "No business function states recovery objectives yet."
            : unsigned.Count + expired.Count == 0
                ? $"The objectives of all {Count(stated.Count, "function", "functions")} are signed in Continuity within {ObjectivesValidMonths} months" + (expiring.Count > 0 ? $"; {Names(expiring)} expire within {DueSoonDays} days." : ".")
                : $"{signed} of {stated.Count} functions have objectives signed within {ObjectivesValidMonths} months"
                    + (unsigned.Count > 0 ? $"; not signed as they stand: {Names(unsigned)}" : "")
                    + (expired.Count > 0 ? $"; signed more than {ObjectivesValidMonths} months ago: {Names(expired)}" : "") + ".";
        var state = stated.Count == 0 || unsigned.Count + expired.Count > 0 ? ControlState.NotMet : expiring.Count > 0 ? ControlState.AtRisk : ControlState.Met;
        return new ControlResult(BiaControl, "Business Impact Analysis",
            "Impact over time is analysed and the RTO, RPO and MTPD of each function are approved by management within the last 12 months.", ["CC9.1", "A1.2"],
        [
            new ControlRequirement($"Recovery objectives signed by an approver within {ObjectivesValidMonths} months (an approval written in a plan file does not count)", state, status,
                [new ControlEvidence("Approve recovery objectives", ObjectivesPage)]),
            ByFindings("The impact analysis passes the checks", findings.Of(BiaControl), "/checks?waived=no"),
        ]);
    }

    private static ControlResult FromFindings(string id, string title, string statement, IReadOnlyList<string> soc2, FindingsByControl findings) =>
        new(id, title, statement, soc2, [ByFindings("The plan's backups pass the checks", findings.Of(id), "/checks?waived=no")], PartialEvidence: true);

    /// <summary>The findings side of the evaluation, worked out once per analysis result in one pass
    /// over its unwaived findings and shared by requests (immutable): a large plan has tens of
    /// thousands of findings, and the dashboard asks on every request.</summary>
    private static readonly PerAnalysis<FindingsByControl> Tallies = new(FindingsByControl.Of);

    /// <summary>How many unwaived errors and warnings, and the message of the first of them (severity order).</summary>
    private sealed record FindingTally(int Errors, int Warnings, string? Example)
    {
        public static FindingTally None { get; } = new(0, 0, null);

        public FindingTally Add(Finding finding) => finding.Severity switch
        {
            Severity.Error => new(Errors + 1, Warnings, Example ?? finding.Message),
            Severity.Warning => new(Errors, Warnings + 1, Example ?? finding.Message),
            _ => this,
        };
    }

    /// <param name="ByControl">Per control, its checks' findings (BC.1.02 without the contact checks).</param>
    /// <param name="Contacts">CT306 and CT309: contact details not confirmed.</param>
    /// <param name="NoExercise">CT605's message, when the plan records no exercise.</param>
    /// <param name="PlanErrors">The unwaived errors of BC.1.01's checks: (check, element).</param>
    private sealed record FindingsByControl(IReadOnlyDictionary<string, FindingTally> ByControl, FindingTally Contacts, string? NoExercise,
        IReadOnlyList<(string Check, string Element)> PlanErrors)
    {
        public FindingTally Of(string control) => ByControl.GetValueOrDefault(control, FindingTally.None);

        public static FindingsByControl Of(AnalysisResult result)
        {
            var contactChecks = new HashSet<string>([CheckCatalogue.ContactNotVerified.Id, CheckCatalogue.OnlyReachableHolder.Id], StringComparer.Ordinal);
            var byControl = new Dictionary<string, FindingTally>(StringComparer.Ordinal);
            var contacts = FindingTally.None;
            string? noExercise = null;
            var planErrors = new List<(string, string)>();
            foreach (var finding in result.Unwaived)
            {
                var contact = contactChecks.Contains(finding.CheckId);
                if (contact)
                {
                    contacts = contacts.Add(finding);
                }
                if (finding.CheckId == CheckCatalogue.NoExerciseEvidence.Id)
                {
                    noExercise ??= finding.Message;
                }
                foreach (var control in CheckCatalogue.Find(finding.CheckId)?.Controls ?? [])
                {
                    if (!(contact && control == RolesControl))
                    {
                        byControl[control] = byControl.GetValueOrDefault(control, FindingTally.None).Add(finding);
                    }
                    if (control == PlanControl && finding.Severity == Severity.Error)
                    {
                        planErrors.Add((finding.CheckId, finding.ElementId));
                    }
                }
            }
            return new FindingsByControl(byControl.ToFrozenDictionary(StringComparer.Ordinal), contacts, noExercise, planErrors.AsReadOnly());
        }
    }

    /// <summary>A requirement judged by findings: an unwaived error makes it red, a warning amber.</summary>
    private static ControlRequirement ByFindings(string requirement, FindingTally tally, string link)
    {
        var state = tally.Errors > 0 ? ControlState.NotMet : tally.Warnings > 0 ? ControlState.AtRisk : ControlState.Met;
        var counted = string.Join(" and ", new[] { (tally.Errors, "unwaived error", "unwaived errors"), (tally.Warnings, "unwaived warning", "unwaived warnings") }
            .Where(c => c.Item1 > 0).Select(c => Count(c.Item1, c.Item2, c.Item3)));
        var status = tally.Errors + tally.Warnings == 0 ? "No unwaived error or warning." : $"{counted}, for example: {tally.Example}";
        return new ControlRequirement(requirement, state, status, [new ControlEvidence("The findings", link)]);
    }

    private static string Count(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count.ToString(CultureInfo.InvariantCulture)} {many}";
}
