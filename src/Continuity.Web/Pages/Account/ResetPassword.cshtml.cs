using System.ComponentModel.DataAnnotations;
using Continuity.Accounts;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Continuity.Web.Pages.Account;

/// <summary>Chooses a new password with the link from the reset e-mail.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessSetup.AccountRateLimit)]
public sealed class ResetPasswordModel(UserAccounts accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Choose a new password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public string? Problem { get; private set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        const string expired = "This reset link is not valid any more. Ask for a new one.";
        if (!ModelState.IsValid)
        {
            Problem = "Choose a new password.";
            return Page();
        }
        if (await accounts.FindAsync(Email) is not { Disabled: false } user)
        {
            Problem = expired;
            return Page();
        }
        var result = await accounts.Users.ResetPasswordAsync(user, Code, Password);
        if (!result.Succeeded)
        {
            Problem = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? expired : UserAccounts.Describe(result);
            return Page();
        }
        await accounts.Users.SetLockoutEndDateAsync(user, null);
        await accounts.AuditAsync(AccountAudit.Actor(user.Email), "password-reset", UserAccounts.Subject(user.Email), cancellationToken);
        Done = true;
        return Page();
    }
}
