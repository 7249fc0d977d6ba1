using System.Net;
using System.Text;
using Continuity.Accounts;
using Continuity.Catalog;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;
using Continuity.Web.Pages.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Web;

/// <summary>Every list page, and the detail pages of the most referenced system and of the
/// function with the most dependencies, stay under 500 KB of HTML for the generated large
/// organisation (2,000 functions, 10,000 systems) and, once the analysis is cached, run as many
/// SQL commands as for a small plan.</summary>
public sealed class ListPagesAtScaleTests(ContinuityApp app) : IClassFixture<ContinuityApp>
{
    private const int MaxBytes = 500_000;

    /// <summary>A detail page pages every group of relationships (25 to a group), so the busiest
    /// one stays far below the list limit however many elements refer to it.</summary>
    private const int MaxDetailBytes = 150_000;

    private static readonly string[] Lists =
    [
        "/functions", "/functions?sort=gap", "/systems", "/systems?sort=findings&page=3", "/vendors", "/sites", "/teams", "/people",
        "/roles", "/risks", "/scenarios", "/procedures", "/communication-plans", "/backup-policies", "/dependencies", "/checks", "/waivers",
        "/functions?sort=mtpd&dir=desc", "/systems?sort=restore", "/systems?sort=owner&dir=desc", "/vendors?sort=rto", "/checks?severity=warning&page=2",
    ];

    private static readonly GenerationOptions Small = new()
    {
        Seed = 3,
        Functions = 3,
        Systems = 6,
        Vendors = 2,
        Sites = 2,
        People = 4,
        Teams = 2,
        Dependencies = 8,
        Risks = 1,
        Scenarios = 1,
        Procedures = 1,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_list_and_the_busiest_detail_pages_stay_small_and_run_as_many_queries_for_2000_functions_as_for_3()
    {
        using var client = app.CreateClient(AccessRole.ContinuityManager);
        var smallPlan = await ImportAsync(Small);
        var small = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (label, path) in PagesOf(smallPlan))
        {
            small[label] = (await GetAsync(client, path)).Commands;
        }

        var largePlan = await ImportAsync(GenerationOptions.Large);
        Assert.Equal(2000, largePlan.OfKind(ElementKind.BusinessFunction).Count());
        var problems = new List<string>();
        foreach (var (label, path) in PagesOf(largePlan))
        {
            var (html, commands) = await GetAsync(client, path);
            var size = Encoding.UTF8.GetByteCount(html);
            if (size >= (label.StartsWith('/') ? MaxBytes : MaxDetailBytes))
            {
                problems.Add($"{path} is {size:N0} bytes of HTML");
            }
            if (commands != small[label])
            {
                problems.Add($"{path} runs {commands} SQL commands for the large plan, {small[label]} for the small one");
            }
            if (commands > 10)
            {
                problems.Add($"{path} runs {commands} SQL commands");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_functions_list_pages_50_at_a_time_and_sorts_the_widest_rto_gap_first()
    {
        using var client = app.CreateClient(AccessRole.Member);
        await ImportAsync(GenerationOptions.Large);

        var (html, _) = await GetAsync(client, "/functions?sort=gap&page=2");

        Assert.Contains("Showing 51–100 of 2,000", html);
        Assert.Equal(50, CountOf(html, "<th scope=\"row\""));
        Assert.Contains("href=\"/functions?sort=gap&amp;page=3\"", html);
        Assert.Contains("aria-current=\"page\">2<", html);
    }

    [Fact]
    public async Task An_element_page_shows_ten_findings_of_a_severity_and_links_to_all_of_them_on_the_checks_page()
    {
        using var client = app.CreateClient(AccessRole.Member);
        await ImportAsync(GenerationOptions.Large);
        var cache = app.Services.GetRequiredService<Continuity.Checks.AnalysisCache>();
        var findings = (await app.QueryAsync(db => cache.GetAsync(db, Ct))).Catalog!.Findings;
        var busiest = findings.All
            .Where(f => f.Finding.Severity == Severity.Warning && f.Kind is ElementKind.Vendor or ElementKind.System or ElementKind.BusinessFunction)
            .GroupBy(f => f.Finding.ElementId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .First();
        Assert.True(busiest.Count() > 10, $"the generated organisation's busiest element has {busiest.Count()} warnings");
        var element = busiest.First();

        var (page, _) = await GetAsync(client, ElementRoutes.Details(element.Kind, element.Name));

        var own = page[page.IndexOf("id=\"own-findings-title\"", StringComparison.Ordinal)..];
        var warnings = own[own.IndexOf("findings--warn", StringComparison.Ordinal)..];
        Assert.Equal(10, CountOf(warnings[..warnings.IndexOf("</details>", StringComparison.Ordinal)], "<li class=\"finding"));
        var all = $"/checks?element={Uri.EscapeDataString(busiest.Key)}&amp;severity=warning";
        Assert.Contains($"<a href=\"{all}\">all {busiest.Count()} warnings on the checks page</a>", warnings);

        var (checks, _) = await GetAsync(client, System.Net.WebUtility.HtmlDecode(all));
        Assert.Contains($"Showing 1–{Math.Min(50, busiest.Count())} of {busiest.Count()}", checks);
        Assert.Contains("Only the findings about", checks);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>The pages to measure, by a label that is the same for both plans.</summary>
    private static IEnumerable<(string Label, string Path)> PagesOf(Plan plan)
    {
        foreach (var list in Lists)
        {
            yield return (list, list);
        }
        var catalog = PlanCatalog.Build(plan, []);
        var system = catalog.OfKind(ElementKind.System)
            .OrderByDescending(s => catalog.To(s.Id).Length).ThenBy(s => s.Name, StringComparer.Ordinal).First();
        yield return ("most referenced system", $"/systems/{system.Name}");
        var function = catalog.OfKind(ElementKind.BusinessFunction)
            .OrderByDescending(f => catalog.From(f.Id).Length).ThenBy(f => f.Name, StringComparer.Ordinal).First();
        yield return ("function with the most references", $"/functions/{function.Name}");
    }

    private async Task<Plan> ImportAsync(GenerationOptions options)
    {
        var plan = SyntheticOrganisation.Generate(options);
        await app.QueryAsync(db => PlanImport.ApplyAsync(db, plan, app.Clock, dryRun: false, Ct));
        return plan;
    }

    /// <summary>The page once its analysis is cached, and the SQL commands that request ran.</summary>
    private async Task<(string Html, int Commands)> GetAsync(HttpClient client, string path)
    {
        (await client.GetAsync(path, Ct)).EnsureSuccessStatusCode();                // signs in and caches the analysis
        var html = "";
        var commands = await app.SqlCommands.CountAsync(async () =>
        {
            var response = await client.GetAsync(path, Ct);
            html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        });
        return (html, commands);
    }
}
