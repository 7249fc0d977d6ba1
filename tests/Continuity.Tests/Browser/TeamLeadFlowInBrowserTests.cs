using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>A team lead's flow in Chromium through the generated forms: a new system of their team
/// with a restore estimate, then a dependency on it from a business function of their team, and the
/// function's achievable recovery time follows. The class has an app of its own: it changes the plan.</summary>
public abstract class TeamLeadFlowInBrowserTests(Chromium chromium, LiveDemoApp app) : BrowserTest(chromium, app)
{
    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    private const string Function = "/functions/software-delivery";
    private const string System = "build-cache";

    [Fact]
    public async Task A_team_lead_adds_a_system_and_a_dependency_on_it_and_the_functions_achievable_RTO_changes()
    {
        await RequireDatabaseAsync();
        var email = await App.CreateUserAsync(AccessRole.TeamLead, "infrastructure");
        await GoToAsync(Function);
        await SignInAsync(email, ContinuityApp.Password);
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(Function) + "$"));
        var achievable = Page.GetByRole(AriaRole.Region, new() { Name = "Can the objectives be met?" })
            .Locator(".objective", new() { Has = Page.GetByTitle("Recovery time objective against the achievable recovery time") });
        var before = (await achievable.InnerTextAsync()).Trim();
        Assert.DoesNotContain("21d", before);

        // A new system of the team, restored in three weeks (longer than anything in the demo plan).
        await GoToAsync("/systems/new");
        await Page.Locator("#f-metadata-name").FillAsync(System);
        await Page.Locator("#f-metadata-title").FillAsync("Build cache");
        await Page.Locator("#f-spec-type").SelectOptionAsync("infrastructure");
        await Expect(Page.Locator("#f-spec-team")).ToHaveValueAsync("infrastructure");
        await Page.Locator("#f-spec-restore-estimated").FillAsync("3w");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create system", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape("/systems/" + System) + "$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Build cache");

        // The function depends on it: one more dependency row, the system's name typed in.
        await GoToAsync(Function + "/edit");
        var rows = await Page.Locator("[id^='f-spec-dependsOn-'][id$='-on']").CountAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add another dependency", Exact = true }).ClickAsync();
        var on = Page.Locator($"#f-spec-dependsOn-{rows}--on");
        await on.FillAsync(System);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(Function) + "$"));
        await Expect(achievable).ToContainTextAsync("at least 21d");    // three weeks, in days
        Assert.NotEqual(before, (await achievable.InnerTextAsync()).Trim());
        AssertNoBrowserErrors();
    }
}

[Collection(InBrowser.Name)]
public sealed class SqliteTeamLeadFlowInBrowserTests(Chromium chromium, LiveDemoApp app)
    : TeamLeadFlowInBrowserTests(chromium, app), IClassFixture<LiveDemoApp>;

[Collection(InBrowser.Name)]
public sealed class PostgresTeamLeadFlowInBrowserTests(Chromium chromium, PostgresLiveDemoApp app)
    : TeamLeadFlowInBrowserTests(chromium, app), IClassFixture<PostgresLiveDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}
