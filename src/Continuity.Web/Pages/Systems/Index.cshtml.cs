using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Systems;

/// <summary>The systems: searched, filtered (team, tier, type as status, findings), sorted and
/// paged in memory from the plan catalog of the cached analysis, without a query of its own.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    public SystemsTable Table { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        var view = CatalogListView.Build(result.Catalog!, ElementKind.System, ListQuery.From(Request.Query), await access.GetAsync(cancellationToken));
        Table = new SystemsTable(view);
    }
}
