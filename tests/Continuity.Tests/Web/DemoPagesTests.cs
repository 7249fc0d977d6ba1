using System.Net;
using Continuity.Accounts;
using Continuity.Impact;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The pages over the demo organisation (IllumiDesk), loaded on start as by
/// <c>continuity serve --demo</c>. The pages only read, so the tests share one app.</summary>
public sealed class DemoPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private readonly HttpClient _client = app.CreateClient(AccessRole.Member);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_function_page_shows_its_objectives_impact_and_dependencies()
    {
        var html = await GetPageAsync("/functions/course-delivery");

        Assert.Contains("<h1>Course delivery</h1>", html);
        Assert.Contains("<span class=\"objective__value\">4h</span>", html);          // RTO
        Assert.Contains("<span class=\"objective__value\">2h</span>", html);          // RPO
        Assert.Contains("<span class=\"objective__value\">1d</span>", html);          // MTPD
        Assert.Contains(">Recorded in a file<", html);                                // the demo's approval is written in its files
        Assert.Contains("not signed in Continuity", html);
        Assert.Contains("href=\"/systems/platform-web\"", html);                      // a direct dependency
        Assert.Contains("Any one of", html);                                          // anyOf: [auth0-tenant, login-fallback]
        Assert.Contains("href=\"/systems/login-fallback\"", html);
        Assert.Contains("class=\"rating r5 intolerable\"", html);                     // the BIA grid is coloured
        Assert.Contains("60,000", html);                                              // financial loss at 1d
    }

    [Fact]
    public async Task The_functions_table_puts_the_achievable_recovery_next_to_the_target()
    {
        var html = await GetPageAsync("/functions");

        // license-validation: aws-network 25m, then license-db 6h, then license-api 10m = 6h 35m against 2h.
        // AWS states no contractual RTO: the times through it are lower bounds, and say so.
        Assert.Matches("title=\"4h 35m later than the RTO of 2h. Something on its critical chain has no restore estimate and counts as instant, so it may be later.\"><span class=\"achievable__mark\" aria-hidden=\"true\">✗</span> at least 6h 35m", html);
        // course-delivery: aws-network 25m, platform-db 1h 45m, platform-api 12m, jupyterhub 20m = 2h 42m against 4h.
        Assert.Matches("title=\"Meets the RTO of 4h.[^\"]*\"><span class=\"achievable__mark\" aria-hidden=\"true\">✓</span> at least 2h 42m", html);
        // customer-support waits for Zendesk's contractual 1d, then support-desk's 1h 30m.
        Assert.Contains("✗</span> 1d 1h 30m", html);
    }

    [Fact]
    public async Task A_function_page_shows_its_critical_path_single_points_of_failure_and_findings()
    {
        var html = await GetPageAsync("/functions/license-validation");

        Assert.Contains("Critical path", html);
        var path = html[html.IndexOf("id=\"critical-path-title\"", StringComparison.Ordinal)..html.IndexOf("id=\"spof-title\"", StringComparison.Ordinal)];
        string[] chain = ["/vendors/aws", "/systems/aws-network", "/systems/license-db", "/systems/license-api", "/functions/license-validation"];
        var positions = chain.Select(href => path.IndexOf($"href=\"{href}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, position => Assert.True(position >= 0));
        Assert.Equal(positions.Order(), positions);                                   // first restore first
        Assert.Contains(">6h 35m<", path);
        var spof = html[html.IndexOf("id=\"spof-title\"", StringComparison.Ordinal)..];
        Assert.Matches("href=\"/systems/license-db\"[\\s\\S]*?6h[\\s\\S]*?Misses the RTO", spof);
        Assert.Contains("CT201", spof);                                                // the function's own findings
    }

    [Fact]
    public async Task A_function_that_meets_its_objectives_shows_what_alone_could_still_take_it_down()
    {
        var html = await GetPageAsync("/functions/course-delivery");

        Assert.Contains("✓</span> at least 2h 42m", html);
        var spof = html[html.IndexOf("id=\"spof-title\"", StringComparison.Ordinal)..html.IndexOf("id=\"function-findings-title\"", StringComparison.Ordinal)];
        Assert.Matches("href=\"/vendors/aws\"[\\s\\S]*?No known recovery time", spof);   // no contractual RTO
        Assert.Matches("href=\"/systems/platform-db\"[\\s\\S]*?Back within the RTO", spof);
        Assert.DoesNotContain("href=\"/systems/eks-eu-west-1\"", spof);                      // one of two clusters
        Assert.Contains("The plan checks found nothing about this function.", html);
    }

    [Fact]
    public async Task A_function_whose_objectives_changed_after_approval_says_so()
    {
        var html = await GetPageAsync("/functions/auto-grading");

        Assert.Contains("Changed since approval", html);
        Assert.Contains("Approved at the 2026 BIA review.", html);
    }

    [Fact]
    public async Task A_system_page_shows_its_recovery_data_dependents_and_backup_policies()
    {
        var html = await GetPageAsync("/systems/platform-db");

        Assert.Contains("Platform database (RDS for PostgreSQL)", html);
        Assert.Contains("Platform database backups", html);
        Assert.Contains("Depended on by", html);
        Assert.Contains("href=\"/systems/", html);
        Assert.Contains("href=\"/vendors/aws\"", html);
    }

    [Fact]
    public async Task A_vendor_page_shows_its_contract_and_emergency_contacts()
    {
        var html = await GetPageAsync("/vendors/aws");

        Assert.Contains("<h1>Amazon Web Services</h1>", html);
        Assert.Contains("AWS Enterprise Support", html);
        var supplies = html[html.IndexOf("id=\"supplies-title\"", StringComparison.Ordinal)..];
        supplies = supplies[..supplies.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Systems it supplies <span class=\"count\">8</span>", supplies);   // eight systems name vendor: aws
        Assert.Contains("href=\"/systems/platform-db\"", supplies);
        Assert.DoesNotContain("more:", supplies);                                      // all eight shown (25 at most)
    }

    [Fact]
    public async Task The_functions_list_filters_by_approval_as_the_checks_judge_it()
    {
        // CT105 (objectives changed since approval) and the list's approval column answer one question.
        string[] changed = [.. Continuity.Tests.Catalog.DemoCatalog.Result.Findings
            .Where(f => f.CheckId == "CT105").Select(f => f.ElementId.Split(':')[1]).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(changed);

        var html = await GetPageAsync("/functions?status=changed+since+approval");

        Assert.Contains($"Business functions <span class=\"count\">", html);
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        string[] listed = [.. System.Text.RegularExpressions.Regex.Matches(body, "<th scope=\"row\" class=\"primary\"><a href=\"/functions/([^\"]+)\"")
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];
        Assert.Equal(changed, listed);
        Assert.Equal(changed.Length, System.Text.RegularExpressions.Regex.Count(body, ">Changed since approval<"));
    }

    [Fact]
    public async Task A_vendor_or_site_page_names_the_functions_its_failure_alone_takes_down_as_spof_does()
    {
        // The spof report over every tier answers the same question for vendors and sites.
        var report = SinglePoints.Find(Continuity.Tests.Catalog.DemoCatalog.Result.Snapshot, criticalTier: 4);
        var aws = report.Vendors.Single(v => v.Id == "vendor:aws");
        Assert.True(aws.TakenDown.Count > 1);                                          // the demo relies on AWS alone

        foreach (var concentration in report.Vendors.Concat(report.Sites))
        {
            var (kind, name) = (concentration.Id.Split(':')[0], concentration.Id.Split(':')[1]);
            var html = await GetPageAsync($"/{kind}s/{name}");
            var alone = html[html.IndexOf("id=\"alone-title\"", StringComparison.Ordinal)..];
            alone = alone[..alone.IndexOf("</section>", StringComparison.Ordinal)];
            Assert.Contains($"Single point of failure for <span class=\"count\">{concentration.TakenDown.Count}</span>", alone);
            foreach (var function in concentration.TakenDown)
            {
                Assert.Contains($"href=\"/functions/{function.Split(':')[1]}\"", alone);
            }
        }
    }

    [Theory]
    [InlineData("/functions", "href=\"/functions/course-delivery\"")]
    [InlineData("/systems", "href=\"/systems/platform-db\"")]
    [InlineData("/vendors", "href=\"/vendors/cloudflare\"")]
    public async Task The_lists_link_to_every_element(string path, string link)
    {
        var html = await GetPageAsync(path);

        Assert.Contains(link, html);
    }

    [Theory]
    [InlineData("/functions/no-such-function")]
    [InlineData("/systems/no-such-system")]
    [InlineData("/vendors/no-such-vendor")]
    [InlineData("/no/such/page")]
    public async Task An_unknown_address_is_a_friendly_404_page(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", html);
        Assert.Contains("href=\"/\"", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain(" at Continuity.", html);
    }

    [Fact]
    public async Task The_health_check_answers_ok()
    {
        var response = await _client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_stylesheet_is_served_from_the_program()
    {
        var response = await _client.GetAsync("/assets/site.css", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Concurrent_loads_of_a_function_page_list_each_single_point_of_failure_once()
    {
        // The analysis is shared between requests; each page walks its failure sets at once.
        var pages = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => GetPageAsync("/functions/course-delivery")));

        foreach (var html in pages)
        {
            var spof = html[html.IndexOf("id=\"spof-title\"", StringComparison.Ordinal)..html.IndexOf("id=\"function-findings-title\"", StringComparison.Ordinal)];
            var links = System.Text.RegularExpressions.Regex.Matches(spof, "href=\"(/[a-z]+/[a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(links);
            Assert.Equal(links.Distinct().Count(), links.Count);
        }
        // Pages differ only in the antiforgery token of the sign-out form.
        Assert.Single(pages.Select(html => System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\"[^>]*>", "")).Distinct());
    }

    [Fact]
    public async Task An_achievable_time_that_counts_a_missing_estimate_says_it_is_a_lower_bound()
    {
        // AWS has no contractual RTO in the demo, so every time through it counts it as instant.
        var html = await GetPageAsync("/functions/course-delivery");

        Assert.Contains("at least ", html);
        Assert.Contains("has no restore estimate and counts as instant", html);
    }

    private async Task<string> GetPageAsync(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}:\n{html}");
        return html;
    }
}
