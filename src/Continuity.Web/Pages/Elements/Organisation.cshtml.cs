using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Elements;

/// <summary>The organisation: scope, services, review cadence, impact scales, waivers, and what refers to it.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class OrganisationModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    public ElementDetails Element { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var element = await ElementDetails.LoadAsync(db, analysis, await access.GetAsync(cancellationToken), ElementKind.Organisation, null, Request.Query, cancellationToken);
        if (element is null)
        {
            return NotFound();
        }
        Element = element;
        return Page();
    }
}
