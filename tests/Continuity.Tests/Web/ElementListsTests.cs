using System.Net;
using Continuity.Accounts;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;

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
            ElementKind.System => "Est. restore",
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
