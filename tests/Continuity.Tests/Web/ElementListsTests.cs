using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;
using Continuity.Web.Pages.Shared;

namespace Continuity.Tests.Web;

/// <summary>The functions, systems and vendors lists search, filter, sort and page like the other
/// lists, keep their own columns, and never fail on nonsense parameters (on PostgreSQL with the demo plan).</summary>
public abstract class ElementListsTests(ContinuityApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(ElementKind.BusinessFunction, "/functions")]
    [InlineData(ElementKind.System, "/systems")]
    [InlineData(ElementKind.Vendor, "/vendors")]
    public async Task A_search_finds_one_element_and_keeps_the_columns(ElementKind kind, string path)
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        var element = plan.OfKind(kind).OrderBy(e => e.Name, StringComparer.Ordinal).Last();
        using var client = app.CreateClient(AccessRole.Member);

        var html = await GetAsync(client, $"{path}?q={Uri.EscapeDataString(element.Name)}");

        Assert.Contains($"href=\"{path}/{WebUtility.HtmlEncode(element.Name)}\"", html, StringComparison.Ordinal);
        Assert.Contains("Showing 1–", html, StringComparison.Ordinal);
        Assert.Contains("role=\"search\"", html, StringComparison.Ordinal);
        Assert.Contains(kind switch
        {
            ElementKind.BusinessFunction => "achievable",
            ElementKind.System => "Restore time",
            _ => "Contractual RTO",
        }, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_functions_sort_by_gap_and_a_search_without_match_says_so()
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);

        var byGap = await GetAsync(client, "/functions?sort=gap");
        Assert.Contains("RTO ↓", byGap, StringComparison.Ordinal);
        Assert.Contains("href=\"/functions?sort=gap&amp;dir=desc\"", byGap, StringComparison.Ordinal);

        var none = await GetAsync(client, "/systems?q=no-such-system-anywhere");
        Assert.Contains("No systems match these filters.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_continuity_role_assigned_for_several_teams_is_listed_under_each_and_changed_only_by_a_continuity_manager()
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        var (role, teams) = plan.Specs<RoleSpec>()
            .Select(r => (r.Document.Name, Teams: r.Spec.Assignments.Select(a => a.Team?.Name).OfType<string>().Distinct().ToList()))
            .First(r => r.Teams.Count > 1);
        using var member = app.CreateClient(AccessRole.Member);

        foreach (var team in teams)
        {
            var listed = await GetAsync(member, $"/roles?team={Uri.EscapeDataString(team)}");
            Assert.Contains($"href=\"/roles/{role}\"", listed, StringComparison.Ordinal);
        }
        var all = await GetAsync(member, "/roles");
        var row = all[all.IndexOf($"href=\"/roles/{role}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.All(teams, team => Assert.Contains($"href=\"/teams/{team}\"", row, StringComparison.Ordinal));

        // The lead of one of its teams is offered no edit the form would refuse.
        using var lead = app.CreateClient(AccessRole.TeamLead, teams[0]);
        var page = await GetAsync(lead, $"/roles/{role}");
        Assert.DoesNotContain($"href=\"/roles/{role}/edit\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/roles/{role}/edit", Ct)).StatusCode);
        using var manager = app.CreateClient(AccessRole.ContinuityManager);
        Assert.Contains($"href=\"/roles/{role}/edit\"", await GetAsync(manager, $"/roles/{role}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/functions?page=-3&tier=9&sort=%3Cscript%3E&dir=sideways&findings=maybe")]
    [InlineData("/systems?page=99999&team=%3Cb%3E&status=nonsense")]
    [InlineData("/vendors?page=abc&findings=error&sort=gap")]
    public async Task Nonsense_parameters_show_a_page_not_an_error(string path)
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);

        var html = await GetAsync(client, path);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    public static TheoryData<ElementKind, string> SortKeys => new()
    {
        { ElementKind.BusinessFunction, "rto" },
        { ElementKind.BusinessFunction, "rpo" },
        { ElementKind.BusinessFunction, "mtpd" },
        { ElementKind.BusinessFunction, "owner" },
        { ElementKind.System, "rto" },
        { ElementKind.System, "restore" },
        { ElementKind.System, "vendor" },
        { ElementKind.System, "owner" },
        { ElementKind.Vendor, "rto" },
    };

    [Theory]
    [MemberData(nameof(SortKeys))]
    public async Task A_column_sorts_both_ways_with_the_elements_without_a_value_last(ElementKind kind, string sort)
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        var values = plan.OfKind(kind).ToDictionary(d => d.Name, d => SortValue(plan, d, sort), StringComparer.Ordinal);
        Assert.True(values.Values.Where(v => v is not null).Distinct().Count() >= 2, $"the demo plan needs two {sort} values to show an order");
        var path = ElementRoutes.List(kind);
        using var client = app.CreateClient(AccessRole.Member);

        foreach (var descending in new[] { false, true })
        {
            var html = await GetAsync(client, $"{path}?sort={sort}{(descending ? "&dir=desc" : "")}");
            var shown = RowNames(html, path);

            Assert.Equal(values.Count, shown.Count);
            for (var i = 1; i < shown.Count; i++)
            {
                var (before, after) = (values[shown[i - 1]], values[shown[i]]);
                var order = (before, after) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,                          // a missing value comes after any value
                    (_, null) => -1,
                    (int a, int b) => descending ? b.CompareTo(a) : a.CompareTo(b),
                    (string a, string b) => descending ? string.CompareOrdinal(b, a) : string.CompareOrdinal(a, b),
                    _ => throw new InvalidOperationException($"{before} and {after} do not compare"),
                };
                Assert.True(order < 0 || (order == 0 && string.CompareOrdinal(shown[i - 1], shown[i]) < 0),
                    $"{path}?sort={sort}{(descending ? "&dir=desc" : "")}: {shown[i - 1]} ({before ?? "none"}) is listed before {shown[i]} ({after ?? "none"})");
            }
            var link = $"href=\"{path}?sort={sort}{(descending ? "" : "&amp;dir=desc")}\"";
            Assert.Contains(link, html, StringComparison.Ordinal);    // the heading turns the order round
            Assert.Contains($"aria-sort=\"{(descending ? "descending" : "ascending")}\"", html, StringComparison.Ordinal);
        }
    }

    /// <summary>What the list sorts by, from the plan as stored: minutes, or the label of the
    /// person or vendor in lower case; null where the element has none.</summary>
    private static object? SortValue(Plan plan, PlanDocument document, string sort)
    {
        string? LabelOf(ElementKind kind, string? name) => name is null ? null
            : (plan.OfKind(kind).FirstOrDefault(d => d.Name == name)?.Metadata.Title is { Length: > 0 } title ? title : name).ToLowerInvariant();
        return (document.Spec, sort) switch
        {
            (_, "owner") => LabelOf(ElementKind.Person, document.Metadata.Owner?.Name),
            (BusinessFunctionSpec f, "rto") => f.Objectives?.Rto?.Minutes,
            (BusinessFunctionSpec f, "rpo") => f.Objectives?.Rpo?.Minutes,
            (BusinessFunctionSpec f, "mtpd") => f.Objectives?.Mtpd?.Minutes,
            (SystemSpec s, "rto") => s.Objectives?.Rto?.Minutes,
            (SystemSpec s, "vendor") => LabelOf(ElementKind.Vendor, s.Vendor?.Name),
            (SystemSpec { Restore.ByVendor: true } s, "restore") =>
                plan.Specs<VendorSpec>().FirstOrDefault(v => v.Document.Name == s.Vendor?.Name).Spec?.ContractualRto?.Minutes,
            (SystemSpec s, "restore") => (s.Restore?.Measured ?? s.Restore?.Estimated)?.Minutes,
            (VendorSpec v, "rto") => v.ContractualRto?.Minutes,
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "no such sort in this test"),
        };
    }

    private static List<string> RowNames(string html, string path) =>
        [.. Regex.Matches(html, $"<th scope=\"row\" class=\"primary\"><a href=\"{Regex.Escape(path)}/([^\"]+)\"")
            .Select(m => Uri.UnescapeDataString(WebUtility.HtmlDecode(m.Groups[1].Value)))];

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}


public sealed class SqliteElementListsTests(DemoApp app) : ElementListsTests(app), IClassFixture<DemoApp>;

public sealed class PostgresElementListsTests(PostgresDemoApp app) : ElementListsTests(app), IClassFixture<PostgresDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}
