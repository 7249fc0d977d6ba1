using Continuity.Catalog;
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
/// kind of element, team, waived or not and text, fifty to a page. Read from the catalog of the
/// cached analysis, which counts and indexes the findings once per revision: a request walks only
/// the findings its narrowest filter keeps and builds links for its own page.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access, TimeProvider clock) : PageModel
{
    public const string Path = "/checks";

    /// <summary>The filters as understood: <c>q</c>, <c>team</c> and, in <see cref="ListQuery.Extra"/>,
    /// <c>severity</c>, <c>check</c>, <c>kind</c>, <c>waived</c>; values that make no sense dropped.</summary>
    public ListQuery Query { get; private set; } = null!;

    /// <summary>Counts, rules found and every finding with its element, shared for the revision.</summary>
    public FindingIndex Findings { get; private set; } = null!;

    public ListPage<CatalogFinding> Rows { get; private set; } = null!;

    /// <summary>The rules that found something, for the rule filter.</summary>
    public IReadOnlyList<Check> FoundChecks { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    /// <summary>Whether the signed-in user may waive findings (whole-plan change).</summary>
    public bool CanWaive { get; private set; }

    public DateOnly Today { get; private set; }

    public string? Severity => Query.Extra.GetValueOrDefault("severity");

    public string? Check => Query.Extra.GetValueOrDefault("check");

    public string? Kind => Query.Extra.GetValueOrDefault("kind");

    public string? Waived => Query.Extra.GetValueOrDefault("waived");

    /// <summary>The one element the findings are narrowed to (<c>element=kind:name</c>), from its page.</summary>
    public ElementLink? Element { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var catalog = (await analysis.GetAsync(db, cancellationToken)).Catalog!;
        CanWaive = (await access.GetAsync(cancellationToken)).CanChangeWholePlan;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Findings = catalog.Findings;
        FoundChecks = [.. Findings.Checks.Select(id => CheckCatalogue.Find(id) ?? new Check(id, id, PlanFiles.Severity.Info, "", ""))];
        Teams = catalog.Teams;

        // Unknown filter values are ignored rather than refused, and shown as such on the page.
        var asked = ListQuery.From(Request.Query, "severity", "check", "kind", "waived", "element");
        string? Asked(string key) => asked.Extra.GetValueOrDefault(key);
        Severity? severity = Enum.TryParse<Severity>(Asked("severity"), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        var check = CheckCatalogue.Find(Asked("check")?.ToUpperInvariant() ?? "")?.Id;
        ElementKind? kind = ElementRoutes.TryParsePath(Asked("kind"), out var k) ? k : null;
        bool? waived = Asked("waived") switch { "yes" => true, "no" => false, _ => null };
        var team = asked.Team is { } t && catalog.Teams.Contains(t) ? t : null;
        var element = Asked("element") is { } id && (catalog.ById.ContainsKey(id) || Findings.HasFindingsAbout(id)) ? id : null;
        if (element is not null)
        {
            Element = catalog.ById.TryGetValue(element, out var row) ? CatalogListView.Link(row)
                : Findings.Select(null, null, null, null, null, null, element) is [var first, ..] ? ElementOf(first) : null;
        }
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        void Keep(string key, string? value)
        {
            if (value is not null)
            {
                extra[key] = value;
            }
        }
        Keep("severity", severity?.ToString().ToLowerInvariant());
        Keep("check", check);
        Keep("kind", kind is { } known ? ElementRoutes.PathOf(known) : null);
        Keep("waived", waived switch { true => "yes", false => "no", null => null });
        Keep("element", element);
        Query = new ListQuery(asked.Q, null, false, team, null, null, null, asked.Page) { Extra = extra };

        Rows = Query.PageOf(Findings.Select(severity, check, kind, team, waived, Query.Q, element), Path);
        return Page();
    }

    /// <summary>This page's URL with the current filters and one of them changed (null: removed), from the first page.</summary>
    public string Link(string name, string? value) => Query.With(name, value).Href(Path);

    /// <summary>The link of a finding's element.</summary>
    public static ElementLink ElementOf(CatalogFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new ElementLink(finding.Kind, finding.Name, finding.Title);
    }

    /// <summary>Where the waiver form for a finding is.</summary>
    public static string WaiveUrl(Finding finding) =>
        $"/waivers/new?check={Uri.EscapeDataString(finding.CheckId)}&element={Uri.EscapeDataString(finding.ElementId)}";
}
