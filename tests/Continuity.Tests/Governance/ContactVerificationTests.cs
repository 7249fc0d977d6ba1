using System.Net;
using System.Text.RegularExpressions;
using Continuity.Governance;
using Continuity.Store;
using Continuity.Tests.Accounts;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Governance;

/// <summary>Contact self-verification (ADR 010) over the demo organisation: a person corrects their
/// details through their link (the plan's rules apply, field by field), a link works once, and an
/// import of older plan files never moves a confirmation backwards. Own fixture: the test changes people.</summary>
public sealed class ContactVerificationTests(DemoMailApp app) : IClassFixture<DemoMailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_corrects_their_details_once_through_their_link_and_an_import_of_older_files_keeps_the_confirmation()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<DailyReminders>().RunAsync("https://continuity.example.org", Ct));
            await scope.ServiceProvider.GetRequiredService<Continuity.Web.Jobs.OutboxMail>().SendPendingAsync(Ct, batch: 1000);
        }
        var fatima = await app.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Name == "fatima-zahra", Ct));
        var mail = app.Sent.Single(m => m.To == fatima.Email);
        var link = new Uri(Regex.Match(mail.Body, "https://continuity\\.example\\.org/verify-contact/[A-Za-z0-9_-]+").Value).PathAndQuery;

        var anonymous = app.CreateBrowser();
        var page = await anonymous.GetStringAsync(link, Ct);
        Assert.Contains($"<dt>E-mail</dt><dd>{fatima.Email}</dd>", page, StringComparison.Ordinal);
        Assert.Contains("You last confirmed them on 10 Jun 2025.", page, StringComparison.Ordinal);
        using (var empty = await ContinuityApp.PostFormAsync(anonymous, $"{link}?handler=Correct", new() { ["Email"] = " ", ["Mobile"] = "+44 20 7946 0999" }, link))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Contains("Give the e-mail address people reach you at.", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var corrected = await ContinuityApp.PostFormAsync(anonymous, $"{link}?handler=Correct",
            new() { ["Email"] = "fatima@example.org", ["Work"] = "+44 20 7946 0100", ["Mobile"] = "+44 7700 900999" }, link))
        {
            Assert.Contains("Thank you. Your details were corrected", await corrected.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        var after = await app.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Name == "fatima-zahra", Ct));
        Assert.Equal(("fatima@example.org", "+44 7700 900999", new DateOnly(2026, 11, 28)), (after.Email, after.Phones.Mobile, after.ContactVerified));
        Assert.Null(after.Phones.Alternate);
        Assert.Equal("person:fatima-zahra", await app.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == "person:fatima-zahra").OrderByDescending(e => e.Sequence).Select(e => e.Actor).FirstAsync(Ct)));

        // The link worked once: now it says what was done and offers no form.
        var used = await anonymous.GetStringAsync(link, Ct);
        Assert.Contains("Your details were corrected on", used, StringComparison.Ordinal);
        Assert.DoesNotContain("These are correct", used, StringComparison.Ordinal);
        using (var again = await anonymous.PostAsync($"{link}?handler=Confirm",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ContinuityApp.AntiforgeryToken(page) }), Ct))
        {
            Assert.DoesNotContain("Thank you.", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/verify-contact/not-a-token-anyone-was-sent", Ct)).StatusCode);

        // The demo's files still say June 2025: importing them changes her details back, never her confirmation.
        await app.QueryAsync(db => PlanImport.ApplyAsync(db, Continuity.Demo.DemoPlan.Load().Plan, app.Clock, dryRun: false, Ct));
        var imported = await app.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Name == "fatima-zahra", Ct));
        Assert.Equal((fatima.Email, new DateOnly(2026, 11, 28)), (imported.Email, imported.ContactVerified));
    }
}
