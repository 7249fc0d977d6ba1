using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Functions;

/// <summary>The business functions: searched, filtered, sorted (also by recovery gap) and paged in
/// memory from the plan catalog and the cached analysis, without a query of its own.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    public FunctionsTable Table { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        var query = ListQuery.From(Request.Query);
        var recovery = RecoveryAnalysis.Functions(result);
        var view = CatalogListView.Build(result.Catalog!, ElementKind.BusinessFunction, query, await access.GetAsync(cancellationToken),
            FunctionList.SortBy(recovery, query.Descending));
        Table = new FunctionsTable(view, recovery);
    }
}
