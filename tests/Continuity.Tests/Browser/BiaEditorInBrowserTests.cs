using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>The BIA editor in Chromium: a rating raised to intolerable earlier moves the
/// suggested MTPD, and "Use the suggestion" fills the MTPD field.</summary>
[Collection(InBrowser.Name)]
public sealed class BiaEditorInBrowserTests(Chromium chromium, LiveDemoApp app) : BrowserTest(chromium, app), IClassFixture<LiveDemoApp>
{
    [Fact]
    public async Task Rating_a_category_major_at_4h_suggests_an_MTPD_of_4h_and_using_it_fills_the_field()
    {
        var email = await App.CreateUserAsync(AccessRole.ContinuityManager);
        await GoToAsync("/functions/license-issuance/bia");
        await SignInAsync(email, ContinuityApp.Password);
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape("/functions/license-issuance/bia") + "$"));

        var mtpd = Page.GetByLabel("MTPD", new() { Exact = true });
        await Expect(mtpd).ToHaveValueAsync("1w");
        await Page.GetByLabel("customer after 4h", new() { Exact = true }).SelectOptionAsync("major");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use the suggestion", Exact = true }).ClickAsync();

        await Expect(mtpd).ToHaveValueAsync("4h");
        await Expect(Page.Locator("#mtpd-suggestion")).ToContainTextAsync("customer rated major after 4h");
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "is not shorter than this MTPD" })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("customer after 4h", new() { Exact = true })).ToHaveValueAsync("major");
        AssertNoBrowserErrors();
    }
}
