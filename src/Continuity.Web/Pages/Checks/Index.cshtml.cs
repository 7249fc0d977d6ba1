using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Checks;

/// <summary>Every finding of the plan checks on the stored plan, filtered by severity, rule,
/// kind of element, team, waived or not and text, fifty to a page. Read from the cached
/// analysis: one query of the plan revision while the plan does not change.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "severity")]
    public string? Severity { get; set; }

    [FromQuery(Name = "check")]
    public string? Check { get; set; }

    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    [FromQuery(Name = "team")]
    public string? Team { get; set; }

    [FromQuery(Name = "waived")]
    public string? Waived { get; set; }

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Unwaived findings by severity, over the whole plan (not the filters).</summary>
    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    public int Info { get; private set; }

    public int WaivedCount { get; private set; }

    /// <summary>How many findings the filters keep, over every page.</summary>
    public int Matching { get; private set; }

    public int Pages { get; private set; }

    public IReadOnlyList<CheckRow> Rows { get; private set; } = [];

    /// <summary>The rules that found something, for the rule filter.</summary>
    public IReadOnlyList<Check> FoundChecks { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    /// <summary>Whether the signed-in user may waive findings (whole-plan change).</summary>
    public bool CanWaive { get; private set; }

    public DateOnly Today { get; private set; }

    public bool Filtered => Severity is not null || Check is not null || Kind is not null || Team is not null || Waived is not null || !string.IsNullOrWhiteSpace(Q);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        CanWaive = (await access.GetAsync(cancellationToken)).CanChangeWholePlan;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var snapshot = result.Snapshot;
        var findings = result.Findings;
        Errors = findings.Count(f => f.WaivedBy is null && f.Severity == PlanFiles.Severity.Error);
        Warnings = findings.Count(f => f.WaivedBy is null && f.Severity == PlanFiles.Severity.Warning);
        Info = findings.Count(f => f.WaivedBy is null && f.Severity == PlanFiles.Severity.Info);
        WaivedCount = findings.Count(f => f.WaivedBy is not null);
        FoundChecks = [.. findings.Select(f => f.CheckId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => CheckCatalogue.Find(id) ?? new Check(id, id, PlanFiles.Severity.Info, "", ""))];
        Teams = [.. snapshot.TeamNames];

        // Unknown filter values are ignored rather than refused, and shown as such on the page.
        Severity = Enum.TryParse<Severity>(Severity, ignoreCase: true, out var severity) && Enum.IsDefined(severity) ? severity.ToString().ToLowerInvariant() : null;
        Check = CheckCatalogue.Find(Check?.Trim().ToUpperInvariant() ?? "") is { } check ? check.Id : null;
        Kind = ElementRoutes.TryParsePath(Kind, out var kind) ? Kind : null;
        Team = Team is not null && snapshot.TeamNames.Contains(Team) ? Team : null;
        Waived = Waived is "yes" or "no" ? Waived : null;
        var teamIndex = Team is null ? -1 : snapshot.TeamNames.IndexOf(Team);
        var query = Q?.Trim();

        var kept = new List<Finding>();
        foreach (var finding in findings)
        {
            if ((Severity is not null && finding.Severity != severity)
                || (Check is not null && finding.CheckId != Check)
                || (Waived == "yes" && finding.WaivedBy is null)
                || (Waived == "no" && finding.WaivedBy is not null))
            {
                continue;
            }
            var link = RecoveryAnalysis.Link(snapshot, finding.ElementId);
            if (Kind is not null && link.Kind != kind)
            {
                continue;
            }
            if (teamIndex >= 0 && (snapshot.IndexOf(finding.ElementId) is var node && (node < 0 || snapshot.Teams[node] != teamIndex)))
            {
                continue;
            }
            if (!string.IsNullOrEmpty(query)
                && !finding.Message.Contains(query, StringComparison.OrdinalIgnoreCase)
                && !finding.ElementId.Contains(query, StringComparison.OrdinalIgnoreCase)
                && !finding.CheckId.Contains(query, StringComparison.OrdinalIgnoreCase)
                && !(link.Title?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false))
            {
                continue;
            }
            kept.Add(finding);
        }
        Matching = kept.Count;
        Pages = Math.Max(1, (kept.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = [.. kept.Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(f => new CheckRow(
            f, CheckCatalogue.Find(f.CheckId), RecoveryAnalysis.Link(snapshot, f.ElementId)))];
        return Page();
    }

    /// <summary>This page's URL with the current filters and one parameter changed (null: removed).</summary>
    public string Link(string? name = null, string? value = null)
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("severity", Severity), new("check", Check), new("kind", Kind), new("team", Team), new("waived", Waived),
            new("q", string.IsNullOrWhiteSpace(Q) ? null : Q.Trim()), new("page", PageNumber > 1 ? PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        };
        if (name is not null)
        {
            parameters.RemoveAll(p => p.Key == name);
            if (name != "page")
            {
                parameters.RemoveAll(p => p.Key == "page");
            }
            parameters.Add(new(name, value));
        }
        return Microsoft.AspNetCore.Http.QueryString.Create(parameters.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent() is { Length: > 0 } query
            ? "/checks" + query
            : "/checks";
    }

    /// <summary>Where the waiver form for a finding is.</summary>
    public static string WaiveUrl(Finding finding) =>
        $"/waivers/new?check={Uri.EscapeDataString(finding.CheckId)}&element={Uri.EscapeDataString(finding.ElementId)}";
}

public sealed record CheckRow(Finding Finding, Check? Rule, ElementLink Link);
