using System.Text.RegularExpressions;
using Continuity.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>The overview of the demo organisation and the site's navigation, in Chromium.</summary>
[Collection(InBrowser.Name)]
public sealed class OverviewInBrowserTests(Chromium chromium, LiveDemoApp app)
    : BrowserTest(chromium, app), IClassFixture<LiveDemoApp>
{
    protected override AccessRole? SignedInAs => AccessRole.Member;

    [Fact]
    public async Task The_overview_shows_the_organisations_name_and_the_main_navigation()
    {
        await GoToAsync("/");

        await Expect(Page).ToHaveTitleAsync("IllumiDesk, Inc. · Continuity");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("IllumiDesk, Inc.");
        await Expect(Page.GetByTitle("Organisation", new() { Exact = true })).ToHaveTextAsync("IllumiDesk, Inc.");
        var navigation = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(navigation.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Overview", "Functions", "Systems", "Vendors"]);
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Services in scope" })).ToContainTextAsync("Hosted customer platform");
    }

    [Fact]
    public async Task The_main_navigation_leads_to_each_list_and_marks_the_current_one()
    {
        await GoToAsync("/");
        var navigation = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        foreach (var (link, path, heading) in new[]
        {
            ("Functions", "/functions", "Business functions"),
            ("Systems", "/systems", "Systems"),
            ("Vendors", "/vendors", "Vendors"),
            ("Overview", "/", "IllumiDesk, Inc."),
        })
        {
            await navigation.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();

            await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            await Expect(navigation.Locator("[aria-current=page]")).ToHaveCountAsync(1);
        }
        AssertNoBrowserErrors();
    }
}
