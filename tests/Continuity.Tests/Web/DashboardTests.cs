using System.Net;
using System.Text;
using Continuity.Accounts;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The dashboard over the demo organisation (examples/illumidesk/README.md, judged on
/// 2026-11-28): the findings by severity, the governance findings near the top, the widest
/// recovery gaps as a chart with a table, single points of failure, what is due, recent changes
/// for those who may read the audit log, and the footer's honest plan state.</summary>
public sealed class DashboardTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_findings_are_counted_by_severity_and_each_count_leads_to_the_checks()
    {
        var html = await GetPageAsync(AccessRole.Member);

        Assert.Contains("<h1>IllumiDesk, Inc.</h1>", html);
        Assert.Contains("<a href=\"/checks?severity=error\"><span class=\"severity-count__value\">11</span> errors</a>", html);
        Assert.Contains("<a href=\"/checks?severity=warning\"><span class=\"severity-count__value\">14</span> warnings</a>", html);
        Assert.Contains("<a href=\"/checks?severity=info\"><span class=\"severity-count__value\">2</span> information</a>", html);
        Assert.Contains("<a href=\"/checks?waived=yes\">12 findings waived</a>", html);
        Assert.Contains("2 functions cannot meet their RTO in the worst case", html);
    }

    [Fact]
    public async Task Before_any_submission_the_dashboard_says_how_to_freeze_the_plan()
    {
        var html = await GetPageAsync(AccessRole.Member);

        Assert.Contains("No version submitted yet", html);
        Assert.Contains("href=\"/plan/versions\"", html);
    }

    [Fact]
    public async Task Contacts_to_verify_are_the_active_people_verified_longest_ago_never_first()
    {
        // Judged on 2026-11-28: due once the last verification is eleven months old (30 days before CT306).
        var dueBefore = new DateOnly(2026, 11, 28).AddMonths(-12).AddDays(30);
        var due = Continuity.Tests.Catalog.DemoCatalog.Plan.Specs<Continuity.PlanFiles.PersonSpec>()
            .Where(p => p.Spec.Active && (p.Spec.ContactVerified is null || p.Spec.ContactVerified < dueBefore))
            .OrderBy(p => p.Spec.ContactVerified ?? DateOnly.MinValue).ThenBy(p => p.Document.Name, StringComparer.Ordinal)
            .Select(p => p.Document.Name).ToList();
        Assert.NotEmpty(due);
        string[] reported = [.. Continuity.Tests.Catalog.DemoCatalog.Result.Findings.Where(f => f.CheckId == "CT306").Select(f => f.ElementId.Split(':')[1])];

        var html = await GetPageAsync(AccessRole.Member);

        var section = html[html.IndexOf("Contact details to verify", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("<h3>", StringComparison.Ordinal)];
        Assert.Contains($"Contact details to verify <span class=\"count\">{due.Count}</span>", section);
        string[] listed = [.. System.Text.RegularExpressions.Regex.Matches(section, "href=\"/people/([^\"]+)\"").Select(m => m.Groups[1].Value)];
        Assert.Equal(due.Take(10), listed);
        Assert.Subset(due.ToHashSet(), reported.ToHashSet());                   // everyone CT306 reports is due
    }

    [Fact]
    public async Task Findings_about_the_plan_itself_are_shown_near_the_top_with_their_real_severity()
    {
        var html = await GetPageAsync(AccessRole.Member);

        var governance = Section(html, "governance-title", "objectives-title");
        Assert.Contains("CT601", governance);
        Assert.Contains("Plan review overdue", governance);
        Assert.Contains("CT605", governance);
        Assert.Contains("No continuity exercise in the last 12 months", governance);
        Assert.Contains(">Information</span>", governance);                           // as the catalogue rates them
        Assert.True(html.IndexOf("governance-title", StringComparison.Ordinal) < html.IndexOf("spof-title", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_widest_rto_gaps_are_a_chart_with_a_title_a_description_and_a_table()
    {
        var html = await GetPageAsync(AccessRole.Member);

        var objectives = Section(html, "objectives-title", "spof-title");
        Assert.Contains("href=\"/functions?sort=gap\"", objectives);
        Assert.Contains("<svg class=\"gap-chart\"", objectives);
        Assert.Contains("role=\"img\" aria-labelledby=\"rto-chart-title rto-chart-desc\"", objectives);
        Assert.Contains("<title id=\"rto-chart-title\">RTO target against achievable recovery time", objectives);
        Assert.Contains("License validation for self-hosted installations: target 2h, achievable at least 6h 35m", objectives);
        Assert.Contains("href=\"/functions/license-validation\"", objectives);               // the table alternative
        Assert.Contains("href=\"/functions/customer-support\"", objectives);
        Assert.DoesNotContain("href=\"/functions/course-delivery\"", objectives);            // it meets its RTO
        Assert.True(                                                                         // the widest gap first: 21h 30m late, then 4h 35m
            objectives.IndexOf("/functions/customer-support", StringComparison.Ordinal) < objectives.IndexOf("/functions/license-validation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Single_points_of_failure_and_what_is_due_link_to_their_elements()
    {
        var html = await GetPageAsync(AccessRole.Member);

        var spof = Section(html, "spof-title", "due-title");
        Assert.Contains("href=\"/sites/aws-eu-west-1\"", spof);
        Assert.Contains("lms-integration → lti-service → aws-eu-west-1", spof);
        var due = Section(html, "due-title", "counts-title");
        Assert.Contains("never approved", due);
        Assert.Contains("Every 6 months", due);
        Assert.Matches("href=\"/people/fatima-zahra\"[^<]*</a>\\s*<span class=\"badge status-bad\">overdue</span>\\s*<span class=\"muted\">verified 10 Jun 2025", due);
        Assert.Contains("No waiver has expired or ends within 30 days.", due);
    }

    [Fact]
    public async Task Every_kind_is_counted_with_a_link_to_its_list()
    {
        var html = await GetPageAsync(AccessRole.Member);

        var counts = html[html.IndexOf("counts-title", StringComparison.Ordinal)..];
        foreach (var path in new[] { "functions", "systems", "vendors", "sites", "teams", "people", "roles", "risks", "scenarios", "procedures", "communication-plans", "backup-policies", "dependencies" })
        {
            Assert.Contains($"<a href=\"/{path}\"><span class=\"stat__value\">", counts);
        }
    }

    [Fact]
    public async Task Recent_changes_are_shown_only_to_those_who_may_read_the_audit_log()
    {
        var manager = await GetPageAsync(AccessRole.ContinuityManager);
        var member = await GetPageAsync(AccessRole.Member);

        var changes = Section(manager, "changes-title", "counts-title");
        Assert.Contains("href=\"/audit\"", changes);
        Assert.Contains("Recent changes", changes);
        Assert.DoesNotContain("changes-title", member);
    }

    [Fact]
    public async Task The_footer_states_the_plan_revision_and_that_no_approval_is_recorded_and_the_control_status_claims_nothing_unproven()
    {
        var html = await GetPageAsync(AccessRole.Member);

        var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
        Assert.Matches("Plan revision <span class=\"mono\">[1-9][0-9]*</span>", footer);
        Assert.Contains("No approval recorded", footer);
        Assert.Matches("<span class=\"badge status-bad\">Not met</span> <a href=\"/control#BC.1.01\">", html);
        Assert.DoesNotContain("reviewed, approved and communicated", html);
        Assert.Matches("<meta name=\"continuity:revision\" content=\"[1-9][0-9]*\">", html);
        Assert.Contains("<meta name=\"continuity:organisation\" content=\"IllumiDesk, Inc.\">", html);
        Assert.Contains("<meta name=\"continuity:printed\" content=\"2026-11-28\">", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/functions")]
    [InlineData("/functions/license-validation")]
    [InlineData("/systems/license-db")]
    [InlineData("/vendors/zendesk")]
    public async Task Pages_never_speak_of_the_demos_deliberate_weaknesses(string path)
    {
        using var client = app.CreateClient(AccessRole.Member);
        var html = await client.GetStringAsync(path, Ct);

        Assert.DoesNotContain("deliberate", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("weakness", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Concurrent_dashboards_of_one_revision_share_one_summary_and_agree()
    {
        // The summary is derived once per analysis result and shared: 100 requests at once read it
        // while it may be being built, and every page must be the same (but for the sign-out
        // form's antiforgery token and the audit's relative times, which are not in the summary).
        using var client = app.CreateClient(AccessRole.Member);
        var pages = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.GetStringAsync("/", Ct)));

        var first = pages[0];
        Assert.Contains("2 functions cannot meet their RTO in the worst case", first);
        Assert.Single(pages.Select(html => System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\"[^>]*>", "")).Distinct());
    }

    private static string Section(string html, string fromId, string toId)
    {
        var from = html.IndexOf($"id=\"{fromId}\"", StringComparison.Ordinal);
        var to = html.IndexOf($"id=\"{toId}\"", StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"the dashboard should have #{fromId} before #{toId}");
        return html[from..to];
    }

    private async Task<string> GetPageAsync(AccessRole role)
    {
        using var client = app.CreateClient(role);
        var response = await client.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET / answered {(int)response.StatusCode}:\n{html}");
        Assert.True(Encoding.UTF8.GetByteCount(html) < 100_000);
        return html;
    }
}
