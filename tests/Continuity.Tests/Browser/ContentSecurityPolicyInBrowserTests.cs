using System.Text.RegularExpressions;
using Continuity.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>The pages work under their Content-Security-Policy in a real browser: nothing they load
/// or run is refused, and the browser does refuse what the policy forbids.</summary>
[Collection(InBrowser.Name)]
public sealed class ContentSecurityPolicyInBrowserTests(Chromium chromium, LiveDemoApp app)
    : BrowserTest(chromium, app), IClassFixture<LiveDemoApp>
{
    protected override AccessRole? SignedInAs => AccessRole.Member;

    [Theory]
    [InlineData("/")]
    [InlineData("/functions")]
    [InlineData("/functions/license-validation")]
    [InlineData("/functions/course-delivery")]
    [InlineData("/systems")]
    [InlineData("/systems/platform-db")]
    [InlineData("/vendors")]
    [InlineData("/vendors/aws")]
    [InlineData("/account")]
    public async Task A_page_loads_its_styles_with_no_console_error_or_policy_violation(string path)
    {
        var response = await Page.GotoAsync(path);

        Assert.NotNull(response);
        Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await Expect(Page.Locator("main")).ToBeVisibleAsync();
        // The stylesheet came through the policy: it is loaded and has rules.
        Assert.True(await Page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => s.cssRules.length > 0)"), "the stylesheet did not load");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task The_sign_in_page_works_under_the_policy_and_tells_a_wrong_password()
    {
        await Page.Context.ClearCookiesAsync();       // not signed in

        var response = await Page.GotoAsync("/functions");

        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape("/account/sign-in?returnUrl=%2Ffunctions") + "$"));
        Assert.NotNull(response);
        Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.True(await Page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => s.cssRules.length > 0)"), "the stylesheet did not load");
        await SignInAsync($"nobody-{Guid.NewGuid():N}@example.test", "not anyone's password");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The e-mail address or the password is not right.");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task An_inline_script_is_refused_and_the_refusal_is_reported()
    {
        await GoToAsync("/");

        // As an injected <script> would be: evaluated code itself is not subject to the policy.
        var refusal = await Page.RunAndWaitForConsoleMessageAsync(
            () => Page.EvaluateAsync("""
                () => {
                    const script = document.createElement('script');
                    script.textContent = 'window.inlineScriptRan = true;';
                    document.head.append(script);
                }
                """),
            new() { Predicate = message => message.Text.Contains("Content Security Policy", StringComparison.Ordinal) });

        Assert.Equal("error", refusal.Type);
        Assert.False(await Page.EvaluateAsync<bool>("() => window.inlineScriptRan === true"));
        Assert.Contains(BrowserErrors, error => error.Contains("Content Security Policy", StringComparison.Ordinal));
    }
}
