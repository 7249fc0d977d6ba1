using System.Text.RegularExpressions;
using Continuity.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>The business functions list and a function's page, in Chromium.</summary>
[Collection(InBrowser.Name)]
public sealed class FunctionsInBrowserTests(Chromium chromium, LiveDemoApp app)
    : BrowserTest(chromium, app), IClassFixture<LiveDemoApp>
{
    protected override AccessRole? SignedInAs => AccessRole.Member;

    private const string LicenseValidation = "License validation for self-hosted installations";

    [Fact]
    public async Task The_functions_page_lists_each_function_with_its_target_and_achievable_RTO()
    {
        await GoToAsync("/functions");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Business functions");
        var rows = Page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(Page.Locator("h1 .count")).ToHaveTextAsync((await rows.CountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Course delivery", Exact = true })).ToBeVisibleAsync();
        var licenseValidation = rows.Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = LicenseValidation }) });
        var cells = licenseValidation.GetByRole(AriaRole.Cell);                       // tier, team, owner, RTO target, achievable …
        await Expect(cells.Nth(3)).ToHaveTextAsync("2h");
        await Expect(cells.Nth(4)).ToContainTextAsync("✗ at least 6h 35m");
        await Expect(cells.Nth(4)).ToContainTextAsync("4h 35m later than the RTO of 2h");   // for screen readers too
    }

    [Fact]
    public async Task A_function_opened_from_the_list_shows_its_recovery_objectives_and_findings()
    {
        await GoToAsync("/functions");

        await Page.GetByRole(AriaRole.Link, new() { Name = LicenseValidation }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/functions/license-validation$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(LicenseValidation);
        var objectives = Page.GetByRole(AriaRole.Region, new() { Name = "Recovery objectives" });
        foreach (var (title, value) in new[]
        {
            ("Recovery time objective", "2h"),
            ("Recovery point objective", "15m"),
            ("Maximum tolerable period of disruption", "1d"),
        })
        {
            var objective = objectives.Locator(".objective", new() { Has = Page.GetByTitle(title, new() { Exact = true }) });
            await Expect(objective.Locator(".objective__value")).ToHaveTextAsync(value);
        }
        await Expect(objectives).ToContainTextAsync("Approved by");
        var findings = Page.GetByRole(AriaRole.Region, new() { Name = "Plan checks" });
        await Expect(findings.GetByRole(AriaRole.Group).First).ToContainTextAsync("Errors");
        await Expect(findings).ToContainTextAsync("CT201");
        await Expect(findings).ToContainTextAsync("Approved RTO is not achievable through the dependency chain");
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_function_without_findings_says_the_checks_found_nothing()
    {
        await GoToAsync("/functions/course-delivery");

        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Plan checks" }))
            .ToContainTextAsync("The plan checks found nothing about this function.");
    }

    [Fact]
    public async Task A_member_reads_a_function_but_is_offered_no_change_of_its_objectives()
    {
        await GoToAsync("/functions/license-validation");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(LicenseValidation);
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Recovery objectives" })).ToContainTextAsync("Approved by");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Change objectives" })).ToHaveCountAsync(0);
        AssertNoBrowserErrors();
        var form = await Page.GotoAsync("/functions/license-validation/objectives");
        Assert.Equal(403, form?.Status);
    }
}
