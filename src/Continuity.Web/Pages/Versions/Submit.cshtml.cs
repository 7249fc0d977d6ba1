using Continuity.Accounts;
using Continuity.Audit;
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

/// <summary>What the submit form shows: the plans the user may submit, what was chosen and typed,
/// and the users who may be named reviewers (none on the versions page's short form).</summary>
public sealed record SubmitForm(
    IReadOnlyList<(string Value, string Label)> Scopes, string? Selected, string? Note, IReadOnlyList<UserSummary>? Candidates, IReadOnlyList<string> Chosen);

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

    [BindProperty]
    public List<string> Reviewers { get; set; } = [];

    /// <summary>Users who may be named reviewers: everyone who reads the plan but the submitter.</summary>
    public IReadOnlyList<UserSummary> Candidates { get; private set; } = [];

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
                var actor = new Actor(user.Email ?? user.UserId.ToString(), AuditChannel.Form);
                var version = await versions.SubmitAsync(actor, scope, Note, cancellationToken, Reviewers);
                return Redirect(VersionPaths.Of(version.Scope, version.Number));
            }
            catch (PlanValidationException invalid)
            {
                foreach (var error in invalid.Errors)
                {
                    ModelState.AddModelError(error.Field switch { "note" => nameof(Note), "reviewers" => nameof(Reviewers), _ => nameof(SubmitScope) }, error.Message);
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
        var user = await access.GetAsync(cancellationToken);
        Submittable = IndexModel.SubmittableScopes(user, result.Catalog?.OfKind(ElementKind.Team).Select(t => (t.Name, t.Label)) ?? []);
        Candidates = [.. (await Users.EnabledAsync(db, cancellationToken)).Where(u => u.Access.CanReadPlan && u.Id != user.UserId)];
    }
}
