using Continuity.Governance;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Acknowledge;

/// <summary>The signed-in user's inbox (ADR 010): every plan version distributed to their person,
/// newest first, with their acknowledgement, which they can give here.</summary>
[Authorize(Policy = AccessPolicies.SignedIn)]
public sealed class InboxModel(Distribution distribution, CurrentAccess current) : PageModel
{
    public string? Person { get; private set; }

    public IReadOnlyList<(VersionRecipient Recipient, VersionSummary Version)> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAcknowledgeAsync(long version, CancellationToken cancellationToken)
    {
        try
        {
            var done = await distribution.AcknowledgeAsync(await current.GetAsync(cancellationToken), version, cancellationToken);
            TempData["Saved"] = $"You acknowledged {done.Version.Label}.";
        }
        catch (GovernanceRefusedException)
        {
            return Forbid();
        }
        catch (PlanConflictException conflict)
        {
            TempData["Saved"] = conflict.Message;
        }
        return Redirect("/inbox");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Person = (await current.GetAsync(cancellationToken)).PersonName;
        if (Person is not null)
        {
            Items = await distribution.InboxAsync(Person, cancellationToken);
        }
    }
}
