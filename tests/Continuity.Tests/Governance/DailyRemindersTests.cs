using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Checks;
using Continuity.Governance;
using Continuity.Tests.Accounts;
using Continuity.Tests.Support;
using Continuity.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Governance;

/// <summary>The daily governance job (ADR 010) over the demo organisation with a clock the test
/// moves and a real SMTP server on loopback: each day's run is claimed once; acknowledgement
/// reminders after 7 days (with a new link) and escalations to the manager after 14, approval
/// reminders, review reminders when due and when overdue, contact verification requests and their
/// reminders — each sent exactly once — and a confirmation that expires after 12 months. Own
/// fixture: the test moves the clock. The demo's clock starts on 28 November 2026.</summary>
public sealed class DailyRemindersTests(DemoMailApp app) : IClassFixture<DemoMailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Licensing = "/plan/versions/team%3Alicensing/1";
    private const string Links = "https://continuity.example.org";

    private async Task<ReminderRun?> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var received = app.Sent.Count;
        var run = await scope.ServiceProvider.GetRequiredService<DailyReminders>().RunAsync(Links, Ct);
        var sent = await scope.ServiceProvider.GetRequiredService<OutboxMail>().SendPendingAsync(Ct, batch: 1000);
        // The SMTP server files a message just after accepting it: wait for the last one.
        for (var wait = 0; app.Sent.Count < received + sent && wait < 100; wait++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.Equal(received + sent, app.Sent.Count);
        return run;
    }

    private void AdvanceDays(int days) => app.Clock.Advance(TimeSpan.FromDays(days));

    /// <summary>The messages received since <paramref name="seen"/> was taken (the server keeps them in no particular order).</summary>
    private List<(string To, string Subject, string Body)> MailsSince(IReadOnlyList<(string To, string Subject, string Body)> seen)
    {
        var left = seen.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        var since = new List<(string, string, string)>();
        foreach (var mail in app.Sent)
        {
            if (left.TryGetValue(mail, out var n) && n > 0)
            {
                left[mail] = n - 1;
            }
            else
            {
                since.Add(mail);
            }
        }
        return since;
    }

    private static string LinkIn(string body, string path) => new Uri(Regex.Match(body, $"https?://[^/\\s]+/{path}/[A-Za-z0-9_-]+").Value).PathAndQuery;

    [Fact]
    public async Task Reminders_and_escalations_go_out_once_each_as_the_days_pass_and_a_contact_confirmation_expires_after_12_months()
    {
        // Day 0: the licensing team plan is approved and published; the consolidated plan waits for sign-off.
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using (await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "team:licensing" }))
        {
        }
        using (var signed = await ContinuityApp.PostFormAsync(await app.SignedInBrowserAsync(AccessRole.Approver), $"{Licensing}?handler=Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "Approved.",
            ["Justification"] = "Gaps tracked.",
            ["Password"] = ContinuityApp.Password,
        }, Licensing))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }
        using (var publishing = await ContinuityApp.PostFormAsync(manager, $"{Licensing}?handler=Publish", [], Licensing))
        {
            Assert.Equal(HttpStatusCode.Redirect, publishing.StatusCode);
        }
        using (await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "organisation" }))
        {
        }
        var recipients = await app.QueryAsync(db => db.VersionRecipients.AsNoTracking().Where(r => r.Email != "").ToListAsync(Ct));
        var people = await app.QueryAsync(db => db.People.AsNoTracking().Select(p => new { p.Name, p.Email, p.Manager, p.Active, p.ContactVerified }).ToListAsync(Ct));

        var before = app.Sent;
        var first = await RunAsync();
        Assert.NotNull(first);
        Assert.Equal((0, 0, 0, 0), (first.AcknowledgementReminders, first.Escalations, first.ApprovalReminders, first.ReviewReminders));
        var due = people.Where(p => p.Active && p.Email.Length > 0 && (p.ContactVerified is not { } v || v.AddMonths(12) <= new DateOnly(2026, 12, 28))).ToList();
        Assert.Equal(due.Count, first.ContactRequests);
        Assert.Contains(due, p => p.Name == "fatima-zahra");                       // confirmed in June 2025
        Assert.Null(await RunAsync());                                              // today's run is claimed
        var runs = await app.QueryAsync(db => db.JobRuns.AsNoTracking().ToListAsync(Ct));
        Assert.Equal((DailyReminders.Job, new DateOnly(2026, 11, 28), false), (Assert.Single(runs).Job, runs[0].Day, runs[0].Failed));
        Assert.Contains("contact verification requests", runs[0].Summary, StringComparison.Ordinal);

        // Fatima confirms through her link, without an account: the consolidated plan's draft is unchanged.
        var fatima = people.Single(p => p.Name == "fatima-zahra");
        var request = MailsSince(before).Single(m => m.To == fatima.Email && m.Subject.Contains("contact details", StringComparison.Ordinal));
        var link = LinkIn(request.Body, "verify-contact");
        async Task<string> DraftHashAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<PlanVersions>().DraftAsync(PlanScope.Organisation, Ct)).Snapshot.Hash;
        }
        var draftBefore = await DraftHashAsync();
        var anonymous = app.CreateBrowser();
        Assert.Contains("These are correct", await anonymous.GetStringAsync(link, Ct), StringComparison.Ordinal);
        using (var confirmed = await ContinuityApp.PostFormAsync(anonymous, $"{link}?handler=Confirm", []))
        {
            Assert.Contains("Thank you. Your details were confirmed", await confirmed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        Assert.Equal(new DateOnly(2026, 11, 28), await app.QueryAsync(db => db.People.Where(p => p.Name == "fatima-zahra").Select(p => p.ContactVerified).SingleAsync(Ct)));
        Assert.Equal(draftBefore, await DraftHashAsync());
        Assert.Equal("person:fatima-zahra", await app.QueryAsync(db => db.AuditEntries.OrderByDescending(e => e.Sequence).Select(e => e.Actor).FirstAsync(Ct)));

        // Day 7: each recipient who has not acknowledged is reminded with a new link; the old one stops working.
        var published = MailsSince([]).Where(m => m.Subject.StartsWith("Please acknowledge", StringComparison.Ordinal)).ToList();
        AdvanceDays(7);
        before = app.Sent;
        var week = await RunAsync();
        Assert.Equal(recipients.Count, week!.AcknowledgementReminders);
        Assert.Equal(0, week.Escalations);
        Assert.Equal(due.Count - 1, week.ContactReminders);                         // all but Fatima, who answered
        Assert.True(week.ApprovalReminders > 0);
        var mails = MailsSince(before);
        var approvers = (await app.QueryAsync(db => Users.EnabledAsync(db, Ct))).Where(u => VersionWorkflow.MayApprove(u.Access, PlanScope.Organisation)).Select(u => u.Email).ToList();
        Assert.Equal(approvers.Order(), mails.Where(m => m.Subject.StartsWith("Waiting for your sign-off", StringComparison.Ordinal)).Select(m => m.To).Order());
        var oldLink = LinkIn(published.First(m => m.To == recipients[0].Email).Body, "acknowledge");
        var newLink = LinkIn(mails.Single(m => m.To == recipients[0].Email && m.Subject.StartsWith("Reminder: please acknowledge", StringComparison.Ordinal)).Body, "acknowledge");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(oldLink, Ct)).StatusCode);
        using (var acknowledged = await ContinuityApp.PostFormAsync(anonymous, newLink, []))
        {
            Assert.Contains("Thank you. You acknowledged team:licensing@1", await acknowledged.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Day 14: the others are escalated to their manager in the plan (or, without one, the continuity managers); once.
        AdvanceDays(7);
        before = app.Sent;
        var fortnight = await RunAsync();
        Assert.Equal((recipients.Count - 1, 0, 0), (fortnight!.Escalations, fortnight.AcknowledgementReminders, fortnight.ApprovalReminders));
        var escalations = MailsSince(before).Where(m => m.Subject.Contains("has not acknowledged", StringComparison.Ordinal)).ToList();
        var withManager = recipients.Skip(1).Where(r => people.Single(p => p.Name == r.Person).Manager is { } m && people.Any(p => p.Name == m && p.Active)).ToList();
        Assert.NotEmpty(withManager);
        foreach (var recipient in withManager)
        {
            var boss = people.Single(p => p.Name == people.Single(p => p.Name == recipient.Person).Manager);
            Assert.Contains(escalations, m => m.To == boss.Email && m.Subject.StartsWith(recipient.Name, StringComparison.Ordinal));
        }
        Assert.Equal(1, await app.QueryAsync(db => db.WebhookEvents.CountAsync(e => e.Name == Webhooks.AcknowledgementOverdue, Ct)));     // one per version
        AdvanceDays(1);
        Assert.Equal(0, (await RunAsync())!.Total);                                  // nothing twice

        // The review of the licensing plan (approved 28 November) comes due in May: once when due, once when overdue.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 5, 10, 9, 0, 0, TimeSpan.Zero));
        before = app.Sent;
        Assert.Equal(1, (await RunAsync())!.ReviewReminders);
        Assert.Contains(MailsSince(before), m => m.Subject.StartsWith("Due on 2027-05-28: the review of the team plan of licensing", StringComparison.Ordinal));
        AdvanceDays(1);
        Assert.Equal(0, (await RunAsync())!.ReviewReminders);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 5, 29, 9, 0, 0, TimeSpan.Zero));
        before = app.Sent;
        Assert.Equal(1, (await RunAsync())!.ReviewReminders);
        Assert.Contains(MailsSince(before), m => m.Subject.StartsWith("Overdue: the review of the team plan of licensing", StringComparison.Ordinal));
        Assert.Equal(1, await app.QueryAsync(db => db.WebhookEvents.CountAsync(e => e.Name == Webhooks.ReviewOverdue, Ct)));

        // Fatima's confirmation counts for 12 months: asked again 30 days before, a finding once it has run out.
        async Task<bool> FindingAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AnalysisCache>().GetAsync(scope.ServiceProvider.GetRequiredService<Continuity.Data.ContinuityDb>(), Ct);
            return result.Findings.Any(f => f.CheckId == CheckCatalogue.ContactNotVerified.Id && f.ElementId == "person:fatima-zahra");
        }
        Assert.False(await FindingAsync());
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 29, 9, 0, 0, TimeSpan.Zero));
        before = app.Sent;
        await RunAsync();
        Assert.Contains(MailsSince(before), m => m.To == fatima.Email && m.Body.Contains("You last confirmed your contact details on 2026-11-28", StringComparison.Ordinal));
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 29, 9, 0, 0, TimeSpan.Zero));
        Assert.True(await FindingAsync());
    }
}
