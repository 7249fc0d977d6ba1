using Continuity.Catalog;
using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Dependencies;

/// <summary>Every dependency edge of the plan (from, to, required / degraded / any of, note):
/// searched, filtered by the dependent's team and the type, paged, from the plan catalog.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis) : PageModel
{
    public ListPage<CatalogReference> Edges { get; private set; } = null!;

    public ListQuery Query { get; private set; } = null!;

    public PlanCatalog Catalog { get; private set; } = null!;

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Catalog = (await analysis.GetAsync(db, cancellationToken)).Catalog!;
        Query = ListQuery.From(Request.Query, "type");
        var q = Query.Q?.ToLowerInvariant();
        var type = Query.Extra.GetValueOrDefault("type");
        var edges = Catalog.Dependencies.Where(e =>
            (type is null
                || (type == "any-of" && e.AnyOf)
                || (type == "required" && !e.AnyOf && e.Type == DependencyType.Required)
                || (type == "degraded" && !e.AnyOf && e.Type == DependencyType.Degraded))
            && (Query.Team is null || (Catalog.Find(e.FromKind, e.FromName)?.Teams.Contains(Query.Team, StringComparer.Ordinal) ?? false))
            && (q is null || Matches(e, q))).ToList();
        Total = Catalog.Dependencies.Length;
        Edges = Query.PageOf(edges, "/dependencies");
    }

    private bool Matches(CatalogReference edge, string q) =>
        (Catalog.Find(edge.FromKind, edge.FromName)?.SearchText.Contains(q, StringComparison.Ordinal) ?? false)
        || (Catalog.Find(edge.ToKind, edge.ToName)?.SearchText.Contains(q, StringComparison.Ordinal) ?? false)
        || (edge.Note?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false);

    public ElementLink Link(ElementKind kind, string name) =>
        Catalog.Find(kind, name) is { } row ? CatalogListView.Link(row) : new ElementLink(kind, name, null);
}
