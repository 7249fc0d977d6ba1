using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Cli;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The what-if page on the demo plan, through HTTP on a real SQLite file: the same
/// functions and times as <c>continuity impact --fail … --format json</c> (the real CLI on the same
/// plan written to files), clear messages for names the plan lacks, the Gantt chart of the
/// recovery schedule and the search-as-you-type endpoint.</summary>
public sealed partial class SqliteWhatIfPageTests(DemoApp app) : WhatIfPageTests(app), IClassFixture<DemoApp>;

/// <summary>The same what-if tests on PostgreSQL.</summary>
public sealed partial class PostgresWhatIfPageTests(PostgresDemoApp app) : WhatIfPageTests(app), IClassFixture<PostgresDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}

public abstract partial class WhatIfPageTests(ContinuityApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    private static async Task<JsonElement> CliImpactAsync(params string[] fail)
    {
        using var cli = new CliRunner();
        var plan = cli.PathOf("plan");
        (await cli.RunAsync("demo", plan)).AssertSuccess();
        var run = await cli.RunAsync(["impact", plan, .. fail.SelectMany(f => new[] { "--fail", f }), "--format", "json"]);
        Assert.True(run.ExitCode is 0 or 1, run.All);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    [Theory]
    [InlineData("fail=region:eu-west-1", "region=eu-west-1")]
    [InlineData("fail=system:license-db&fail=vendor:zendesk", "system:license-db", "vendor:zendesk")]
    public async Task A_what_if_lists_the_same_functions_and_times_as_the_cli(string query, params string[] cliFail)
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);

        var response = await client.GetAsync("/what-if?" + query, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);
        var json = await CliImpactAsync(cliFail);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = json.GetProperty("functions").EnumerateArray().Select(f => (
            f.GetProperty("id").GetString(),
            Back: f.TryGetProperty("backAtMinutes", out var back) && back.ValueKind == JsonValueKind.Number ? back.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
            Rto: Objective(f, "rto"),
            Mtpd: Objective(f, "mtpd"))).ToList();
        Assert.NotEmpty(expected);
        var rows = FunctionRow().Matches(page).Select(m => (
            (string?)m.Groups["id"].Value, Back: m.Groups["back"].Value, Rto: m.Groups["rto"].Value, Mtpd: m.Groups["mtpd"].Value)).ToList();
        Assert.Equal(expected, rows);
        foreach (var scenario in json.GetProperty("scenarios").EnumerateArray())
        {
            Assert.Contains($"/scenarios/{scenario.GetProperty("id").GetString()!["scenario:".Length..]}\"", page, StringComparison.Ordinal);
        }
        Assert.Contains("continuity impact --db " + string.Join(' ', cliFail.Select(f => "--fail " + f)), page, StringComparison.Ordinal);
    }

    private static string Objective(JsonElement function, string name) =>
        function.TryGetProperty(name, out var objective) && objective.ValueKind == JsonValueKind.Object
            ? $"{Capitalised(objective.GetProperty("outcome").GetString()!)}/{objective.GetProperty("minutes").GetInt32()}"
            : "";

    private static string Capitalised(string camel) => camel switch
    {
        "at-risk" => "AtRisk",
        _ => char.ToUpperInvariant(camel[0]) + camel[1..],
    };

    [Fact]
    public async Task The_gantt_chart_has_a_bar_for_each_scheduled_element_grouped_by_team_with_rto_markers()
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);

        var page = await client.GetStringAsync("/what-if?fail=system:license-db&fail=vendor:zendesk", Ct);
        var json = await CliImpactAsync("system:license-db", "vendor:zendesk");

        var schedule = json.GetProperty("recovery").GetProperty("schedule").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(schedule);
        var svgs = Regex.Matches(page, "<svg class=\"gantt__svg\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.NotEmpty(svgs);
        var bars = svgs.SelectMany(svg => Regex.Matches(svg, "data-element=\"([^\"]+)\"").Select(m => m.Groups[1].Value)).ToList();
        Assert.Equal(schedule.Order(StringComparer.Ordinal), bars.Order(StringComparer.Ordinal));
        Assert.Equal(schedule.Count, Regex.Count(string.Concat(svgs), "<rect class=\"gantt__bar"));
        Assert.Contains("<title id=\"gantt-failure-title\">Recovery schedule from the failure</title>", page, StringComparison.Ordinal);
        Assert.Contains("Team licensing", page, StringComparison.Ordinal);
        Assert.Contains("class=\"gantt__rto\"", page, StringComparison.Ordinal);
        Assert.Contains("The schedule as a table", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_the_plan_lacks_gives_a_400_page_that_names_it_and_suggests_the_closest()
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);

        var response = await client.GetAsync("/what-if?fail=region:eu-west1&fail=system:licence-db", Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The plan has nothing by that name", page, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"mono\">region:eu-west1</strong>", page, StringComparison.Ordinal);
        Assert.Contains("No element carries the tag", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/what-if?fail=region%3Aeu-west-1&amp;fail=system%3Alicence-db\"", page, StringComparison.Ordinal);
        Assert.Contains(">system:license-db</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_or_odd_input_is_answered_without_an_error()
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);

        foreach (var query in new[] { "fail=%3Cscript%3Ealert(1)%3C/script%3E", "fail=:", "fail==", "fail=region:&page=-3&schedule=x", "fail=" + new string('a', 5000) })
        {
            var response = await client.GetAsync("/what-if?" + query, Ct);
            var page = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_nothing_chosen_the_page_explains_what_to_do_and_offers_examples()
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);

        var page = await client.GetStringAsync("/what-if", Ct);

        Assert.Contains("Nothing fails yet", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"region:eu-west-1\">", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"system:license-db\">", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/what-if?fail=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_failure_through_the_form_redirects_to_the_shareable_url()
    {
        await RequireDatabaseAsync();
        using var browser = await app.SignedInBrowserAsync(AccessRole.Member);

        var response = await browser.GetAsync("/what-if?fail=region:eu-west-1&add=+vendor:zendesk+", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/what-if?fail=region%3Aeu-west-1&fail=vendor%3Azendesk", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_suggest_endpoint_returns_at_most_twenty_matches_in_url_form()
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);

        var eu = JsonDocument.Parse(await client.GetStringAsync("/what-if/suggest?q=eu-west", Ct)).RootElement;
        var all = JsonDocument.Parse(await client.GetStringAsync("/what-if/suggest", Ct)).RootElement;
        var none = JsonDocument.Parse(await client.GetStringAsync("/what-if/suggest?q=no-such-thing-at-all", Ct)).RootElement;

        Assert.Contains("region:eu-west-1", eu.EnumerateArray().Select(s => s.GetProperty("value").GetString()));
        Assert.All(eu.EnumerateArray(), s => Assert.Contains("eu-west", s.GetProperty("value").GetString() + s.GetProperty("label").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(20, all.GetArrayLength());
        Assert.Equal(0, none.GetArrayLength());
    }

    [GeneratedRegex("<tr data-function=\"(?<id>[^\"]+)\" data-back=\"(?<back>[^\"]*)\" data-rto=\"(?<rto>[^\"]*)\" data-mtpd=\"(?<mtpd>[^\"]*)\">")]
    private static partial Regex FunctionRow();
}
