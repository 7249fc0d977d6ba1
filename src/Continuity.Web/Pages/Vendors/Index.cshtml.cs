using Continuity.Data;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Vendors;

[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db) : PageModel
{
    public IReadOnlyList<VendorRow> Rows { get; private set; } = [];

    public string? OrganisationName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        OrganisationName = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => o.Title ?? o.Name)
            .FirstOrDefaultAsync(cancellationToken);
        Rows = await VendorList.LoadAsync(db, cancellationToken);
    }
}
