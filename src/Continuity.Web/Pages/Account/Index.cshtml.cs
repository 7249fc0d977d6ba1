using Continuity.Accounts;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Continuity.Web.Pages.Account;

/// <summary>My account: password, two-factor sign-in, sessions and API tokens. Secrets (recovery
/// codes, token secrets) are shown once, in the response to the form that made them.</summary>
[Authorize(Policy = AccessPolicies.SignedIn)]
[EnableRateLimiting(AccessSetup.AccountRateLimit)]
public sealed class IndexModel(SignInManager<ContinuityUser> signIn, UserAccounts accounts, CurrentAccess current, Governance.CalendarFeeds calendars,
    TimeProvider clock) : PageModel
{
    /// <summary>When the user's calendar feed was created, or null without one.</summary>
    public DateTime? CalendarSince { get; private set; }

    /// <summary>The feed's URL, right after it was created (shown once).</summary>
    public string? NewCalendarUrl { get; private set; }

    public ContinuityUser Me { get; private set; } = null!;

    public IReadOnlyList<string> Access { get; private set; } = [];

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];

    /// <summary>The authenticator key while two-factor is being set up (not yet verified).</summary>
    public string? PendingKey { get; private set; }

    public string? PendingUri { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string? NewTokenSecret { get; private set; }

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostChangePasswordAsync(string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        var result = await accounts.Users.ChangePasswordAsync(user, currentPassword ?? "", newPassword ?? "");
        if (!result.Succeeded)
        {
            Problem = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? "The current password is not right."
                : UserAccounts.Describe(result);
            return await ShowAsync(cancellationToken);
        }
        await signIn.RefreshSignInAsync(user);
        await accounts.AuditAsync(AccountAudit.Actor(user.Email), "password-changed", UserAccounts.Subject(user.Email), cancellationToken);
        Message = "Your password is changed. Your other sessions end within a minute.";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSetUpTwoFactorAsync(CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled)
        {
            await accounts.Users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
        }
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyTwoFactorAsync(string? code, CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return await ShowAsync(cancellationToken);
        }
        var provider = accounts.Users.Options.Tokens.AuthenticatorTokenProvider;
        if (string.IsNullOrWhiteSpace(code) || !await accounts.Users.VerifyTwoFactorTokenAsync(user, provider, code))
        {
            Problem = "That code is not right. Enter the 6-digit code your authenticator app shows now.";
            return await ShowAsync(cancellationToken);
        }
        await accounts.Users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await accounts.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await signIn.RefreshSignInAsync(user);
        await accounts.AuditAsync(AccountAudit.Actor(user.Email), "two-factor-enabled", UserAccounts.Subject(user.Email), cancellationToken);
        Message = "Two-factor sign-in is on. Keep the recovery codes below somewhere safe: each signs you in once without your phone, and they are shown only now.";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { TwoFactorEnabled: true } user)
        {
            return await ShowAsync(cancellationToken);
        }
        RecoveryCodes = [.. await accounts.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await accounts.AuditAsync(AccountAudit.Actor(user.Email), "recovery-codes-renewed", UserAccounts.Subject(user.Email), cancellationToken);
        Message = "New recovery codes; the old ones no longer work. They are shown only now.";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableTwoFactorAsync(CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        await accounts.Users.SetTwoFactorEnabledAsync(user, false);
        await accounts.Users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await accounts.AuditAsync(AccountAudit.Actor(user.Email), "two-factor-disabled", UserAccounts.Subject(user.Email), cancellationToken);
        Message = "Two-factor sign-in is off.";
        PendingKey = null;
        return await ShowAsync(cancellationToken, showPending: false);
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        await accounts.Users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        await accounts.AuditAsync(AccountAudit.Actor(user.Email), "signed-out-everywhere", UserAccounts.Subject(user.Email), cancellationToken);
        return Redirect(AccessSetup.SignInPath);
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(string? name, DateOnly? expires, CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { Email: { } email })
        {
            return Challenge();
        }
        var expiresUtc = expires?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var result = await accounts.CreateTokenAsync(email, name ?? "", expiresUtc, AccountAudit.Actor(email), cancellationToken);
        if (result.Succeeded)
        {
            Message = result.Message + " Copy the secret now: it is shown only once.";
            NewTokenSecret = result.Secret;
        }
        else
        {
            Problem = result.Message;
        }
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(Guid token, CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        var result = await accounts.RevokeTokenAsync(token, user.Id, AccountAudit.Actor(user.Email), cancellationToken);
        if (result.Succeeded)
        {
            Message = result.Message;
        }
        else
        {
            Problem = result.Message;
        }
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateCalendarAsync(CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        var token = await calendars.CreateAsync(user.Id, cancellationToken);
        NewCalendarUrl = $"{PublicAddress.Of(Request)}{Calendar.CalendarFeedEndpoint.PathOf(token)}";
        await accounts.AuditAsync(AccountAudit.Actor(user.Email), "calendar-feed-created", UserAccounts.Subject(user.Email), cancellationToken);
        Message = "Subscribe to this address in your calendar program. Copy it now: it is shown only once; a new one replaces it.";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostStopCalendarAsync(CancellationToken cancellationToken)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        await calendars.RevokeAsync(user.Id, cancellationToken);
        await accounts.AuditAsync(AccountAudit.Actor(user.Email), "calendar-feed-stopped", UserAccounts.Subject(user.Email), cancellationToken);
        Message = "Your calendar feed is stopped: its address no longer works.";
        return await ShowAsync(cancellationToken);
    }

    private async Task<ContinuityUser?> UserAsync() => await accounts.Users.GetUserAsync(User);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken, bool showPending = true)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        Me = user;
        Access = [.. (await current.GetAsync(cancellationToken)).Describe()];
        Tokens = await accounts.TokensAsync(user.Id, cancellationToken);
        CalendarSince = await calendars.CreatedAsync(user.Id, cancellationToken);
        if (showPending && !user.TwoFactorEnabled && await accounts.Users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            PendingKey = AuthenticatorCodes.Format(key);
            PendingUri = $"otpauth://totp/Continuity:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=Continuity&digits=6&period=30";
        }
        return Page();
    }
}
