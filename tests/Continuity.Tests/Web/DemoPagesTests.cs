using System.Net;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The pages over the demo organisation (IllumiDesk), loaded on start as by
/// <c>continuity serve --demo</c>. The pages only read, so the tests share one app.</summary>
public sealed class DemoPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_overview_shows_the_organisation_the_services_in_scope_and_the_functions()
    {
        var html = await GetPageAsync("/");

        Assert.Contains("<h1>IllumiDesk, Inc.</h1>", html);
        Assert.Contains("Marketing site", html);
        Assert.Contains("Hosted customer platform", html);
        Assert.Contains("License service", html);
        Assert.Contains("href=\"/functions/course-delivery\"", html);
        Assert.Contains("Course delivery", html);
        Assert.Contains("href=\"/systems/platform-db\"", html);
        Assert.Contains("href=\"/vendors/aws\"", html);
        Assert.Contains("every 6 months", html);
    }

    [Fact]
    public async Task A_function_page_shows_its_objectives_impact_and_dependencies()
    {
        var html = await GetPageAsync("/functions/course-delivery");

        Assert.Contains("<h1>Course delivery</h1>", html);
        Assert.Contains("<span class=\"objective__value\">4h</span>", html);          // RTO
        Assert.Contains("<span class=\"objective__value\">2h</span>", html);          // RPO
        Assert.Contains("<span class=\"objective__value\">1d</span>", html);          // MTPD
        Assert.Contains(">Approved<", html);
        Assert.Contains("href=\"/systems/platform-web\"", html);                      // a direct dependency
        Assert.Contains("Any one of", html);                                          // anyOf: [auth0-tenant, login-fallback]
        Assert.Contains("href=\"/systems/login-fallback\"", html);
        Assert.Contains("class=\"rating r5 intolerable\"", html);                     // the BIA grid is coloured
        Assert.Contains("60,000", html);                                              // financial loss at 1d
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
        Assert.Contains("href=\"/systems/platform-db\"", html);                       // a system it supplies
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

    private async Task<string> GetPageAsync(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}:\n{html}");
        return html;
    }
}
