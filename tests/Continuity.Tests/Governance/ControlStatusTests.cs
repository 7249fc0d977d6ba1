using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Governance;
using Continuity.Tests.Accounts;
using Continuity.Tests.Support;
using Continuity.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Governance;

/// <summary>The control status (ADR 010) over the demo organisation, through the real pages, a real
/// SMTP server on loopback and a clock the test moves: BC.1.01 is red until the consolidated plan is
/// approved, published and acknowledged, amber while acknowledgements come in and as the review
/// comes due, red again when the review is overdue. The demo's clock starts on 28 November 2026. Own fixture: the test signs the consolidated
/// plan and moves the clock.</summary>
public sealed class ControlStatusTests(DemoMailApp app) : IClassFixture<DemoMailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Page = "/plan/versions/organisation/1";

    private async Task<ControlEvaluation> EvaluateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ControlStatus>().EvaluateAsync(Ct);
    }

    private static ControlRequirement Requirement(ControlEvaluation evaluation, string id, string starts) =>
        evaluation.Control(id).Requirements.Single(r => r.Requirement.StartsWith(starts, StringComparison.Ordinal));

    private static async Task SignAsync(HttpClient approver)
    {
        using var signed = await ContinuityApp.PostFormAsync(approver, $"{Page}?handler=Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "Approved.",
            ["Justification"] = "Open findings are tracked.",
            ["Password"] = ContinuityApp.Password,
        }, Page);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
    }

    [Fact]
    public async Task BC_1_01_is_met_once_the_consolidated_plan_is_approved_published_and_acknowledged_and_not_met_once_its_review_is_overdue()
    {
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var before = await EvaluateAsync();
        Assert.Equal(ControlState.NotMet, before.Control("BC.1.01").State);
        Assert.False(before.PlanControlMet);
        Assert.Contains("never been approved", Requirement(before, "BC.1.01", "Reviewed").Status, StringComparison.Ordinal);
        Assert.Equal(CadenceState.NeverApproved, before.Reviews[0].State);
        var page = await manager.GetStringAsync("/control", Ct);
        Assert.Contains("BC.1.01</span> Business Continuity Plan", page, StringComparison.Ordinal);
        Assert.Contains("Not met", page, StringComparison.Ordinal);
        Assert.Contains("Partial evidence", page, StringComparison.Ordinal);

        // Approved by two approvers: reviewed and approved, but not yet communicated.
        using (var submitted = await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "organisation" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }
        await SignAsync(await app.SignedInBrowserAsync(AccessRole.Approver));
        var second = app.CreateBrowser();
        await ContinuityApp.SignInAsync(second, await app.CreateUserAsync(AccessRole.Approver), ContinuityApp.Password);
        await SignAsync(second);
        var approved = await EvaluateAsync();
        Assert.Equal(ControlState.Met, Requirement(approved, "BC.1.01", "Reviewed").State);
        Assert.Equal((CadenceState.Current, new DateOnly(2027, 5, 28)), (approved.Reviews[0].State, approved.Reviews[0].DueOn));
        Assert.Contains("organisation@1 is approved but not published", Requirement(approved, "BC.1.01", "Communicated").Status, StringComparison.Ordinal);
        Assert.Equal(ControlState.NotMet, approved.Control("BC.1.01").State);

        // Published: communicated; acknowledgements are at risk while they come in, not met once escalations are due.
        using (var published = await ContinuityApp.PostFormAsync(manager, $"{Page}?handler=Publish", [], Page))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        var sent = await EvaluateAsync();
        Assert.Equal(ControlState.Met, Requirement(sent, "BC.1.01", "Communicated").State);
        Assert.Equal(ControlState.AtRisk, Requirement(sent, "BC.1.01", "Acknowledged").State);
        Assert.True(sent.PlanControlMet);
        app.Clock.Advance(TimeSpan.FromDays(15));
        var late = await EvaluateAsync();
        Assert.Equal(ControlState.NotMet, Requirement(late, "BC.1.01", "Acknowledged").State);
        Assert.False(late.PlanControlMet);

        // Everyone acknowledges through their e-mailed link: at least 95% — met; the role holders too (BC.1.02).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxMail>().SendPendingAsync(Ct);
        }
        var links = app.Sent.Where(m => m.Subject.Contains("organisation@1", StringComparison.Ordinal))
            .Select(m => new Uri(Regex.Match(m.Body, "http://\\S+/acknowledge/[A-Za-z0-9_-]+").Value)).ToList();
        Assert.NotEmpty(links);
        var anonymous = app.CreateBrowser();
        foreach (var link in links)
        {
            using var acknowledged = await ContinuityApp.PostFormAsync(anonymous, link.PathAndQuery, []);
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }
        var acknowledgedAll = await EvaluateAsync();
        var rate = Requirement(acknowledgedAll, "BC.1.01", "Acknowledged");
        Assert.Equal(ControlState.Met, rate.State);
        Assert.Contains($"{links.Count} of {links.Count} acknowledged organisation@1 (100%)", rate.Status, StringComparison.Ordinal);
        Assert.Equal(ControlState.Met, Requirement(acknowledgedAll, "BC.1.02", "Role holders").State);
        Assert.True(acknowledgedAll.PlanControlMet);
        Assert.Contains("each accepted with a written justification when organisation@1 was signed", Requirement(acknowledgedAll, "BC.1.01", "The plan's content").Status, StringComparison.Ordinal);
        Assert.Equal(ControlState.Met, acknowledgedAll.Control("BC.1.01").State);                   // green

        // The review comes due (amber within 30 days), then is overdue (red).
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 5, 15, 9, 0, 0, TimeSpan.Zero));
        var due = await EvaluateAsync();
        Assert.Equal((CadenceState.DueSoon, 13, ControlState.AtRisk), (due.Reviews[0].State, due.Reviews[0].DaysLeft, Requirement(due, "BC.1.01", "Reviewed").State));
        var signedInAgain = await app.SignedInBrowserAsync(AccessRole.Member);      // the session of March has expired
        Assert.Contains("due in 13 days", await signedInAgain.GetStringAsync("/", Ct), StringComparison.Ordinal);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 5, 29, 9, 0, 0, TimeSpan.Zero));
        var overdue = await EvaluateAsync();
        Assert.Equal((CadenceState.Overdue, "overdue by 1 day"), (overdue.Reviews[0].State, overdue.Reviews[0].Words));
        Assert.Equal(ControlState.NotMet, overdue.Control("BC.1.01").State);
        Assert.False(overdue.PlanControlMet);

        // An administrator, not a plan file, changes the review interval: a yearly review is current again.
        var admin = await app.SignedInBrowserAsync(AccessRole.Administrator);
        using (var changed = await ContinuityApp.PostFormAsync(admin, "/admin/settings", new() { ["Key"] = "review-interval-months", ["Value"] = "12" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }
        var yearly = await EvaluateAsync();
        Assert.Equal((CadenceState.Current, new DateOnly(2027, 11, 28)), (yearly.Reviews[0].State, yearly.Reviews[0].DueOn));
        Assert.True(yearly.PlanControlMet);
        Assert.Contains("The plan says <code>reviewIntervalMonths: 6</code>; it is ignored: the setting Review interval is 12 months.",
            await (await app.SignedInBrowserAsync(AccessRole.Auditor)).GetStringAsync("/organisation", Ct), StringComparison.Ordinal);
    }
}
