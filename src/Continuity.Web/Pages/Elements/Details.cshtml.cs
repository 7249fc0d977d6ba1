using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Elements;

/// <summary>The page of one element of a kind without a page of its own: its fields, its
/// relationships both ways and its findings.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class DetailsModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    public ElementDetails Element { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string path, string name, CancellationToken cancellationToken)
    {
        if (!ElementRoutes.TryParsePath(path, out var kind) || kind == ElementKind.Organisation)
        {
            return NotFound();
        }
        var element = await ElementDetails.LoadAsync(db, analysis, await access.GetAsync(cancellationToken), kind, name, Request.Query, cancellationToken);
        if (element is null)
        {
            return NotFound();
        }
        Element = element;
        return Page();
    }
}
