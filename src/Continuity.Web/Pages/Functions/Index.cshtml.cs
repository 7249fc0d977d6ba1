using Continuity.Checks;
using Continuity.Data;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Functions;

[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis) : PageModel
{
    public FunctionsTable Table { get; private set; } = new([], new Dictionary<string, FunctionRecovery>());

    public string? OrganisationName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        OrganisationName = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => o.Title ?? o.Name)
            .FirstOrDefaultAsync(cancellationToken);
        if (OrganisationName is null)
        {
            return;
        }
        var result = await analysis.GetAsync(db, cancellationToken);
        Table = new FunctionsTable(await FunctionList.LoadAsync(db, cancellationToken), RecoveryAnalysis.Functions(result));
    }
}
