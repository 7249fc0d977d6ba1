using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Accounts;
using Continuity.Tests.Support;
using Continuity.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>The live demo app with a real SMTP server on loopback, for the governance loop.</summary>
public sealed class LiveDemoMailApp : LiveDemoApp
{
    public netDumbster.smtp.SimpleSmtpServer MailServer { get; } = LoopbackMail.Start();

    public IReadOnlyList<(string To, string Subject, string Body)> Sent => LoopbackMail.Received(MailServer);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LoopbackMail.Configure(builder, MailServer);
    }

    public override async ValueTask DisposeAsync()
    {
        MailServer.Stop();
        MailServer.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>The whole BC.1.01 loop in Chromium (ADR 010), each person in a browser of their own: a
/// team lead updates and submits their team plan and the continuity manager signs it; the manager
/// submits the consolidated plan, two of three approvers sign it with their passwords, the manager
/// publishes it; the people it concerns receive e-mail (read back from a real SMTP server) and
/// acknowledge through their links without an account; the control status shows BC.1.01 met; an
/// edit after approval makes a new draft and the approved version keeps its hash. Own app: it
/// changes the plan.</summary>
[Collection(InBrowser.Name)]
public sealed class GovernanceLoopInBrowserTests(Chromium chromium, LiveDemoMailApp app) : BrowserTest(chromium, app), IClassFixture<LiveDemoMailApp>
{
    private readonly Chromium _chromium = chromium;
    private readonly LiveDemoMailApp _app = app;

    private const string Function = "/functions/license-issuance";
    private const string Consolidated = "/plan/versions/organisation/1";

    /// <summary>A browser page of its own, signed in through the form as a new user with this role.</summary>
    private async Task<IPage> SignedInPageAsync(AccessRole role, string? team = null)
    {
        var email = await App.CreateUserAsync(role, team);
        var context = await _chromium.NewContextAsync(App.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ContinuityApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = email, Exact = true })).ToBeVisibleAsync();
        return page;
    }

    private static async Task EditDescriptionAsync(IPage page, string text)
    {
        await page.GotoAsync(Function + "/edit");
        await page.Locator("#f-spec-description").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(Function) + "$"));
    }

    private static async Task SubmitAsync(IPage page, string scope)
    {
        await page.GotoAsync("/plan/versions/submit");
        await page.Locator("select[name=SubmitScope]").SelectOptionAsync(scope);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for approval", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/plan/versions/[^/]+/\\d+$"));
    }

    private static async Task SignAsync(IPage page, string version, string statement)
    {
        await page.GotoAsync(version);
        await page.Locator("textarea[name=Statement]").FillAsync(statement);
        var justification = page.Locator("textarea[name=Justification]");
        if (await justification.CountAsync() > 0)
        {
            await justification.FillAsync("The open findings are tracked in the risk register with owners and dates.");
        }
        await page.Locator("input[name=Password]").FillAsync(ContinuityApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Your approval was signed and recorded.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Team_plans_roll_up_into_a_consolidated_plan_that_two_approvers_sign_ten_people_acknowledge_and_BC_1_01_turns_green()
    {
        // A team lead brings their team plan up to date and submits it; the continuity manager signs it.
        var lead = await SignedInPageAsync(AccessRole.TeamLead, "licensing");
        await EditDescriptionAsync(lead, "Issues and renews customer licenses; reviewed for the December cycle.");
        await SubmitAsync(lead, "team:licensing");
        var manager = await SignedInPageAsync(AccessRole.ContinuityManager);
        await SignAsync(manager, "/plan/versions/team%3Alicensing/1", "Team plan approved.");
        await Expect(manager.GetByText("Approved", new() { Exact = true }).First).ToBeVisibleAsync();

        // The consolidated plan: submitted by the manager, signed by two of three approvers.
        var approvers = new[] { await SignedInPageAsync(AccessRole.Approver), await SignedInPageAsync(AccessRole.Approver), await SignedInPageAsync(AccessRole.Approver) };
        await SubmitAsync(manager, "organisation");
        await SignAsync(approvers[0], Consolidated, "Approved for the December review.");
        await Expect(approvers[0].GetByText("1 of 2 needed")).ToBeVisibleAsync();
        await SignAsync(approvers[1], Consolidated, "Approved by the board.");
        await manager.GotoAsync(Consolidated);
        var hash = (await manager.Locator("dt:has-text('Content hash (SHA-256)') + dd .mono").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9a-f]{64}$", hash);
        await approvers[2].GotoAsync(Consolidated);
        await Expect(approvers[2].GetByText("Sign this version")).ToHaveCountAsync(0);           // approved: nothing left to sign

        // Published: everyone it concerns is e-mailed a link and acknowledges without an account.
        await manager.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(manager.GetByText("people receive an e-mail with their acknowledgement link")).ToBeVisibleAsync();
        int sent;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            sent = await scope.ServiceProvider.GetRequiredService<OutboxMail>().SendPendingAsync(Ct, batch: 1000);
        }
        for (var wait = 0; _app.Sent.Count < sent && wait < 100; wait++)
        {
            await Task.Delay(50, Ct);
        }
        var links = _app.Sent.Where(m => m.Subject.Contains("organisation@1", StringComparison.Ordinal))
            .Select(m => new Uri(Regex.Match(m.Body, "http://\\S+/acknowledge/[A-Za-z0-9_-]+").Value).PathAndQuery).ToList();
        Assert.True(links.Count >= 10, $"{links.Count} people received the consolidated plan.");
        foreach (var link in links)
        {
            await GoToAsync(link);                                                                  // the test's own page: not signed in
            await Page.GetByRole(AriaRole.Button, new() { Name = "I have read and understood my responsibilities", Exact = true }).ClickAsync();
            await Expect(Page.GetByText("Thank you. You acknowledged organisation@1")).ToBeVisibleAsync();
        }

        // The control status: BC.1.01 met, with the evidence an auditor follows.
        var auditor = await SignedInPageAsync(AccessRole.Auditor);
        await auditor.GotoAsync("/control");
        var plan = auditor.Locator("section[id='BC.1.01']");
        await Expect(plan.Locator("h2 .badge")).ToHaveTextAsync("Met");
        await Expect(plan).ToContainTextAsync($"{links.Count} of {links.Count} acknowledged organisation@1 (100%)");
        await plan.GetByRole(AriaRole.Link, new() { Name = $"organisation@1 (SHA-256 {hash})" }).ClickAsync();
        await Expect(auditor).ToHaveURLAsync(new Regex(Regex.Escape(Consolidated) + "$"));
        await Expect(auditor.Locator("#sign-offs")).ToBeVisibleAsync();

        // An edit after approval makes a new draft; the approved version and its hash stay as signed.
        await EditDescriptionAsync(manager, "Issues and renews customer licenses; changed after the approval.");
        await manager.GotoAsync(Consolidated + "?against=draft");
        await Expect(manager.GetByText("changed after the approval").First).ToBeVisibleAsync();
        Assert.Equal(hash, (await manager.Locator("dt:has-text('Content hash (SHA-256)') + dd .mono").InnerTextAsync()).Trim());
        AssertNoBrowserErrors();
        foreach (var page in new[] { lead, manager, auditor }.Concat(approvers))
        {
            await page.Context.DisposeAsync();
        }
    }
}
