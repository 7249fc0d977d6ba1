using System.Net;
using System.Text;
using Continuity.Accounts;
using Continuity.Generation;
using Continuity.Store;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The dashboard stays small and cheap for the generated large organisation (2,000
/// functions, 10,000 systems, 50,000 dependencies): counts, the ten worst and links, never a
/// row per element; the same queries as for a small plan.</summary>
public sealed class DashboardAtScaleTests(ContinuityApp app) : IClassFixture<ContinuityApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_of_the_large_organisation_is_under_100_kb_and_runs_as_many_queries_as_for_a_small_one()
    {
        using var client = app.CreateClient(AccessRole.ContinuityManager);          // sees the recent changes too
        await ImportAsync(new GenerationOptions { Seed = 3, Functions = 3, Systems = 6, Vendors = 2, Sites = 2, People = 4, Teams = 2, Risks = 1, Scenarios = 1, Procedures = 1 });
        var (_, small) = await GetAsync(client);

        await ImportAsync(GenerationOptions.Large);
        var (html, large) = await GetAsync(client);

        var size = Encoding.UTF8.GetByteCount(html);
        Assert.True(size < 100_000, $"The dashboard of 2,000 functions is {size:N0} bytes.");
        Assert.Contains("<span class=\"stat__value\">2000</span><span class=\"stat__label\">Business functions</span>", html);
        Assert.Equal(small, large);
        Assert.InRange(large, 1, 10);          // three are the control status: settings, decided versions, signed objectives (+2 once a version is approved and published)
    }

    private async Task ImportAsync(GenerationOptions options)
    {
        var plan = SyntheticOrganisation.Generate(options);
        await app.QueryAsync(db => PlanImport.ApplyAsync(db, plan, app.Clock, dryRun: false, Ct));
    }

    /// <summary>The page once its analysis is cached, and the SQL commands that request ran.</summary>
    private async Task<(string Html, int Commands)> GetAsync(HttpClient client)
    {
        (await client.GetAsync("/", Ct)).EnsureSuccessStatusCode();                 // signs in and caches the analysis
        var html = "";
        var commands = await app.SqlCommands.CountAsync(async () =>
        {
            var response = await client.GetAsync("/", Ct);
            html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        return (html, commands);
    }
}
