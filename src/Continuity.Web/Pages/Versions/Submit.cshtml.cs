using Continuity.Checks;
using Continuity.Data;
using Continuity.Governance;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Api;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Versions;

/// <summary>Submitting a plan for approval: freezes the chosen scope into its next version
/// (<see cref="PlanVersions.SubmitAsync"/>) and opens it; a refusal (nothing new, a note too long)
/// shows the form again with the reason.</summary>
[Authorize(Policy = AccessPolicies.ChangePlan)]
public sealed class SubmitModel(PlanVersions versions, AnalysisCache analysis, ContinuityDb db, CurrentAccess access) : PageModel
{
    [BindProperty]
    public string? SubmitScope { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public IReadOnlyList<(string Value, string Label)> Submittable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Submittable.Count == 0 ? Forbid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await access.GetAsync(cancellationToken);
        if (!PlanScope.TryParse(SubmitScope, out var scope))
        {
            ModelState.AddModelError(nameof(SubmitScope), "Choose the plan to submit.");
        }
        else if (!GovernanceApi.MaySubmit(user, scope))
        {
            return Forbid();
        }
        else
        {
            try
            {
                var version = await versions.SubmitAsync(await PlanWriteApi.ActorAsync(User, user, db, cancellationToken), scope, Note, cancellationToken);
                return Redirect(VersionPaths.Of(version.Scope, version.Number));
            }
            catch (PlanValidationException invalid)
            {
                foreach (var error in invalid.Errors)
                {
                    ModelState.AddModelError(error.Field == "note" ? nameof(Note) : nameof(SubmitScope), error.Message);
                }
            }
            catch (PlanConflictException conflict)
            {
                ModelState.AddModelError(nameof(SubmitScope), conflict.Message);
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        Submittable = IndexModel.SubmittableScopes(await access.GetAsync(cancellationToken),
            result.Catalog?.OfKind(ElementKind.Team).Select(t => (t.Name, t.Label)) ?? []);
    }
}
