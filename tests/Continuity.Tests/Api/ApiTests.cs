using System.Net;
using System.Text.Json.Nodes;
using Continuity.Accounts;
using Continuity.Cli;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Api;

public sealed class SqliteApiTests(SqliteApiApp app) : ApiTests(app), IClassFixture<SqliteApiApp>;

public sealed class PostgresApiTests(PostgresApiApp app) : ApiTests(app), IClassFixture<PostgresApiApp>;

/// <summary>The read side of /api/v1 through HTTP on the demo organisation, on each database engine.</summary>
public abstract class ApiTests(ApiApp app)
{
    private static readonly string[] Collections =
    [
        "organisations", "sites", "teams", "people", "roles", "functions", "systems", "vendors", "risks", "scenarios", "procedures",
        "communication-plans", "backup-policies",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ClientAsync(params AccessRole[] roles)
    {
        await app.RequireDatabaseAsync();
        var (_, _, secret) = await app.UserAsync(roles.Length == 0 ? [AccessRole.Member] : roles);
        return app.WithToken(secret);
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}:\n{text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response, expected);
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.NotNull(problem["title"]);
        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
        return problem;
    }

    private static List<string> Names(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["name"]!)];

    [Fact]
    public async Task Every_kind_lists_its_elements_and_each_summary_leads_to_its_document()
    {
        var client = await ClientAsync();
        foreach (var collection in Collections)
        {
            var page = await JsonAsync(await client.GetAsync($"/api/v1/{collection}?pageSize=200", Ct));
            var items = page["items"]!.AsArray();
            Assert.True(items.Count > 0, $"the demo has {collection}");
            var first = items[0]!;
            var response = await client.GetAsync((string)first["href"]!, Ct);
            var document = await JsonAsync(response);
            Assert.Equal("continuity/v1", (string)document["apiVersion"]!);
            Assert.Equal((string)page["kind"]!, (string)document["kind"]!);
            Assert.Equal((string)first["name"]!, (string)document["metadata"]!["name"]!);
            Assert.Equal($"\"{(string)first["version"]!}\"", response.Headers.ETag?.Tag);
            Assert.NotNull(response.Content.Headers.LastModified);
        }
    }

    [Fact]
    public async Task A_list_pages_with_next_and_a_Link_header_until_the_last_page()
    {
        var client = await ClientAsync();
        var all = Names(await JsonAsync(await client.GetAsync("/api/v1/functions?pageSize=200", Ct)));
        Assert.Equal(all.Order(StringComparer.Ordinal), all);

        var seen = new List<string>();
        var url = "/api/v1/functions?pageSize=4";
        while (url is not null)
        {
            var response = await client.GetAsync(url, Ct);
            var page = await JsonAsync(response);
            seen.AddRange(Names(page));
            url = (string?)page["next"];
            Assert.Equal(url is null ? null : $"<{url}>; rel=\"next\"", response.Headers.TryGetValues("Link", out var link) ? link.Single() : null);
        }
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task A_list_filters_by_team_label_and_text_and_sorts()
    {
        var client = await ClientAsync();
        var licensing = await JsonAsync(await client.GetAsync("/api/v1/functions?team=licensing", Ct));
        Assert.NotEmpty(Names(licensing));
        Assert.All(licensing["items"]!.AsArray(), i => Assert.Equal("licensing", (string)i!["team"]!));

        var labelled = await JsonAsync(await client.GetAsync("/api/v1/systems?label=service:all&pageSize=2", Ct));
        Assert.Equal(2, Names(labelled).Count);
        Assert.All(labelled["items"]!.AsArray(), i => Assert.Equal("all", (string)i!["labels"]!["service"]!));
        Assert.NotNull(labelled["next"]);

        var text = Names(await JsonAsync(await client.GetAsync("/api/v1/functions?q=LICENSE", Ct)));
        Assert.Equal(["license-issuance", "license-validation"], text);

        var descending = Names(await JsonAsync(await client.GetAsync("/api/v1/functions?q=license&sort=-name", Ct)));
        Assert.Equal(["license-validation", "license-issuance"], descending);
        var updated = Names(await JsonAsync(await client.GetAsync("/api/v1/functions?sort=-updated&pageSize=200", Ct)));
        Assert.Equal(Names(await JsonAsync(await client.GetAsync("/api/v1/functions?pageSize=200", Ct))).Order(StringComparer.Ordinal), updated.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/functions?pageSize=0", "pageSize")]
    [InlineData("/api/v1/functions?pageSize=201", "pageSize")]
    [InlineData("/api/v1/functions?page=abc", "page")]
    [InlineData("/api/v1/functions?sort=colour", "sort")]
    [InlineData("/api/v1/functions?label=nocolon", "label")]
    [InlineData("/api/v1/vendors?team=licensing", "team")]
    [InlineData("/api/v1/analysis/check?minSeverity=fatal", "minSeverity")]
    [InlineData("/api/v1/analysis/impact", "failed")]
    [InlineData("/api/v1/analysis/spof?tier=9", "tier")]
    [InlineData("/api/v1/analysis/recovery-order?capacity=0", "capacity")]
    public async Task A_bad_query_parameter_is_a_400_problem_naming_it(string url, string parameter)
    {
        var client = await ClientAsync();
        var problem = await ProblemAsync(await client.GetAsync(url, Ct), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task Unknown_elements_routes_and_methods_are_problems()
    {
        var client = await ClientAsync();
        var missing = await ProblemAsync(await client.GetAsync("/api/v1/functions/no-such-function", Ct), HttpStatusCode.NotFound);
        Assert.Equal("function", (string)missing["kind"]!);
        Assert.Equal("no-such-function", (string)missing["name"]!);
        await ProblemAsync(await client.GetAsync("/api/v1/nothing-here", Ct), HttpStatusCode.NotFound);
        await ProblemAsync(await client.DeleteAsync("/api/v1/functions", Ct), HttpStatusCode.MethodNotAllowed);
        await ProblemAsync(await client.GetAsync("/api/v1/analysis/impact?failed=system:no-such-system", Ct), HttpStatusCode.BadRequest);
        using var yamlOnly = new HttpRequestMessage(HttpMethod.Get, "/api/v1/functions/license-validation");
        yamlOnly.Headers.Accept.ParseAdd("image/png");
        await ProblemAsync(await client.SendAsync(yamlOnly, Ct), HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task An_element_has_an_ETag_that_answers_If_None_Match_and_HEAD_and_YAML()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync("/api/v1/functions/license-validation", Ct);
        var document = await JsonAsync(response);
        Assert.Equal("BusinessFunction", (string)document["kind"]!);
        var etag = response.Headers.ETag!;
        var version = await app.QueryAsync(db => Task.FromResult(db.Functions.Single(f => f.Name == "license-validation").Version));
        Assert.Equal($"\"{version}\"", etag.Tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/functions/license-validation");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, Ct)).StatusCode);

        using var head = new HttpRequestMessage(HttpMethod.Head, "/api/v1/functions/license-validation");
        var headed = await client.SendAsync(head, Ct);
        Assert.Equal(HttpStatusCode.OK, headed.StatusCode);
        Assert.Equal(etag, headed.Headers.ETag);

        using var yaml = new HttpRequestMessage(HttpMethod.Get, "/api/v1/functions/license-validation");
        yaml.Headers.Accept.ParseAdd("application/yaml");
        var text = await (await client.SendAsync(yaml, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("apiVersion: continuity/v1\nkind: BusinessFunction\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_valid_token_every_endpoint_is_a_401_problem_with_a_bearer_challenge()
    {
        await app.RequireDatabaseAsync();
        var expiring = await app.UserAsync([AccessRole.Member], expiresIn: TimeSpan.FromHours(1));
        var revoked = await app.UserAsync([AccessRole.Member]);
        var disabled = await app.UserAsync([AccessRole.Member]);
        foreach (var secret in new[] { expiring.Secret, revoked.Secret, disabled.Secret })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.WithToken(secret).GetAsync("/api/v1/functions", Ct)).StatusCode);
        }
        await app.RevokeAsync(revoked.TokenId);
        await app.DisableAsync(disabled.UserId);
        app.Clock.Advance(TimeSpan.FromHours(2));

        var clients = new Dictionary<string, HttpClient>
        {
            ["no token"] = app.Anonymous(),
            ["unknown token"] = app.WithToken(ApiToken.Prefix + "not-a-token"),
            ["expired token"] = app.WithToken(expiring.Secret),
            ["revoked token"] = app.WithToken(revoked.Secret),
            ["disabled user"] = app.WithToken(disabled.Secret),
        };
        foreach (var (why, client) in clients)
        {
            foreach (var url in new[] { "/api/v1/functions", "/api/v1/people/maya-okafor", "/api/v1/analysis/check", "/api/v1/export", "/api/v1/openapi.json", "/api" })
            {
                var response = await client.GetAsync(url, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized || (url == "/api" && why == "no token" && response.StatusCode == HttpStatusCode.Redirect),
                    $"{why}: {url} answered {(int)response.StatusCode}");
                if (url.StartsWith("/api/v1", StringComparison.Ordinal))
                {
                    Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                    await ProblemAsync(response, HttpStatusCode.Unauthorized);
                }
            }
        }
    }

    [Fact]
    public async Task An_administrator_alone_may_not_read_the_plan()
    {
        var client = await ClientAsync(AccessRole.Administrator);
        foreach (var url in new[] { "/api/v1/functions", "/api/v1/functions/license-validation", "/api/v1/analysis/spof", "/api/v1/export" })
        {
            await ProblemAsync(await client.GetAsync(url, Ct), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Personal_phones_are_shown_only_to_whom_contact_privacy_allows()
    {
        await app.RequireDatabaseAsync();
        var member = app.WithToken((await app.UserAsync([AccessRole.Member])).Secret);
        var manager = app.WithToken((await app.UserAsync([AccessRole.ContinuityManager])).Secret);
        var herself = app.WithToken((await app.UserAsync([AccessRole.Member], person: "maya-okafor")).Secret);

        async Task<(string? Document, string? Listed)> MobileAsync(HttpClient client)
        {
            var document = await JsonAsync(await client.GetAsync("/api/v1/people/maya-okafor", Ct));
            var page = await JsonAsync(await client.GetAsync("/api/v1/people?q=maya-okafor", Ct));
            return ((string?)document["spec"]!["phones"]?["mobile"], (string?)page["items"]![0]!["contact"]!["mobile"]);
        }

        Assert.Equal((null, null), await MobileAsync(member));
        Assert.Equal(("+1-202-555-0102", "+1-202-555-0102"), await MobileAsync(manager));
        Assert.Equal(("+1-202-555-0102", "+1-202-555-0102"), await MobileAsync(herself));
        var work = await JsonAsync(await member.GetAsync("/api/v1/people/maya-okafor", Ct));
        Assert.Equal("+1-202-555-0101", (string?)work["spec"]!["phones"]!["work"]);

        var export = await member.GetAsync("/api/v1/export", Ct);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync(Ct));
        using var people = new StreamReader(zip.GetEntry("people.yaml")!.Open());
        var yaml = await people.ReadToEndAsync(Ct);
        Assert.Contains("+1-202-555-0101", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("+1-202-555-0102", yaml, StringComparison.Ordinal);
        Assert.NotNull(zip.GetEntry("functions.yaml"));
    }

    [Fact]
    public async Task The_analysis_endpoints_answer_the_same_JSON_as_the_command_line()
    {
        var client = await ClientAsync();
        var asOf = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var pairs = new (string Url, string[] Command)[]
        {
            ("/api/v1/analysis/check", ["check", "--as-of", asOf]),
            ("/api/v1/analysis/check?minSeverity=info", ["check", "--as-of", asOf, "--min-severity", "info"]),
            ("/api/v1/analysis/impact?failed=system:license-db&failed=vendor=zendesk", ["impact", "--fail", "system:license-db", "--fail", "vendor=zendesk"]),
            ("/api/v1/analysis/recovery-order", ["recovery-order"]),
            ("/api/v1/analysis/recovery-order?failed=region=us-east-1&capacity=1", ["recovery-order", "--fail", "region=us-east-1", "--capacity", "1"]),
            ("/api/v1/analysis/spof?tier=1", ["spof", "--tier", "1"]),
        };
        foreach (var (url, command) in pairs)
        {
            var response = await client.GetAsync(url, Ct);
            var api = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {api}");
            using var output = new StringWriter();
            using var error = new StringWriter();
            string[] args = [.. command, "--db", "--format", "json", "--database-provider", app.Database.Provider.ToString(), "--connection-string", app.Database.ConnectionString];
            await ContinuityCli.RunAsync(args, output, error, Ct);
            Assert.True(output.ToString().Length > 0, $"{string.Join(' ', command)}: {error}");
            Assert.Equal(output.ToString().TrimEnd(), api);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_endpoint_with_the_bearer_scheme_and_problem_responses()
    {
        var client = await ClientAsync();
        var document = await JsonAsync(await client.GetAsync("/api/v1/openapi.json", Ct));
        Assert.StartsWith("3.", (string)document["openapi"]!, StringComparison.Ordinal);
        Assert.Equal("http", (string)document["components"]!["securitySchemes"]!["bearer"]!["type"]!);
        var paths = document["paths"]!.AsObject();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+):[^}]+\}", "{$1}"))   // OpenAPI leaves out route constraints
            .Where(p => p.StartsWith("/api/v1/", StringComparison.Ordinal) && p != "/api/v1/openapi.json")
            .Distinct().ToList();
        Assert.Equal(13 * 2 + 4 + 1 + 1 + 3 + 6 + 3 + 2 + 1, endpoints.Count);         // collections, analysis, export, import, plan versions, their review, sign-off, PDF and distribution, objectives, control status
        foreach (var path in endpoints)
        {
            var operations = paths[path]?.AsObject();
            Assert.True(operations is not null, $"{path} is in the OpenAPI document");
            foreach (var (method, operation) in operations)
            {
                Assert.False(string.IsNullOrEmpty((string?)operation!["summary"]), $"{method} {path} has a summary");
                Assert.NotNull(operation["responses"]!["401"]);
                Assert.NotNull(operation["responses"]!["403"]);
            }
        }
        var replace = paths["/api/v1/functions/{name}"]!["put"]!;
        Assert.NotNull(replace["requestBody"]!["content"]!["application/json"]);
        foreach (var status in new[] { "200", "400", "404", "412", "415", "422", "428" })
        {
            Assert.True(replace["responses"]![status] is not null, $"PUT answers {status}");
        }
        Assert.NotNull(paths["/api/v1/functions/{name}"]!["patch"]!["requestBody"]!["content"]!["application/merge-patch+json"]);
        Assert.NotNull(paths["/api/v1/functions/{name}"]!["delete"]!["responses"]!["204"]);
        Assert.NotNull(paths["/api/v1/functions"]!["post"]!["responses"]!["201"]);
        Assert.NotNull(paths["/api/v1/functions"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(paths["/api/v1/import"]!["post"]!["requestBody"]!["content"]!["application/zip"]);
        Assert.NotNull(paths["/api/v1/functions/{name}"]!["get"]!["responses"]!["404"]);
        Assert.NotNull(paths["/api/v1/functions"]!["get"]!["responses"]!["400"]);
    }

    [Fact]
    public async Task The_reference_page_loads_without_any_script_under_the_apps_policy()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync("/api", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/api/v1/functions/{name}", html, StringComparison.Ordinal);
        Assert.Contains("PATCH /api/v1/functions/{name}", html, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/import", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_page_and_an_element_cost_a_fixed_number_of_queries()
    {
        await app.RequireDatabaseAsync();
        var (_, token, secret) = await app.UserAsync([AccessRole.Member]);
        var client = app.WithToken(secret);
        await client.GetAsync("/api/v1/functions", Ct);                     // warm up
        // The token's first use is written in the background (TokenUses); let it land before counting.
        for (var wait = 0; await app.QueryAsync(db => db.ApiTokens.Where(t => t.Id == token).Select(t => t.LastUsedUtc).SingleAsync(Ct)) is null; wait++)
        {
            Assert.True(wait < 1000, "The token's first use was not written within 20 s.");
            await Task.Delay(20, Ct);
        }
        var small = await app.SqlCommands.CountAsync(() => client.GetAsync("/api/v1/functions?pageSize=2", Ct));
        var large = await app.SqlCommands.CountAsync(() => client.GetAsync("/api/v1/functions?pageSize=200", Ct));
        var people = await app.SqlCommands.CountAsync(() => client.GetAsync("/api/v1/people?pageSize=200", Ct));
        var function = await app.SqlCommands.CountAsync(() => client.GetAsync("/api/v1/functions/license-validation", Ct));
        var role = await app.SqlCommands.CountAsync(() => client.GetAsync("/api/v1/roles?pageSize=1", Ct));

        Assert.Equal(small, large);
        Assert.True(small <= 4, $"a list page ran {small} queries (token, user, grants, page)");
        Assert.True(people <= small + 1, $"a page of people ran {people} queries");
        Assert.True(function <= 7, $"a function ran {function} queries (token, user, grants, the function, impact, losses, dependencies)");
        Assert.True(role <= small, $"{role}");
    }
}
