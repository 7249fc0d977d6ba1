using Continuity.Governance;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Versions;

/// <summary>One plan version: its facts (hash re-checked from the stored snapshot) and what changed
/// since the version before it — or, on request, what the plan has changed since this version.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class DetailsModel(PlanVersions versions) : PageModel
{
    public PlanVersion Version { get; private set; } = null!;

    public PlanScope VersionScope { get; private set; } = PlanScope.Organisation;

    public bool Verified { get; private set; }

    /// <summary>"previous" (default) or "draft".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Against { get; set; }

    public string ComparedWith { get; private set; } = "";

    /// <summary>Null when there is nothing to compare with (version 1 against its previous).</summary>
    public IReadOnlyList<PlanElementChange>? Changes { get; private set; }

    public async Task<IActionResult> OnGetAsync(string scope, int number, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed) || await versions.FindAsync(parsed, number, cancellationToken) is not { } version)
        {
            return NotFound();
        }
        (Version, VersionScope) = (version, parsed);
        Verified = VersionSnapshot.HashOf(version.Content) == version.ContentHash;
        if (Against == "draft")
        {
            try
            {
                Changes = PlanDiff.Between(version.Content, (await versions.DraftAsync(parsed, cancellationToken)).Snapshot.Json);
                ComparedWith = "the plan as it is now";
            }
            catch (PlanValidationException)
            {
                Changes = null;                     // the team is gone from the plan
                ComparedWith = "the plan as it is now (the team is no longer in the plan)";
            }
        }
        else if (number > 1 && await versions.FindAsync(parsed, number - 1, cancellationToken) is { } previous)
        {
            Against = "previous";
            Changes = PlanDiff.Between(previous.Content, version.Content);
            ComparedWith = previous.Label;
        }
        return Page();
    }
}
