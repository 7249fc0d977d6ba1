using Continuity.Accounts;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Account;

/// <summary>Signing out is a POST with the antiforgery token, so that no link or image can sign someone out.</summary>
[Authorize(Policy = AccessPolicies.SignedIn)]
public sealed class SignOutModel(SignInManager<ContinuityUser> signIn, UserAccounts accounts) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var email = User.Identity?.Name;
        await signIn.SignOutAsync();
        await accounts.AuditAsync(AccountAudit.Actor(email), "signed-out", UserAccounts.Subject(email), cancellationToken);
        return Redirect(AccessSetup.SignInPath);
    }
}
