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

[AllowAnonymous]
[EnableRateLimiting(AccessSetup.AccountRateLimit)]
public sealed class SignInModel(SignInManager<ContinuityUser> signIn, UserAccounts accounts) : PageModel
{
    public const string WrongPassword = "The e-mail address or the password is not right.";
    public const string LockedOut = "Too many failed sign-ins: this account is locked for 15 minutes. Try again later, or ask an administrator to reset your password.";
    public const string Disabled = "This account is disabled. Ask an administrator if you need access.";

    [BindProperty, Required(ErrorMessage = "Enter your e-mail address."), Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Problem = "Enter your e-mail address and your password.";
            return Page();
        }
        var subject = UserAccounts.Subject(Email.Trim());
        var user = await accounts.FindAsync(Email);
        if (user is null)
        {
            // Hash anyway, so that an unknown address takes as long as a wrong password.
            accounts.Users.PasswordHasher.HashPassword(new ContinuityUser(), Password);
            await accounts.AuditAsync(AccountAudit.Actor(null), "sign-in-failed", subject, cancellationToken);
            Problem = WrongPassword;
            return Page();
        }
        if (user.Disabled)
        {
            var right = await accounts.Users.CheckPasswordAsync(user, Password);
            await accounts.AuditAsync(AccountAudit.Actor(null), "sign-in-failed", subject, cancellationToken, new FieldChange("reason", null, "disabled"));
            Problem = right ? Disabled : WrongPassword;
            return Page();
        }
        var wasLockedOut = await accounts.Users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await accounts.AuditAsync(AccountAudit.Actor(user.Email), "signed-in", subject, cancellationToken);
            return LocalRedirect(AccessSetup.SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = AccessSetup.SafeReturnUrl(ReturnUrl) });
        }
        await accounts.AuditAsync(AccountAudit.Actor(null), "sign-in-failed", subject, cancellationToken);
        if (result.IsLockedOut)
        {
            if (!wasLockedOut)
            {
                await accounts.AuditAsync(AccountAudit.Actor(null), "locked-out", subject, cancellationToken);
            }
            Problem = LockedOut;
            return Page();
        }
        Problem = WrongPassword;
        return Page();
    }
}
