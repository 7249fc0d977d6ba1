using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Governance;

/// <summary>The calendar feed (ADR 010) over the demo organisation: a user creates their iCal
/// address on the account page, a calendar program fetches it without signing in and finds their
/// deadlines as all-day events with stable UIDs; replacing the address revokes the old one,
/// stopping it revokes it. Own fixture: the test submits the consolidated plan.</summary>
public sealed class CalendarFeedTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> CreateAsync(HttpClient browser)
    {
        using var created = await ContinuityApp.PostFormAsync(browser, "/account?handler=CreateCalendar", [], "/account");
        var html = await created.Content.ReadAsStringAsync(Ct);
        return new Uri(Regex.Match(html, "http://[^<\\s]+/calendar/[A-Za-z0-9_-]+\\.ics").Value).PathAndQuery;
    }

    [Fact]
    public async Task An_approver_subscribes_to_their_deadlines_and_the_address_stops_working_when_replaced_or_stopped()
    {
        var email = await app.CreateUserAsync(AccessRole.Approver);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAccounts>().LinkPersonAsync(email, "maya-okafor", new Actor("test", AuditChannel.Cli), Ct)).Succeeded);
        }
        var approver = app.CreateBrowser();
        await ContinuityApp.SignInAsync(approver, email, ContinuityApp.Password);
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using (var submitted = await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "organisation" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        var feed = await CreateAsync(approver);
        Assert.Contains("Replace my calendar address", await approver.GetStringAsync("/account", Ct), StringComparison.Ordinal);
        var calendarProgram = app.CreateClient();                    // no cookie
        using (var response = await calendarProgram.GetAsync(feed, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            var ical = await response.Content.ReadAsStringAsync(Ct);
            Assert.StartsWith("BEGIN:VCALENDAR", ical, StringComparison.Ordinal);
            // Waiting since the demo's day (28 November 2026), due after the reminder days (7).
            Assert.Matches("SUMMARY:Sign-off: the consolidated plan \\(organisation@1\\)", ical);
            Assert.Contains("UID:sign-off-organisation-1@continuity", ical, StringComparison.Ordinal);
            Assert.Contains("DTSTART;VALUE=DATE:20261205", ical, StringComparison.Ordinal);
            Assert.Contains("SUMMARY:Confirm your contact details", ical, StringComparison.Ordinal);
            Assert.Contains("DTSTART;VALUE=DATE:20270914", ical, StringComparison.Ordinal);           // Maya confirmed on 14 September 2026
        }

        var replaced = await CreateAsync(approver);
        Assert.NotEqual(feed, replaced);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarProgram.GetAsync(feed, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await calendarProgram.GetAsync(replaced, Ct)).StatusCode);
        using (await ContinuityApp.PostFormAsync(approver, "/account?handler=StopCalendar", [], "/account"))
        {
        }
        Assert.Equal(HttpStatusCode.NotFound, (await calendarProgram.GetAsync(replaced, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarProgram.GetAsync("/calendar/not-a-token.ics", Ct)).StatusCode);
    }
}
