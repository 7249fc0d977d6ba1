using System.Collections.Immutable;
using Continuity.Analysis;
using Continuity.Catalog;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Governance;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Web.Pages.Audit;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages;

/// <summary>The consolidated plan's published version: how many it was sent to, how many acknowledged, and the first who have not.</summary>
public sealed record PublishedSummary(string Scope, int Number, int Recipients, int Acknowledged, IReadOnlyList<string> Outstanding)
{
    public string Label => $"{Scope}@{Number}";

    public double? Rate => Recipients == 0 ? null : 100.0 * Acknowledged / Recipients;
}

/// <summary>The dashboard: the plan's health on one screen. Counts, the ten worst of each thing
/// and links to the full lists, so that it stays small however large the plan is; a fixed number
/// of queries (the analysis is cached per plan revision).</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess current, PlanVersions versions, ControlStatus control, TimeProvider clock) : PageModel
{
    /// <summary>How many of each thing the dashboard lists before it links to the full list.</summary>
    public const int Top = 10;

    /// <summary>How far ahead "due" looks: contact checks and waivers ending within it.</summary>
    public const int DueWithinDays = 30;

    public OrganisationSummary? Organisation { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>What the dashboard shows of the analysis: the same for every request of a revision.</summary>
    public DashboardSummary Summary { get; private set; } = DashboardSummary.Empty;

    public SeverityCounts Findings => Summary.Findings;

    public IReadOnlyList<DashboardFinding> Governance => Summary.Governance;

    public IReadOnlyList<ObjectiveGap> RtoGaps => Summary.RtoGaps;

    public IReadOnlyList<ObjectiveGap> RpoGaps => Summary.RpoGaps;

    public int RtoMissed => Summary.RtoMissed;

    public int RpoMissed => Summary.RpoMissed;

    public IReadOnlyList<DashboardFinding> SinglePoints => Summary.SinglePoints;

    public int SinglePointCount => Summary.SinglePointCount;

    public IReadOnlyList<ContactDue> Contacts { get; private set; } = [];

    public int ContactsDue { get; private set; }

    public IReadOnlyList<WaiverDue> Waivers { get; private set; } = [];

    /// <summary>The consolidated plan's newest version, or null before the first submission.</summary>
    public VersionSummary? LatestVersion { get; private set; }

    /// <summary>The consolidated plan's published version and its acknowledgements, or null before the first publication.</summary>
    public PublishedSummary? Published { get; private set; }

    /// <summary>Functions whose objectives are signed as they stand, of those that state objectives.</summary>
    public (int Signed, int WithObjectives) ObjectivesSigned => Summary.ObjectivesSigned;

    /// <summary>The controls evaluated from the data, and the consolidated plan's review cycle.</summary>
    public ControlEvaluation Control { get; private set; } = null!;

    /// <summary>The last audit entries, or null when the user may not read the audit log.</summary>
    public IReadOnlyList<AuditRow>? RecentChanges { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var organisation = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new { o.Name, o.Title, o.ReviewIntervalMonths, o.Waivers })
            .FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return;
        }

        var result = await analysis.GetAsync(db, cancellationToken);
        Summary = Summaries.Of(result);
        Organisation = new OrganisationSummary(organisation.Name, organisation.Title, organisation.ReviewIntervalMonths, organisation.Waivers, Summary.Counts);
        LoadContacts(result);
        LatestVersion = await versions.LatestAsync(PlanScope.Organisation, cancellationToken);
        Control = await control.EvaluateAsync(cancellationToken, result);
        var organisationScope = PlanScope.OrganisationName;
        // One query: the published version, its recipients counted, the first outstanding by name.
        Published = await db.PlanVersions.AsNoTracking()
            .Where(v => v.Scope == organisationScope && v.State == Continuity.Governance.VersionState.Published)
            .OrderByDescending(v => v.Number)
            .Select(v => new PublishedSummary(v.Scope, v.Number,
                db.VersionRecipients.Count(r => r.VersionId == v.Id),
                db.VersionRecipients.Count(r => r.VersionId == v.Id && r.AcknowledgedUtc != null),
                db.VersionRecipients.Where(r => r.VersionId == v.Id && r.AcknowledgedUtc == null).OrderBy(r => r.Name).Select(r => r.Name).Take(Top).ToList()))
            .FirstOrDefaultAsync(cancellationToken);
        Waivers = [.. Organisation.Waivers
            .Where(w => w.Expires is { } expires && expires <= Today.AddDays(DueWithinDays))
            .OrderBy(w => w.Expires)
            .Select(w => new WaiverDue(w.Check, w.Element?.ToString() ?? "", w.Owner?.Name, w.Expires!.Value, w.Expires < Today))];

        if ((await current.GetAsync(cancellationToken)).CanReadAudit)
        {
            var entries = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Take(Top).ToListAsync(cancellationToken);
            RecentChanges = [.. entries.Select(AuditRow.From)];
        }
    }

    private static readonly PerAnalysis<DashboardSummary> Summaries = new(Summarise);

    private static DashboardSummary Summarise(AnalysisResult result)
    {
        var unwaived = result.Findings.Where(f => f.WaivedBy is null).ToList();
        var findings = new SeverityCounts(
            unwaived.Count(f => f.Severity == Severity.Error),
            unwaived.Count(f => f.Severity == Severity.Warning),
            unwaived.Count(f => f.Severity == Severity.Info),
            result.Findings.Count - unwaived.Count);

        var governance = unwaived
            .Where(f => f.CheckId.StartsWith("CT6", StringComparison.Ordinal))
            .OrderBy(f => f.Severity).ThenBy(f => f.CheckId, StringComparer.Ordinal)
            .Take(Top)
            .Select(f => Row(result.Snapshot, f))
            .ToImmutableArray();

        var spofs = unwaived
            .Where(f => f.CheckId == CheckCatalogue.SinglePointOfFailure.Id || f.CheckId == CheckCatalogue.SinglePointOfFailureUnknownRecovery.Id)
            .OrderBy(f => f.Severity).ThenBy(f => f.ElementId, StringComparer.Ordinal)
            .ToList();

        var snapshot = result.Snapshot;
        var range = snapshot.NodesOf(NodeKind.Function);
        var rto = new List<ObjectiveGap>();
        var rpo = new List<ObjectiveGap>();
        for (var node = range.Start.Value; node < range.End.Value; node++)
        {
            var recovery = RecoveryAnalysis.Of(result, node);
            var link = new ElementLink(ElementKind.BusinessFunction, snapshot.Names[node], snapshot.Titles[node]);
            if (recovery.Rto.Verdict == Verdict.Missed)
            {
                rto.Add(new ObjectiveGap(link, recovery.Rto));
            }
            if (recovery.Rpo.Verdict == Verdict.Missed)
            {
                rpo.Add(new ObjectiveGap(link, recovery.Rpo));
            }
        }
        var catalog = result.Catalog;
        int Count(ElementKind kind) => catalog?.OfKind(kind).Length ?? 0;
        var counts = new PlanCounts(
            Count(ElementKind.BusinessFunction), Count(ElementKind.System), Count(ElementKind.Vendor), Count(ElementKind.Site),
            Count(ElementKind.Team), Count(ElementKind.Person), Count(ElementKind.Role), Count(ElementKind.Risk),
            Count(ElementKind.Scenario), Count(ElementKind.Procedure), Count(ElementKind.CommunicationPlan), Count(ElementKind.BackupPolicy),
            catalog?.Dependencies.Length ?? 0);
        var objectives = Continuity.Functions.StatedObjectives.Of(result);
        return new DashboardSummary(findings, governance, Worst(rto), Worst(rpo), rto.Count, rpo.Count,
            [.. spofs.Take(Top).Select(f => Row(result.Snapshot, f))], spofs.Count, counts, (objectives.Approved.Count, objectives.Stated.Count));
    }

    private static ImmutableArray<ObjectiveGap> Worst(List<ObjectiveGap> gaps) =>
        [.. gaps.OrderByDescending(g => g.Objective.Never)
            .ThenByDescending(g => g.Objective.GapMinutes ?? 0)
            .ThenBy(g => g.Link.Name, StringComparer.Ordinal)
            .Take(Top)];

    /// <summary>Active people whose contact details were last verified more than eleven months
    /// ago or never, longest ago first (never first of all): CT306 reports them once twelve months
    /// have passed. From the catalog: the active people sorted once per analysis result, then per
    /// request a binary search for today's cut-off.</summary>
    private void LoadContacts(AnalysisResult result)
    {
        var dueBefore = Today.AddMonths(-12).AddDays(DueWithinDays);
        var people = ByContactVerified.Of(result);
        var due = LowerBound(people, dueBefore);
        ContactsDue = due;
        Contacts = [.. people.Take(Math.Min(due, Top)).Select(p => new ContactDue(
            new ElementLink(ElementKind.Person, p.Name, p.Title),
            p.ContactVerified,
            p.ContactVerified is not { } verified || verified.AddMonths(12) < Today))];
    }

    /// <summary>Active people by when they last verified their contact details (never first), then name.</summary>
    private static readonly PerAnalysis<IReadOnlyList<CatalogRow>> ByContactVerified = new(result =>
        (result.Catalog?.OfKind(ElementKind.Person) ?? [])
            .Where(p => p.Status == "active")
            .OrderBy(p => p.ContactVerified ?? DateOnly.MinValue).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToImmutableArray());

    /// <summary>How many of <paramref name="people"/> verified before <paramref name="date"/> (or never).</summary>
    private static int LowerBound(IReadOnlyList<CatalogRow> people, DateOnly date)
    {
        var (low, high) = (0, people.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if ((people[middle].ContactVerified ?? DateOnly.MinValue) < date)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static DashboardFinding Row(PlanSnapshot snapshot, Finding finding) =>
        new(finding.CheckId, CheckCatalogue.Find(finding.CheckId)?.Title ?? finding.CheckId, finding.Severity,
            RecoveryAnalysis.Link(snapshot, finding.ElementId), finding.Message);
}

/// <summary>The dashboard's view of one analysis result, shared by the requests of a revision:
/// immutable throughout.</summary>
public sealed record DashboardSummary(
    SeverityCounts Findings, ImmutableArray<DashboardFinding> Governance, ImmutableArray<ObjectiveGap> RtoGaps, ImmutableArray<ObjectiveGap> RpoGaps,
    int RtoMissed, int RpoMissed, ImmutableArray<DashboardFinding> SinglePoints, int SinglePointCount, PlanCounts Counts,
    (int Signed, int WithObjectives) ObjectivesSigned)
{
    public static readonly DashboardSummary Empty = new(new SeverityCounts(0, 0, 0, 0), [], [], [], 0, 0, [], 0,
        new PlanCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), (0, 0));
}

