using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>A function whose <c>dependsOn</c> holds two redundancy groups one after the other
/// (<c>anyOf: [a, b]</c> then <c>anyOf: [c, d]</c>): its page, read from the plan catalog of the
/// stored plan, shows two groups of two, never one group of four.</summary>
public sealed class RedundancyGroupsPageTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_adjacent_redundancy_groups_stay_two_groups_on_the_page()
    {
        using var api = app.CreateClient(AccessRole.ContinuityManager);
        var document = JsonNode.Parse(await api.GetStringAsync("/api/v1/functions/license-validation", Ct))!;
        document["metadata"]!["name"] = "two-redundancy-groups";
        document["spec"]!["objectives"]!.AsObject().Remove("approved");
        document["spec"]!["dependsOn"] = JsonNode.Parse("""
            [
              {"anyOf": ["system:license-api", "system:license-db"]},
              {"anyOf": ["vendor:aws", "vendor:cloudflare"]}
            ]
            """);
        using var content = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json");
        using var created = await api.PostAsync("/api/v1/functions", content, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));

        using var browser = app.CreateClient(AccessRole.Member);
        var html = await browser.GetStringAsync("/functions/two-redundancy-groups", Ct);

        var groups = Regex.Matches(html, "<ul class=\"any-of__members\">(.*?)</ul>", RegexOptions.Singleline)
            .Select(m => Regex.Matches(m.Groups[1].Value, "href=\"(/[a-z-]+/[a-z0-9-]+)\"").Select(l => l.Groups[1].Value).ToList())
            .ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(["/systems/license-api", "/systems/license-db"], groups[0]);
        Assert.Equal(["/vendors/aws", "/vendors/cloudflare"], groups[1]);
    }
}
