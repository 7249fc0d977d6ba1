using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Accounts;

/// <summary>Signing in and out through the real forms, on the app's fake clock. Each test makes its own users.</summary>
public sealed class SignInTests(ContinuityApp app) : IClassFixture<ContinuityApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> SignInFormAsync(HttpClient client, string email, string password, string path = "/account/sign-in") =>
        ContinuityApp.PostFormAsync(client, path, new() { ["Email"] = email, ["Password"] = password });

    [Theory]
    [InlineData("/")]
    [InlineData("/functions")]
    [InlineData("/systems/anything")]
    [InlineData("/account")]
    [InlineData("/admin/users")]
    public async Task Nothing_of_the_plan_without_signing_in(string path)
    {
        using var response = await app.CreateBrowser().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/sign-in?returnUrl={Uri.EscapeDataString(path)}", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/assets/site.css")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/forgot-password")]
    public async Task Health_assets_and_the_sign_in_pages_are_open(string path)
    {
        using var response = await app.CreateBrowser().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_and_out_with_the_forms()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var browser = app.CreateBrowser();

        using var signIn = await SignInFormAsync(browser, email, ContinuityApp.Password, "/account/sign-in?returnUrl=%2Ffunctions");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/functions", signIn.Headers.Location?.OriginalString);
        var overview = await browser.GetStringAsync("/", Ct);
        Assert.Contains($"Signed in as <a href=\"/account\">{email}</a>", overview);

        using var signOut = await ContinuityApp.PostFormAsync(browser, "/account/sign-out", [], formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await browser.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);

        var actions = await AuditAsync(email);
        Assert.Contains("signed-in", actions);
        Assert.Contains("signed-out", actions);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);

        using var response = await SignInFormAsync(app.CreateBrowser(), email, ContinuityApp.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("continuity.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);   // plain HTTP here; HTTPS gets Secure
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task The_return_address_cannot_leave_the_site(string returnUrl)
    {
        var email = await app.CreateUserAsync(AccessRole.Member);

        using var response = await SignInFormAsync(app.CreateBrowser(), email, ContinuityApp.Password, $"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_is_told_and_audited_without_the_password()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);

        using var response = await SignInFormAsync(app.CreateBrowser(), email, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail address or the password is not right.", await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("sign-in-failed", await AuditAsync(email));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Changes.Contains("not the password") || e.Actor.Contains("not the password"), Ct)));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_of_the_apps_clock()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var browser = app.CreateBrowser();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var failed = await SignInFormAsync(browser, email, $"wrong password {attempt}");
        }

        using var locked = await SignInFormAsync(browser, email, ContinuityApp.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("this account is locked for 15 minutes", await locked.Content.ReadAsStringAsync(Ct));
        Assert.Contains("locked-out", await AuditAsync(email));

        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var unlocked = await SignInFormAsync(browser, email, ContinuityApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_their_session_loses_access()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var session = app.CreateBrowser();
        await ContinuityApp.SignInAsync(session, email, ContinuityApp.Password);

        await UsingAccountsAsync(accounts => accounts.SetDisabledAsync(email, true, new Actor("admin@example.test", AuditChannel.Cli), Ct));

        using var signIn = await SignInFormAsync(app.CreateBrowser(), email, ContinuityApp.Password);
        Assert.Contains("This account is disabled", await signIn.Content.ReadAsStringAsync(Ct));
        using var page = await session.GetAsync("/functions", Ct);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);

        using var response = await app.CreateBrowser().PostAsync("/account/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = ContinuityApp.Password }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("continuity.session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_factor_sign_in_with_an_authenticator_code_or_a_recovery_code()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var browser = app.CreateBrowser();
        await ContinuityApp.SignInAsync(browser, email, ContinuityApp.Password);

        using var setUp = await ContinuityApp.PostFormAsync(browser, "/account?handler=SetUpTwoFactor", [], formPage: "/account");
        var account = await setUp.Content.ReadAsStringAsync(Ct);
        var key = Regex.Match(account, "class=\"authenticator-key\">([a-z2-7 ]+)<").Groups[1].Value;
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.Contains("otpauth://totp/Continuity:", account);

        using var wrong = await ContinuityApp.PostFormAsync(browser, "/account?handler=VerifyTwoFactor", new() { ["code"] = "000000" == Totp.Code(key, app.Clock.GetUtcNow()) ? "111111" : "000000" }, formPage: "/account");
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync(Ct));
        using var verified = await ContinuityApp.PostFormAsync(browser, "/account?handler=VerifyTwoFactor", new() { ["code"] = Totp.Code(key, app.Clock.GetUtcNow()) }, formPage: "/account");
        var codes = Regex.Matches(await verified.Content.ReadAsStringAsync(Ct), "<li>([A-Z0-9]{5}-[A-Z0-9]{5})</li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Contains("two-factor-enabled", await AuditAsync(email));

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = app.CreateBrowser();
        using var password = await SignInFormAsync(second, email, ContinuityApp.Password);
        Assert.StartsWith("/account/two-factor", password.Headers.Location?.OriginalString);
        using var code = await ContinuityApp.PostFormAsync(second, "/account/two-factor", new() { ["Code"] = Totp.Code(key, app.Clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/functions", Ct)).StatusCode);

        var third = app.CreateBrowser();
        using var again = await SignInFormAsync(third, email, ContinuityApp.Password);
        using var recovery = await ContinuityApp.PostFormAsync(third, "/account/two-factor", new() { ["Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.Redirect, recovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/functions", Ct)).StatusCode);

        var fourth = app.CreateBrowser();
        using var once = await SignInFormAsync(fourth, email, ContinuityApp.Password);
        using var reused = await ContinuityApp.PostFormAsync(fourth, "/account/two-factor", new() { ["Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);                             // a recovery code works once
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_sessions()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var here = app.CreateBrowser();
        var there = app.CreateBrowser();
        await ContinuityApp.SignInAsync(here, email, ContinuityApp.Password);
        await ContinuityApp.SignInAsync(there, email, ContinuityApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await there.GetAsync("/functions", Ct)).StatusCode);

        using var everywhere = await ContinuityApp.PostFormAsync(here, "/account?handler=SignOutEverywhere", [], formPage: "/account");
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        using var response = await there.GetAsync("/functions", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task An_administrator_resets_a_password_and_sees_the_new_one_once()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        var admin = await app.SignedInBrowserAsync(AccessRole.Administrator);

        using var reset = await ContinuityApp.PostFormAsync(admin, $"/admin/users/{id}?handler=ResetPassword", [], formPage: $"/admin/users/{id}");
        var password = Regex.Match(await reset.Content.ReadAsStringAsync(Ct), "class=\"one-time-password\">([^<]+)<").Groups[1].Value;

        Assert.Equal(20, password.Length);
        await ContinuityApp.SignInAsync(app.CreateBrowser(), email, password);
        Assert.Contains("password-reset", await AuditAsync(email));
        Assert.DoesNotContain(password, string.Concat(await app.QueryAsync(db => db.AuditEntries.Select(e => e.Changes + e.Actor + e.Subject).ToListAsync(Ct))));
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_is_audited()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var browser = app.CreateBrowser();
        await ContinuityApp.SignInAsync(browser, email, ContinuityApp.Password);
        const string newPassword = "an entirely new passphrase";

        using var wrong = await ContinuityApp.PostFormAsync(browser, "/account?handler=ChangePassword",
            new() { ["currentPassword"] = "not my password", ["newPassword"] = newPassword }, formPage: "/account");
        using var changed = await ContinuityApp.PostFormAsync(browser, "/account?handler=ChangePassword",
            new() { ["currentPassword"] = ContinuityApp.Password, ["newPassword"] = newPassword }, formPage: "/account");

        Assert.Contains("The current password is not right.", await wrong.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Your password is changed.", await changed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/functions", Ct)).StatusCode);     // this session goes on
        await ContinuityApp.SignInAsync(app.CreateBrowser(), email, newPassword);
        Assert.Contains("password-changed", await AuditAsync(email));
    }

    [Fact]
    public async Task Someone_without_the_right_gets_a_403_page()
    {
        var member = await app.SignedInBrowserAsync(AccessRole.Member);
        var administrator = await app.SignedInBrowserAsync(AccessRole.Administrator);

        using var users = await member.GetAsync("/admin/users", Ct);
        using var plan = await administrator.GetAsync("/functions", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Contains("You do not have access to this page", await users.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, plan.StatusCode);
    }

    [Fact]
    public async Task A_token_created_on_the_account_page_signs_requests_until_revoked()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var browser = app.CreateBrowser();
        await ContinuityApp.SignInAsync(browser, email, ContinuityApp.Password);

        using var created = await ContinuityApp.PostFormAsync(browser, "/account?handler=CreateToken", new() { ["name"] = "backup-job" }, formPage: "/account");
        var secret = Regex.Match(await created.Content.ReadAsStringAsync(Ct), "class=\"token-secret\">(cty_[^<]+)<").Groups[1].Value;
        Assert.NotEmpty(secret);

        var program = app.CreateBrowser();
        program.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await program.GetAsync("/functions", Ct)).StatusCode);

        await UsingAccountsAsync(accounts => accounts.RevokeTokensAsync(email, "backup-job", new Actor(email, AuditChannel.Form), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/functions", Ct)).StatusCode);
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == "token:backup-job").Select(e => e.Action).ToListAsync(Ct));
        Assert.Contains("token-created", actions);
        Assert.Contains("token-revoked", actions);
    }

    [Fact]
    public async Task Without_a_mail_server_the_forgotten_password_page_says_to_ask_an_administrator()
    {
        var html = await app.CreateBrowser().GetStringAsync("/account/forgot-password", Ct);

        Assert.Contains("Ask an administrator to reset your password", html);
    }

    private Task<List<string>> AuditAsync(string email) =>
        app.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == "user:" + email).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Ct));

    private async Task UsingAccountsAsync(Func<UserAccounts, Task<AccountResult>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await act(scope.ServiceProvider.GetRequiredService<UserAccounts>());
        Assert.True(result.Succeeded, result.Message);
    }
}
