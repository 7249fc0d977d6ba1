using System.Net;
using Continuity.Accounts;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>No N+1 queries: the main pages run a fixed number of SQL commands, however many
/// functions, systems, vendors and dependencies the plan has. The tests import generated plans
/// of very different sizes into their own app and count the commands of each page.</summary>
public sealed class PageQueryTests(ContinuityApp app) : IClassFixture<ContinuityApp>
{
    private static readonly GenerationOptions Small = new()
    {
        Seed = 7,
        Functions = 2,
        Systems = 4,
        Vendors = 2,
        Sites = 2,
        People = 4,
        Teams = 2,
        Dependencies = 6,
        Risks = 1,
        Scenarios = 1,
        Procedures = 1,
    };

    private static readonly GenerationOptions Large = new()
    {
        Seed = 7,
        Functions = 60,
        Systems = 240,
        Vendors = 30,
        Sites = 8,
        People = 80,
        Teams = 10,
        Dependencies = 900,
        Risks = 10,
        Scenarios = 4,
        Procedures = 4,
    };

    /// <summary>Reading the plan for the analysis: the snapshot's projection queries, a query per
    /// table for the documents (all but the dependencies, which the snapshot holds), the dependency
    /// edges for the catalog (one projection), the signed approvals of objectives laid over the
    /// functions, and a version probe after it.</summary>
    private const int AnalysisQueries = 10 + 18 + 1 + 1 + 1;

    private readonly HttpClient _client = app.CreateClient(AccessRole.Member);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_overview_runs_the_same_queries_for_a_small_and_a_large_plan()
    {
        await ImportAsync(Small);
        var small = await CountCommandsAsync("/");
        await ImportAsync(Large);
        var large = await CountCommandsAsync("/");

        Assert.Equal(small, large);
        Assert.InRange(large, 1, 9);                                                 // +1 in each: the signed-in user's access; +3 the control status (+2 once a version is approved and published)
    }

    [Theory]
    [InlineData("/functions")]
    [InlineData("/systems")]
    [InlineData("/vendors")]
    public async Task A_list_runs_the_same_queries_for_a_small_and_a_large_plan(string path)
    {
        await ImportAsync(Small);
        var small = await CountCommandsAsync(path);
        await ImportAsync(Large);
        var large = await CountCommandsAsync(path);

        Assert.Equal(small, large);
        Assert.InRange(large, 1, 5);
    }

    [Fact]
    public async Task A_function_page_runs_the_same_queries_for_few_and_many_dependencies()
    {
        var plan = await ImportAsync(Large);
        var functions = plan.Specs<BusinessFunctionSpec>()
            .Select(f => (f.Document.Name, Edges: Edges(f.Spec.DependsOn)))
            .OrderBy(f => f.Edges).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        Assert.True(functions[^1].Edges >= functions[0].Edges + 3, "the generated plan should vary the dependencies");

        var fewest = await CountCommandsAsync($"/functions/{functions[0].Name}");
        var most = await CountCommandsAsync($"/functions/{functions[^1].Name}");

        Assert.Equal(fewest, most);
        Assert.InRange(most, 1, 10);
    }

    [Fact]
    public async Task A_system_page_runs_the_same_queries_for_few_and_many_dependencies()
    {
        var plan = await ImportAsync(Large);
        var dependents = plan.Documents
            .Select(d => d.Spec switch
            {
                BusinessFunctionSpec f => f.DependsOn,
                SystemSpec s => s.DependsOn,
                VendorSpec v => v.DependsOn,
                _ => [],
            })
            .SelectMany(list => list.SelectMany(d => d.On is { } on ? [on] : d.AnyOf))
            .Where(r => r.Kind == ElementKind.System)
            .CountBy(r => r.Name)
            .ToDictionary();
        var systems = plan.Specs<SystemSpec>()
            .Select(s => (s.Document.Name, Edges: Edges(s.Spec.DependsOn) + dependents.GetValueOrDefault(s.Document.Name)))
            .OrderBy(s => s.Edges).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        Assert.True(systems[^1].Edges >= systems[0].Edges + 3, "the generated plan should vary the dependencies");

        var fewest = await CountCommandsAsync($"/systems/{systems[0].Name}");
        var most = await CountCommandsAsync($"/systems/{systems[^1].Name}");

        Assert.Equal(fewest, most);
        Assert.InRange(most, 1, 10);
    }

    private static int Edges(List<DependencySpec> dependsOn) => dependsOn.Sum(d => d.On is null ? d.AnyOf.Count : 1);

    private async Task<Plan> ImportAsync(GenerationOptions options)
    {
        var plan = SyntheticOrganisation.Generate(options);
        await app.QueryAsync(db => PlanImport.ApplyAsync(db, plan, app.Clock, dryRun: false, Ct));
        return plan;
    }

    /// <summary>The commands of one request once the analysis of the current data is cached. The
    /// first request after a change also reads the whole plan for the analysis — one query per
    /// table, so a fixed number too, which the tests check as well.</summary>
    private async Task<int> CountCommandsAsync(string path)
    {
        var first = await CountRequestAsync(path);
        var cached = await CountRequestAsync(path);
        Assert.InRange(first - cached, 0, AnalysisQueries);
        return cached;
    }

    private async Task<int> CountRequestAsync(string path)
    {
        (await _client.GetAsync("/healthz", Ct)).EnsureSuccessStatusCode();         // signed in before counting
        return await CountSignedInRequestAsync(path);
    }

    private async Task<int> CountSignedInRequestAsync(string path) => await app.SqlCommands.CountAsync(async () =>
    {
        var response = await _client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    });
}
