using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Vendors;

/// <summary>The vendors: searched, filtered (continuity plan as status, findings), sorted and
/// paged in memory from the plan catalog; only the page's rows' contract terms and systems supplied come
/// from the database, in one query.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    public VendorsTable Table { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        var view = CatalogListView.Build(result.Catalog!, ElementKind.Vendor, ListQuery.From(Request.Query), await access.GetAsync(cancellationToken));
        Table = new VendorsTable(view, await VendorList.LoadAsync(db, result.Catalog!, [.. view.Page.Items.Select(r => r.Name)], cancellationToken));
    }
}
