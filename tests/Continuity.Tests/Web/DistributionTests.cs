using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Governance;
using Continuity.Tests.Accounts;
using Continuity.Tests.Support;
using Continuity.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Web;

/// <summary>Publishing an approved version (ADR 010) over the demo organisation with a real SMTP
/// server on loopback: the recipients by rule and by name, e-mail through MailKit from the outbox,
/// single-use acknowledgement links that need no account, the inbox of a signed-in user, the
/// acknowledgement rate. Own fixture.</summary>
public sealed class DistributionTests(DemoMailApp app) : IClassFixture<DemoMailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Page = "/plan/versions/team%3Alicensing/1";

    [Fact]
    public async Task A_published_team_plan_reaches_its_people_by_e_mail_and_each_acknowledges_that_version_once()
    {
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using (await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "team:licensing" }))
        {
        }
        var approver = await app.SignedInBrowserAsync(AccessRole.Approver);
        using (var signed = await ContinuityApp.PostFormAsync(approver, $"{Page}?handler=Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "Approved.",
            ["Justification"] = "Gaps tracked.",
            ["Password"] = ContinuityApp.Password,
        }, Page))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }
        Assert.Contains("name=\"Additions\"", await manager.GetStringAsync(Page, Ct), StringComparison.Ordinal);
        using (var unknown = await ContinuityApp.PostFormAsync(manager, $"{Page}?handler=Publish", new() { ["Additions"] = "nobody-at-all" }, Page))
        {
            Assert.Contains("The plan has no active person &#x27;nobody-at-all&#x27;", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var published = await ContinuityApp.PostFormAsync(manager, $"{Page}?handler=Publish", new() { ["Additions"] = "maya-okafor" }, Page))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        // Who receives it: the holders of roles for the team, its members, and Maya by name.
        var recipients = await app.QueryAsync(db => db.VersionRecipients.AsNoTracking().OrderBy(r => r.Person).ToListAsync(Ct));
        Assert.Contains(recipients, r => r.Person == "ben-adler" && r.Reasons.Contains("holds", StringComparison.Ordinal));
        Assert.Contains(recipients, r => r.Person == "olivia-grant" && r.Reasons.Contains("member of", StringComparison.Ordinal));
        Assert.Contains(recipients, r => r.Person == "maya-okafor" && r.Reasons == "named by the publisher");
        Assert.Contains("Published", await manager.GetStringAsync(Page, Ct), StringComparison.Ordinal);

        // Where the offline copies are kept, for a disaster that takes the application down.
        using (var wrong = await ContinuityApp.PostFormAsync(manager, $"{Page}?handler=OfflineCopy", new() { ["Location"] = "Binder", ["Holder"] = "nobody-at-all" }, Page))
        {
            Assert.Contains("The plan has no person &#x27;nobody-at-all&#x27;", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var kept = await ContinuityApp.PostFormAsync(manager, $"{Page}?handler=OfflineCopy",
            new() { ["Location"] = "Printed binder in the Berlin office safe", ["Holder"] = "ben-adler" }, Page))
        {
            Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        }
        Assert.Contains("Printed binder in the Berlin office safe — held by ben-adler", await manager.GetStringAsync(Page, Ct), StringComparison.Ordinal);

        // The outbox goes out through SMTP; each person gets one link; the sent text is not kept.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(recipients.Count(r => r.Email.Length > 0), await scope.ServiceProvider.GetRequiredService<OutboxMail>().SendPendingAsync(Ct));
        }
        var mails = app.Sent.Where(m => m.Subject.Contains("team:licensing@1", StringComparison.Ordinal)).ToList();
        Assert.Equal(recipients.Select(r => r.Email).Where(e => e.Length > 0).Order(), mails.Select(m => m.To).Order());
        Assert.All(await app.QueryAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync(Ct)), m => Assert.Equal(OutboxMessage.SentBody, m.Body));
        var olivia = recipients.Single(r => r.Person == "olivia-grant");
        var link = new Uri(Regex.Match(mails.Single(m => m.To == olivia.Email).Body, "http://\\S+/acknowledge/[A-Za-z0-9_-]+").Value);
        Assert.NotEqual(Distribution.HashOf(link.Segments[^1]), link.Segments[^1]);
        Assert.Equal(olivia.TokenHash, Distribution.HashOf(link.Segments[^1]));          // stored only as its hash

        // No account needed: the link shows her part and records her acknowledgement, once.
        var anonymous = app.CreateBrowser();
        var shown = await anonymous.GetStringAsync(link.PathAndQuery, Ct);
        Assert.Contains("your part in the plan", shown, StringComparison.Ordinal);
        using (var first = await ContinuityApp.PostFormAsync(anonymous, link.PathAndQuery, []))
        {
            Assert.Contains("Thank you. You acknowledged team:licensing@1", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var again = await anonymous.PostAsync(link.PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ContinuityApp.AntiforgeryToken(shown) }), Ct))
        {
            var text = await again.Content.ReadAsStringAsync(Ct);
            Assert.Contains("You acknowledged team:licensing@1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Thank you.", text, StringComparison.Ordinal);
        }
        using (var wrong = await anonymous.GetAsync("/acknowledge/not-a-token-anyone-was-sent", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
            Assert.Contains("This link is not valid", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Maya, signed in with an account linked to her person, acknowledges from her inbox.
        var maya = await app.CreateUserAsync(AccessRole.Member);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAccounts>().LinkPersonAsync(maya, "maya-okafor", new Actor("test", AuditChannel.Cli), Ct)).Succeeded);
        }
        var browser = app.CreateBrowser();
        await ContinuityApp.SignInAsync(browser, maya, ContinuityApp.Password);
        var inbox = await browser.GetStringAsync("/inbox", Ct);
        Assert.Contains("named by the publisher", inbox, StringComparison.Ordinal);
        using (var acknowledged = await ContinuityApp.PostFormAsync(browser, "/inbox?handler=Acknowledge",
            new() { ["version"] = recipients[0].VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/inbox"))
        {
            Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        }
        Assert.Contains("You acknowledged team:licensing@1.", await browser.GetStringAsync("/inbox", Ct), StringComparison.Ordinal);

        // The version page counts them; the audit log has each acknowledgement once.
        Assert.Contains($"2 of {recipients.Count} acknowledged", await manager.GetStringAsync(Page, Ct), StringComparison.Ordinal);
        var entries = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Action == "plan.version.acknowledged").Select(e => e.Actor).ToListAsync(Ct));
        Assert.Equal(["person:olivia-grant", maya], entries);
    }

    [Fact]
    public async Task A_continuity_manager_asks_every_team_lead_to_update_their_plan_and_sees_who_has()
    {
        var lead = await app.CreateUserAsync(AccessRole.TeamLead, "marketing");
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using (var past = await ContinuityApp.PostFormAsync(manager, "/plan/versions?handler=Request", new() { ["Due"] = "2026-01-01" }, "/plan/versions"))
        {
            Assert.Contains("is in the past", await past.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var asked = await ContinuityApp.PostFormAsync(manager, "/plan/versions?handler=Request",
            new() { ["Due"] = "2026-12-15", ["Message"] = "Before the board meeting." }, "/plan/versions"))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxMail>().SendPendingAsync(Ct);
        }
        var mail = Assert.Single(app.Sent, m => m.To == lead);
        Assert.Contains("Please update the team plan of marketing by 15 December 2026", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("/plan/versions/submit", mail.Body, StringComparison.Ordinal);
        var status = await manager.GetStringAsync("/plan/versions", Ct);
        Assert.Matches("Marketing</td>\\s*<td>[^<]*" + Regex.Escape(lead) + "[\\s\\S]*?outstanding", status);

        var browser = app.CreateBrowser();
        await ContinuityApp.SignInAsync(browser, lead, ContinuityApp.Password);
        using (await ContinuityApp.PostFormAsync(browser, "/plan/versions/submit", new() { ["SubmitScope"] = "team:marketing" }))
        {
        }
        Assert.Contains("team:marketing@1</a>", await manager.GetStringAsync("/plan/versions", Ct), StringComparison.Ordinal);
        var member = await app.SignedInBrowserAsync(AccessRole.Member);
        using var refused = await ContinuityApp.PostFormAsync(member, "/plan/versions?handler=Request", new() { ["Due"] = "2026-12-31" }, "/plan/versions");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
