using Continuity.Accounts;
using Continuity.Governance;
using Continuity.Store;
using Continuity.Web.Pages.Versions;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Continuity.Web.Pages.Acknowledge;

/// <summary>Where an acknowledgement link leads (ADR 010): no account needed. Shows the person
/// their roles, steps and contacts in the version they were sent, and records that they have read
/// and understood them. The link works once; a link nobody was sent is simply not valid.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessSetup.AccountRateLimit)]
public sealed class IndexModel(Distribution distribution) : PageModel
{
    public Acknowledgement? Found { get; private set; }

    public RoleView? View { get; private set; }

    public bool JustAcknowledged { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Found = await distribution.FindAsync(token, cancellationToken);
        if (Found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Load();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            Found = await distribution.AcknowledgeAsync(token, cancellationToken);
            JustAcknowledged = Found is not null;
        }
        catch (PlanConflictException)
        {
            Found = await distribution.FindAsync(token, cancellationToken);       // acknowledged before: the page says when
        }
        if (Found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Load();
        return Page();
    }

    private void Load()
    {
        var person = Found!.Recipient.Person;
        // Whoever holds the link sees only their own personal numbers; everyone else's work numbers.
        var content = ContactPrivacy.WithoutPersonalContacts(Found.Version.Content, new HashSet<string>(StringComparer.Ordinal) { person });
        View = new RoleView(VersionSnapshot.Read(content), person);
    }
}
