using System.ComponentModel.DataAnnotations;
using Continuity.Accounts;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Continuity.Web.Pages.Account;

/// <summary>Sends a reset link when a mail server is configured; otherwise says to ask an
/// administrator. The answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessSetup.AccountRateLimit)]
public sealed class ForgotPasswordModel(UserAccounts accounts, IMailSender mail) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your e-mail address.")]
    public string Email { get; set; } = "";

    public bool MailConfigured => mail.IsConfigured;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!mail.IsConfigured || !ModelState.IsValid)
        {
            return Page();
        }
        if (await accounts.FindAsync(Email) is { Disabled: false, Email: { } email } user)
        {
            var code = await accounts.Users.GeneratePasswordResetTokenAsync(user);
            var link = $"{Request.Scheme}://{Request.Host}/account/reset-password?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}";
            await mail.SendAsync(email, "Reset your Continuity password",
                $"Someone asked to reset the password of your Continuity account {email}.\n\nTo choose a new password, open:\n{link}\n\nIf it was not you, ignore this e-mail; your password stays as it is.",
                cancellationToken);
            await accounts.AuditAsync(AccountAudit.Actor(null), "password-reset-requested", UserAccounts.Subject(email), cancellationToken);
        }
        Sent = true;
        return Page();
    }
}
