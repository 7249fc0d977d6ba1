using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The plan's versions in the browser (ADR 010) over the demo organisation: submitting,
/// the version page with its hash and changes, and who may submit what. The fixture is this class's
/// own: the tests submit versions.</summary>
public sealed class VersionPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> PageAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"GET {path} answered {(int)response.StatusCode}:\n{html}");
        return html;
    }

    [Fact]
    public async Task A_continuity_manager_submits_the_consolidated_plan_and_reads_its_frozen_hash()
    {
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var empty = await PageAsync(manager, "/plan/versions?scope=organisation");
        Assert.Contains("No version yet.", empty, StringComparison.Ordinal);
        Assert.Contains("<option value=\"organisation\"", empty, StringComparison.Ordinal);

        using var submitted = await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit",
            new() { ["SubmitScope"] = "organisation", ["Note"] = "For the December review <b>board</b>" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/plan/versions/organisation/1", submitted.Headers.Location?.OriginalString);

        var page = await PageAsync(manager, "/plan/versions/organisation/1");
        Assert.Contains("<h1>organisation@1</h1>", page, StringComparison.Ordinal);
        Assert.Contains("✓ matches its snapshot", page, StringComparison.Ordinal);
        Assert.Contains("Pending approval", page, StringComparison.Ordinal);
        Assert.Contains("For the December review &lt;b&gt;board&lt;/b&gt;", page, StringComparison.Ordinal);   // escaped
        Assert.Contains("The first version of this plan", page, StringComparison.Ordinal);
        Assert.Contains("No changes between organisation@1 and the plan as it is now.", await PageAsync(manager, "/plan/versions/organisation/1?against=draft"), StringComparison.Ordinal);
        Assert.Matches("class=\"mono\">[0-9a-f]{64}<", page);

        var dashboard = await PageAsync(manager, "/");
        Assert.Contains("href=\"/plan/versions/organisation/1\">organisation@1</a>", dashboard, StringComparison.Ordinal);

        using var again = await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "organisation" });
        var refused = await again.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("there is nothing new to submit", refused, StringComparison.Ordinal);

        var list = await PageAsync(await app.SignedInBrowserAsync(AccessRole.Auditor), "/plan/versions");
        Assert.Contains("href=\"/plan/versions/organisation/1\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Submit a plan for approval", list, StringComparison.Ordinal);     // an auditor changes nothing
    }

    [Fact]
    public async Task A_team_lead_submits_only_their_team_plan()
    {
        var lead = await app.SignedInBrowserAsync(AccessRole.TeamLead, "infrastructure");
        var page = await PageAsync(lead, "/plan/versions");
        var form = page[page.IndexOf("action=\"/plan/versions/submit\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        Assert.Contains("<option value=\"team:infrastructure\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"organisation\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"team:licensing\"", form, StringComparison.Ordinal);

        using var other = await ContinuityApp.PostFormAsync(lead, "/plan/versions/submit", new() { ["SubmitScope"] = "organisation" });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var own = await ContinuityApp.PostFormAsync(lead, "/plan/versions/submit", new() { ["SubmitScope"] = "team:infrastructure" });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.StartsWith("/plan/versions/team%3Ainfrastructure/", own.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Version of the team plan of infrastructure", await PageAsync(lead, own.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var member = await app.SignedInBrowserAsync(AccessRole.Member);
        Assert.DoesNotContain("Submit a plan for approval", await PageAsync(member, "/plan/versions"), StringComparison.Ordinal);
        using var refused = await member.PostAsync("/plan/versions/submit", new FormUrlEncodedContent(new Dictionary<string, string> { ["SubmitScope"] = "organisation" }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await PageAsync(member, "/plan/versions/organisation/999", HttpStatusCode.NotFound);
        await PageAsync(member, "/plan/versions/nonsense/1", HttpStatusCode.NotFound);
    }
}
