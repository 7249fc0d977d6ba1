using System.ComponentModel.DataAnnotations;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Continuity.Web.Pages.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or one of the recovery codes.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessSetup.AccountRateLimit)]
public sealed class TwoFactorModel(SignInManager<ContinuityUser> signIn, UserAccounts accounts) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app, or a recovery code.")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect(AccessSetup.SignInPath) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Redirect(AccessSetup.SignInPath);
        }
        if (!ModelState.IsValid)
        {
            Problem = "Enter the code from your authenticator app, or a recovery code.";
            return Page();
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        var recovery = code.Length != 6;
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var subject = UserAccounts.Subject(user.Email);
        if (result.Succeeded)
        {
            await accounts.AuditAsync(AccountAudit.Actor(user.Email), "signed-in", subject, cancellationToken,
                new FieldChange("second factor", null, recovery ? "recovery code" : "authenticator"));
            return LocalRedirect(AccessSetup.SafeReturnUrl(ReturnUrl));
        }
        await accounts.AuditAsync(AccountAudit.Actor(null), "two-factor-failed", subject, cancellationToken);
        Problem = result.IsLockedOut ? SignInModel.LockedOut : "That code is not right. Codes change every 30 seconds; check your device's clock, or use a recovery code.";
        return Page();
    }
}
