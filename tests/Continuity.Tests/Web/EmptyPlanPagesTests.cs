using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The pages of a fresh database into which no plan was ever imported.</summary>
public sealed class EmptyPlanPagesTests(ContinuityApp app) : IClassFixture<ContinuityApp>
{
    private readonly HttpClient _client = app.CreateClient(AccessRole.Member);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_overview_of_an_empty_database_explains_how_to_load_a_plan()
    {
        var response = await _client.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No continuity plan loaded yet", html);
        Assert.Contains("continuity import PATH", html);
        Assert.Contains("continuity serve --demo", html);
    }

    [Theory]
    [InlineData("/functions", "The plan has no business functions yet.")]
    [InlineData("/systems", "The plan has no systems yet.")]
    [InlineData("/vendors", "The plan has no vendors yet.")]
    public async Task The_lists_of_an_empty_database_say_they_are_empty(string path, string note)
    {
        var response = await _client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(note, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_database_is_the_file_the_test_configured()
    {
        (await _client.GetAsync("/healthz", Ct)).EnsureSuccessStatusCode();

        Assert.True(File.Exists(app.DatabasePath), $"expected the app to use {app.DatabasePath}");
    }
}
