using System.Text.RegularExpressions;
using Continuity.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>The what-if page in Chromium: a failure added through the form (typed, with the
/// suggestions of the search-as-you-type script) gives the shareable URL, the functions down and
/// the Gantt chart of the recovery schedule; a failure is removed again with its ×.</summary>
[Collection(InBrowser.Name)]
public sealed class WhatIfInBrowserTests(Chromium chromium, LiveDemoApp app)
    : BrowserTest(chromium, app), IClassFixture<LiveDemoApp>
{
    protected override AccessRole? SignedInAs => AccessRole.Member;

    [Fact]
    public async Task A_failure_added_through_the_form_shows_the_functions_down_and_the_recovery_gantt_chart()
    {
        await GoToAsync("/what-if");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("What if…?");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Nothing fails yet" })).ToBeVisibleAsync();

        var input = Page.GetByLabel("Add a failure", new() { Exact = true });
        var suggested = Page.WaitForResponseAsync(r => r.Url.Contains("/what-if/suggest?q=license-d", StringComparison.Ordinal));
        await input.PressSequentiallyAsync("license-d");
        Assert.True((await suggested).Ok);
        await Expect(Page.Locator("#whatif-choices option[value='system:license-db']")).ToHaveCountAsync(1);
        await input.FillAsync("system:license-db");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape("/what-if?fail=system%3Alicense-db") + "$"));
        var functions = Page.GetByRole(AriaRole.Region, new() { Name = "Business functions down" });
        await Expect(functions.GetByRole(AriaRole.Link, new() { Name = "License validation for self-hosted installations" })).ToBeVisibleAsync();
        await Expect(functions).ToContainTextAsync("breached at 2h");
        var chart = Page.GetByRole(AriaRole.Img, new() { Name = "Recovery schedule from the failure" });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart.Locator("[data-element='system:license-db'] rect")).ToBeVisibleAsync();
        Assert.True(await chart.Locator(".gantt__row").CountAsync() >= 2);

        await input.FillAsync("vendor:zendesk");
        await input.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape("/what-if?fail=system%3Alicense-db&fail=vendor%3Azendesk") + "$"));
        await Expect(functions).ToContainTextAsync("Customer support");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Remove system:license-db" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape("/what-if?fail=vendor%3Azendesk") + "$"));
        await Expect(functions).Not.ToContainTextAsync("License validation");
        AssertNoBrowserErrors();
    }
}
