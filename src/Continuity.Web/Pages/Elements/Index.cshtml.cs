using Continuity.Checks;
using Continuity.Data;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Elements;

/// <summary>The list of a kind without a page of its own (sites, teams, people, roles, risks,
/// scenarios, procedures, communication plans, backup policies): searched, filtered, sorted and
/// paged in memory from the plan catalog of the current revision.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    public CatalogListView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string path, CancellationToken cancellationToken)
    {
        if (!ElementRoutes.TryParsePath(path, out var kind))
        {
            return NotFound();
        }
        var result = await analysis.GetAsync(db, cancellationToken);
        View = CatalogListView.Build(result.Catalog!, kind, ListQuery.From(Request.Query), await access.GetAsync(cancellationToken));
        return Page();
    }
}
