using Continuity.Accounts;
using Continuity.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Continuity.Tests.Browser;

/// <summary>axe-core (Deque) on every kind of page, in Chromium: no serious or critical
/// violation. Adding a page is one line of <see cref="Pages"/>.</summary>
[Collection(InBrowser.Name)]
public sealed class AccessibilityInBrowserTests(Chromium chromium, LiveDemoApp app)
    : BrowserTest(chromium, app), IClassFixture<LiveDemoApp>
{
    /// <summary>The pages to check, signed in as a continuity manager (who reads the plan and the audit log).</summary>
    public static TheoryData<string> Pages { get; } =
    [
        "/",
        "/functions",
        "/functions/license-validation",
        "/systems",
        "/systems/license-db",
        "/vendors",
        "/vendors/zendesk",
        "/sites",
        "/sites/aws-eu-west-1",
        "/teams",
        "/teams/platform",
        "/people",
        "/roles",
        "/roles/incident-commander",
        "/risks",
        "/risks/aws-region-failure",
        "/scenarios",
        "/scenarios/region-outage",
        "/procedures",
        "/procedures/region-failover",
        "/communication-plans",
        "/communication-plans/crisis-communications",
        "/backup-policies",
        "/backup-policies/platform-db-backup",
        "/organisation",
        "/dependencies",
        "/systems/new",
        "/systems/license-db/edit",
        "/vendors/zendesk/delete",
        "/organisation/edit",
        "/functions/license-validation/bia",
        "/waivers",
        "/waivers/new?check=CT201&element=function:license-validation",
        "/what-if?fail=region:eu-west-1",
        "/functions/course-delivery/picture",
        "/recovery-waves",
        "/audit",
        "/account",
        "/people/maya-okafor",
        "/checks",
    ];

    protected override AccessRole? SignedInAs => AccessRole.ContinuityManager;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_accessibility_violation(string path)
    {
        await GoToAsync(path);

        AssertNoSeriousViolation(path, await Page.RunAxe());
    }

    [Fact]
    public async Task The_sign_in_page_and_the_administrators_pages_have_no_serious_or_critical_violation()
    {
        await Page.Context.ClearCookiesAsync();                                        // this test's own context: signed out
        await GoToAsync("/account/sign-in");
        AssertNoSeriousViolation("/account/sign-in", await Page.RunAxe());

        await SignInAsync(await App.CreateUserAsync(AccessRole.Administrator), ContinuityApp.Password);
        await GoToAsync("/admin/users");
        AssertNoSeriousViolation("/admin/users", await Page.RunAxe());
    }

    [Fact]
    public async Task The_dashboard_with_its_menus_open_has_no_serious_or_critical_violation()
    {
        await GoToAsync("/");
        await Page.Locator("summary", new() { HasTextString = "Plan" }).ClickAsync();

        AssertNoSeriousViolation("/ (Plan menu open)", await Page.RunAxe());
    }

    private static void AssertNoSeriousViolation(string path, AxeResult result)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found on {path}:\n" + string.Join('\n', serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5).Select(n => n.Html)))));
    }
}
