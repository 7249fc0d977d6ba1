using Continuity.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Systems;

public sealed class IndexModel(ContinuityDb db) : PageModel
{
    public IReadOnlyList<SystemRow> Rows { get; private set; } = [];

    public string? OrganisationName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        OrganisationName = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => o.Title ?? o.Name)
            .FirstOrDefaultAsync(cancellationToken);
        Rows = await SystemList.LoadAsync(db, cancellationToken);
    }
}
