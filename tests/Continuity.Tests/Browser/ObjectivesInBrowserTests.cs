using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>Changing a function's recovery objectives in Chromium, from signing in with an
/// authenticator code to signing out. The class has an app of its own: its test changes the plan.</summary>
public abstract class ObjectivesInBrowserTests(Chromium chromium, LiveDemoApp app) : BrowserTest(chromium, app)
{
    /// <summary>Skips (or fails under CI) where the database the app needs is missing.</summary>
    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    private const string LicenseValidation = "/functions/license-validation";

    [Fact]
    public async Task A_continuity_manager_signed_in_with_two_factor_raises_an_unachievable_RTO_and_the_finding_goes()
    {
        await RequireDatabaseAsync();
        var email = await App.CreateUserAsync(AccessRole.ContinuityManager);
        var key = await SetUpTwoFactorAsync(email);
        App.Clock.Advance(TimeSpan.FromSeconds(30));  // the sign-in's code is a later one than the set-up's, as on a phone

        await GoToAsync(LicenseValidation);
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape("/account/sign-in?returnUrl=%2Ffunctions%2Flicense-validation") + "$"));
        await SignInAsync(email, ContinuityApp.Password, key);

        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(LicenseValidation) + "$"));
        var objectives = Page.GetByRole(AriaRole.Region, new() { Name = "Recovery objectives" });
        var achievable = Page.GetByRole(AriaRole.Region, new() { Name = "Can the objectives be met?" })
            .Locator(".objective", new() { Has = Page.GetByTitle("Recovery time objective against the achievable recovery time") });
        var checks = Page.GetByRole(AriaRole.Region, new() { Name = "Plan checks" });
        await Expect(RtoValue(objectives)).ToHaveTextAsync("2h");
        await Expect(achievable).ToContainTextAsync("✗ at least 6h 35m");
        await Expect(achievable).ToContainTextAsync("4h 35m later than the RTO of 2h");
        await Expect(checks.GetByRole(AriaRole.Group).First).ToContainTextAsync("Errors");
        await Expect(checks).ToContainTextAsync("CT201");

        await objectives.GetByRole(AriaRole.Link, new() { Name = "Change objectives", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(LicenseValidation + "/objectives") + "$"));
        var rto = Page.GetByLabel("RTO — recovery time objective", new() { Exact = true });
        await Expect(rto).ToHaveValueAsync("2h");
        await rto.FillAsync("8h");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save objectives", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(LicenseValidation) + "$"));
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The recovery objectives were saved" })).ToBeVisibleAsync();
        await Expect(RtoValue(objectives)).ToHaveTextAsync("8h");
        await Expect(achievable).ToContainTextAsync("✓ at least 6h 35m");
        await Expect(achievable).ToContainTextAsync("Meets the RTO of 8h");
        await Expect(achievable).ToContainTextAsync("target 8h");
        await Expect(checks).Not.ToContainTextAsync("CT201");
        await Expect(checks).Not.ToContainTextAsync("Approved RTO is not achievable");
        AssertNoBrowserErrors();                      // the account page, both sign-in steps, the form and the function's page

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in$"));
        await GoToAsync("/functions");

        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape("/account/sign-in?returnUrl=%2Ffunctions") + "$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in to Continuity");
        await Expect(Page.GetByLabel("E-mail", new() { Exact = true })).ToBeEmptyAsync();
    }

    private static ILocator RtoValue(ILocator objectives) =>
        objectives.Locator(".objective", new() { Has = objectives.Page.GetByTitle("Recovery time objective", new() { Exact = true }) })
            .Locator(".objective__value");

    /// <summary>Signs in with the password, turns two-factor sign-in on on the account page as a
    /// person would (the key read from the page, the code computed from it on the app's clock) and
    /// signs out; returns the key.</summary>
    private async Task<string> SetUpTwoFactorAsync(string email)
    {
        await GoToAsync("/account");
        await SignInAsync(email, ContinuityApp.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/account$"));
        var twoFactor = Page.GetByRole(AriaRole.Region, new() { Name = "Two-factor sign-in" });
        await twoFactor.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor sign-in", Exact = true }).ClickAsync();
        var shownKey = Page.Locator(".authenticator-key");
        await Expect(shownKey).ToHaveTextAsync(new Regex("^([a-z2-7]{4} )*[a-z2-7]{1,4}$"));
        var key = await shownKey.InnerTextAsync();

        await twoFactor.GetByLabel("Code from the app", new() { Exact = true }).FillAsync(Totp.Code(key, App.Clock.GetUtcNow()));
        await twoFactor.GetByRole(AriaRole.Button, new() { Name = "Turn two-factor sign-in on", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Two-factor sign-in" })).ToContainTextAsync("Two-factor sign-in is on");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in$"));
        return key;
    }
}

[Collection(InBrowser.Name)]
public sealed class SqliteObjectivesInBrowserTests(Chromium chromium, LiveDemoApp app)
    : ObjectivesInBrowserTests(chromium, app), IClassFixture<LiveDemoApp>;

[Collection(InBrowser.Name)]
public sealed class PostgresObjectivesInBrowserTests(Chromium chromium, PostgresLiveDemoApp app)
    : ObjectivesInBrowserTests(chromium, app), IClassFixture<PostgresLiveDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}