public sealed record OrganisationSummary(string Name, string? Title, int ReviewIntervalMonths, IReadOnlyList<WaiverSpec> Waivers, PlanCounts Counts)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Title) ? Name : Title;
}

public sealed record PlanCounts(
    int Functions, int Systems, int Vendors, int Sites, int Teams, int People, int Roles,
    int Risks, int Scenarios, int Procedures, int CommunicationPlans, int BackupPolicies, int Dependencies)
{
    /// <summary>Each kind's count with its list, in the navigation's order.</summary>
    public IEnumerable<(ElementKind Kind, int Count)> ByKind()
    {
        yield return (ElementKind.BusinessFunction, Functions);
        yield return (ElementKind.System, Systems);
        yield return (ElementKind.Vendor, Vendors);
        yield return (ElementKind.Site, Sites);
        yield return (ElementKind.Team, Teams);
        yield return (ElementKind.Person, People);
        yield return (ElementKind.Role, Roles);
        yield return (ElementKind.Risk, Risks);
        yield return (ElementKind.Scenario, Scenarios);
        yield return (ElementKind.Procedure, Procedures);
        yield return (ElementKind.CommunicationPlan, CommunicationPlans);
        yield return (ElementKind.BackupPolicy, BackupPolicies);
    }
}

/// <summary>Unwaived findings by severity, and how many more are waived.</summary>
public sealed record SeverityCounts(int Errors, int Warnings, int Info, int Waived);

public sealed record DashboardFinding(string CheckId, string CheckTitle, Severity Severity, ElementLink Link, string Message);

/// <summary>A function whose objective the plan cannot meet in the worst case.</summary>
public sealed record ObjectiveGap(ElementLink Link, Achievable Objective);

public sealed record ContactDue(ElementLink Link, DateOnly? Verified, bool Overdue);

public sealed record WaiverDue(string CheckId, string Element, string? Owner, DateOnly Expires, bool Expired);
