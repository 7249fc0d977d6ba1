using Continuity.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Shared;

/// <summary>The organisation's name in the page header. Pages that load the organisation anyway
/// put its name in <c>ViewData["Organisation"]</c>, and the layout then skips this query.</summary>
public sealed class OrganisationNameViewComponent(ContinuityDb db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var name = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => o.Title ?? o.Name)
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        return Content(name ?? "No plan loaded");
    }
}
