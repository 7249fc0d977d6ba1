using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Continuity.Accounts;
using Continuity.Audit;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Api;

public sealed class SqliteApiWriteTests(SqliteApiApp app) : ApiWriteTests(app), IClassFixture<SqliteApiApp>;

public sealed class PostgresApiWriteTests(PostgresApiApp app) : ApiWriteTests(app), IClassFixture<PostgresApiApp>;

/// <summary>The write side of /api/v1 through HTTP on the demo organisation, on each database engine.
/// Each test writes elements of its own (names without "license", which the read tests search for).</summary>
public abstract class ApiWriteTests(ApiApp app)
{
    private static readonly string[] Collections =
    [
        "organisations", "sites", "teams", "people", "roles", "functions", "systems", "vendors", "risks", "scenarios", "procedures",
        "communication-plans", "backup-policies",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Caller(HttpClient Client, string Actor);

    private async Task<Caller> CallerAsync(AccessRole role, string? team = null, string? person = null)
    {
        await app.RequireDatabaseAsync();
        var (userId, _, secret) = await app.UserAsync([role], person, team);
        var email = await app.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(Ct));
        return new Caller(app.WithToken(secret), $"{email} (token test)");
    }

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}:\n{text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.StartsWith("https://continuity.dev/problems/", (string)problem["type"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
        return problem;
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, JsonNode? body = null, string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    private static async Task<(JsonNode Document, string ETag)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var document = await JsonAsync(response);
        return (document, response.Headers.ETag!.Tag.ToString());
    }

    /// <summary>A new function of <paramref name="team"/>: license-validation's document under another name, without its approval.</summary>
    private static async Task<JsonNode> FunctionDocumentAsync(HttpClient client, string name, string team = "licensing")
    {
        var (document, _) = await GetAsync(client, "/api/v1/functions/license-validation");
        document["metadata"]!["name"] = name;
        document["spec"]!["team"] = team;
        document["spec"]!["objectives"]!.AsObject().Remove("approved");
        return document;
    }

    private static async Task<(string Name, string ETag)> CreateFunctionAsync(HttpClient client, string team = "licensing")
    {
        var name = NewName("api-fn");
        using var request = Request(HttpMethod.Post, "/api/v1/functions", await FunctionDocumentAsync(client, name, team));
        var response = await client.SendAsync(request, Ct);
        await JsonAsync(response, HttpStatusCode.Created);
        return (name, response.Headers.ETag!.Tag.ToString());
    }

    private Task<List<AuditEntry>> AuditAsync(string subject) =>
        app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Sequence).ToListAsync(Ct));

    [Fact]
    public async Task Create_replace_and_remove_an_element_with_its_ETag_each_in_the_audit_log()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        var name = NewName("api-fn");
        var document = await FunctionDocumentAsync(manager.Client, name);

        using var create = Request(HttpMethod.Post, "/api/v1/functions", document);
        var created = await manager.Client.SendAsync(create, Ct);
        var body = await JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/functions/{name}", created.Headers.Location?.ToString());
        Assert.Equal(name, (string)body["metadata"]!["name"]!);
        var (read, etag) = await GetAsync(manager.Client, $"/api/v1/functions/{name}");
        Assert.Equal(created.Headers.ETag!.Tag.ToString(), etag);
        Assert.Equal(120, (int)read["spec"]!["objectives"]!["rto"]!);

        read["metadata"]!["title"] = "Written through the API";
        using var replace = Request(HttpMethod.Put, $"/api/v1/functions/{name}", read, etag);
        var replaced = await manager.Client.SendAsync(replace, Ct);
        Assert.Equal("Written through the API", (string)(await JsonAsync(replaced))["metadata"]!["title"]!);
        var newTag = replaced.Headers.ETag!.Tag.ToString();
        Assert.NotEqual(etag, newTag);
        Assert.Equal(newTag, (await GetAsync(manager.Client, $"/api/v1/functions/{name}")).ETag);

        using var remove = Request(HttpMethod.Delete, $"/api/v1/functions/{name}", ifMatch: newTag);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.Client.SendAsync(remove, Ct)).StatusCode);
        await ProblemAsync(await manager.Client.GetAsync($"/api/v1/functions/{name}", Ct), HttpStatusCode.NotFound);
        using var again = Request(HttpMethod.Delete, $"/api/v1/functions/{name}", ifMatch: newTag);
        await ProblemAsync(await manager.Client.SendAsync(again, Ct), HttpStatusCode.NotFound);

        var audit = await AuditAsync($"function:{name}");
        Assert.Equal(["created", "updated", "removed"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(AuditChannel.Api, e.Channel));
        Assert.All(audit, e => Assert.Equal(manager.Actor, e.Actor));
    }

    [Fact]
    public async Task Replacing_or_removing_needs_If_Match_428_without_and_412_when_stale()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        var (name, etag) = await CreateFunctionAsync(manager.Client);
        var (document, _) = await GetAsync(manager.Client, $"/api/v1/functions/{name}");

        using var put = Request(HttpMethod.Put, $"/api/v1/functions/{name}", document);
        var missing = await ProblemAsync(await manager.Client.SendAsync(put, Ct), HttpStatusCode.PreconditionRequired);
        Assert.Equal(name, (string)missing["name"]!);
        using var delete = Request(HttpMethod.Delete, $"/api/v1/functions/{name}");
        await ProblemAsync(await manager.Client.SendAsync(delete, Ct), HttpStatusCode.PreconditionRequired);

        var stale = $"\"{Guid.NewGuid()}\"";
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete })
        {
            using var request = Request(method, $"/api/v1/functions/{name}", method == HttpMethod.Put ? document : null, stale);
            var problem = await ProblemAsync(await manager.Client.SendAsync(request, Ct), HttpStatusCode.PreconditionFailed);
            Assert.Equal(etag, (string)problem["etag"]!);
            Assert.Equal("function", (string)problem["kind"]!);
        }
        Assert.Equal(etag, (await GetAsync(manager.Client, $"/api/v1/functions/{name}")).ETag);
        Assert.Equal(["created"], (await AuditAsync($"function:{name}")).Select(e => e.Action));
    }

    [Fact]
    public async Task A_merge_patch_of_the_RTO_shows_at_once_in_the_element_and_the_analysis()
    {
        var lead = await CallerAsync(AccessRole.TeamLead, team: "licensing");
        var (name, etag) = await CreateFunctionAsync(lead.Client);
        async Task<List<string>> FindingsAsync() =>
            [.. (await JsonAsync(await lead.Client.GetAsync("/api/v1/analysis/check?minSeverity=info", Ct)))["findings"]!.AsArray()
                .Where(f => ((string?)f!["element"])?.EndsWith(name, StringComparison.Ordinal) == true).Select(f => (string)f!["check"]!).Order()];
        var before = await FindingsAsync();

        using var patch = Request(HttpMethod.Patch, $"/api/v1/functions/{name}", JsonNode.Parse("""{"spec":{"objectives":{"rto":20160,"rpo":null}}}"""), etag, "application/merge-patch+json");
        var patched = await lead.Client.SendAsync(patch, Ct);
        var answer = await JsonAsync(patched);
        Assert.Equal(20160, (int)answer["spec"]!["objectives"]!["rto"]!);
        Assert.Null(answer["spec"]!["objectives"]!["rpo"]);
        Assert.Equal(1440, (int)answer["spec"]!["objectives"]!["mtpd"]!);

        var (read, newTag) = await GetAsync(lead.Client, $"/api/v1/functions/{name}");
        Assert.Equal(20160, (int)read["spec"]!["objectives"]!["rto"]!);
        Assert.Equal(patched.Headers.ETag!.Tag.ToString(), newTag);
        Assert.NotEqual(before, await FindingsAsync());

        using var wrongType = Request(HttpMethod.Patch, $"/api/v1/functions/{name}", JsonNode.Parse("""{"spec":{"tier":2}}"""), newTag);
        await ProblemAsync(await lead.Client.SendAsync(wrongType, Ct), HttpStatusCode.UnsupportedMediaType);
        using var text = Request(HttpMethod.Put, $"/api/v1/functions/{name}", read, newTag, "text/plain");
        await ProblemAsync(await lead.Client.SendAsync(text, Ct), HttpStatusCode.UnsupportedMediaType);
        var audit = await AuditAsync($"function:{name}");
        Assert.Equal(["created", "updated"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(lead.Actor, e.Actor));
    }

    [Fact]
    public async Task Bad_bodies_are_400_or_422_problems_naming_the_field_and_change_nothing()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        var (name, etag) = await CreateFunctionAsync(manager.Client);
        var (document, _) = await GetAsync(manager.Client, $"/api/v1/functions/{name}");
        var url = $"/api/v1/functions/{name}";

        async Task<JsonNode> PutAsync(JsonNode body, HttpStatusCode expected)
        {
            using var request = Request(HttpMethod.Put, url, body, etag);
            return await ProblemAsync(await manager.Client.SendAsync(request, Ct), expected);
        }
        JsonNode Changed(Action<JsonNode> change)
        {
            var copy = document.DeepClone();
            change(copy);
            return copy;
        }

        Assert.NotNull((await PutAsync(Changed(d => d["kind"] = "System"), HttpStatusCode.BadRequest))["errors"]!["kind"]);
        Assert.NotNull((await PutAsync(Changed(d => d["metadata"]!["name"] = "someone-else"), HttpStatusCode.BadRequest))["errors"]!["metadata.name"]);
        Assert.NotNull((await PutAsync(Changed(d => d["apiVersion"] = "v0"), HttpStatusCode.BadRequest))["errors"]!["apiVersion"]);
        var duration = await PutAsync(Changed(d => d["spec"]!["objectives"]!["rto"] = "four hours"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("minutes", (string)duration["errors"]!["spec.objectives.rto"]![0]!, StringComparison.Ordinal);
        Assert.NotNull((await PutAsync(Changed(d => d["spec"]!["colour"] = "blue"), HttpStatusCode.UnprocessableEntity))["errors"]!["spec.colour"]);
        Assert.NotNull((await PutAsync(Changed(d => d["spec"]!["tier"] = 9), HttpStatusCode.UnprocessableEntity))["errors"]!["spec.tier"]);
        var reference = await PutAsync(Changed(d => d["metadata"]!["owner"] = "no-such-person"), HttpStatusCode.UnprocessableEntity);
        Assert.True(reference.ToJsonString().Contains("no-such-person", StringComparison.Ordinal), reference.ToJsonString());

        using var malformed = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent("{\n  \"kind\": \"BusinessFunction\",\n  oops\n}", Encoding.UTF8, "application/json") };
        malformed.Headers.TryAddWithoutValidation("If-Match", etag);
        var notJson = await ProblemAsync(await manager.Client.SendAsync(malformed, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("line 3", (string)notJson["errors"]!["body"]![0]!, StringComparison.Ordinal);

        using var exists = Request(HttpMethod.Post, "/api/v1/functions", document);
        Assert.Equal(etag, (string)(await ProblemAsync(await manager.Client.SendAsync(exists, Ct), HttpStatusCode.Conflict))["etag"]!);
        using var empty = new HttpRequestMessage(HttpMethod.Post, "/api/v1/functions") { Content = new StringContent("", Encoding.UTF8, "application/json") };
        await ProblemAsync(await manager.Client.SendAsync(empty, Ct), HttpStatusCode.BadRequest);
        using var nowhere = Request(HttpMethod.Put, "/api/v1/functions/no-such-function", document, etag);
        await ProblemAsync(await manager.Client.SendAsync(nowhere, Ct), HttpStatusCode.NotFound);

        var (system, systemTag) = await GetAsync(manager.Client, "/api/v1/systems/license-api");
        using var referred = Request(HttpMethod.Delete, "/api/v1/systems/license-api", ifMatch: systemTag);
        var inUse = await ProblemAsync(await manager.Client.SendAsync(referred, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("license-api", (string)inUse["detail"]!, StringComparison.Ordinal);
        Assert.NotNull(system);

        Assert.Equal(etag, (await GetAsync(manager.Client, url)).ETag);
        Assert.Equal(["created"], (await AuditAsync($"function:{name}")).Select(e => e.Action));
    }

    [Fact]
    public async Task Members_and_team_leads_of_other_teams_may_not_write_and_leads_may_not_move_elements_out()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        var (name, etag) = await CreateFunctionAsync(manager.Client);
        var (document, _) = await GetAsync(manager.Client, $"/api/v1/functions/{name}");
        var member = await CallerAsync(AccessRole.Member);
        var otherLead = await CallerAsync(AccessRole.TeamLead, team: "infrastructure");
        var lead = await CallerAsync(AccessRole.TeamLead, team: "licensing");

        foreach (var caller in new[] { member, otherLead })
        {
            using var put = Request(HttpMethod.Put, $"/api/v1/functions/{name}", document, etag);
            await ProblemAsync(await caller.Client.SendAsync(put, Ct), HttpStatusCode.Forbidden);
            using var delete = Request(HttpMethod.Delete, $"/api/v1/functions/{name}", ifMatch: etag);
            await ProblemAsync(await caller.Client.SendAsync(delete, Ct), HttpStatusCode.Forbidden);
            using var post = Request(HttpMethod.Post, "/api/v1/functions", await FunctionDocumentAsync(manager.Client, NewName("api-fn")));
            await ProblemAsync(await caller.Client.SendAsync(post, Ct), HttpStatusCode.Forbidden);
        }
        using var move = Request(HttpMethod.Patch, $"/api/v1/functions/{name}", JsonNode.Parse("""{"spec":{"team":"infrastructure"}}"""), etag, "application/merge-patch+json");
        Assert.Contains("infrastructure", (string)(await ProblemAsync(await lead.Client.SendAsync(move, Ct), HttpStatusCode.Forbidden))["detail"]!, StringComparison.Ordinal);
        using var vendor = Request(HttpMethod.Post, "/api/v1/vendors", JsonNode.Parse($$$"""{"apiVersion":"continuity/v1","kind":"Vendor","metadata":{"name":"{{{NewName("api-vendor")}}}"},"spec":{}}"""));
        await ProblemAsync(await lead.Client.SendAsync(vendor, Ct), HttpStatusCode.Forbidden);

        using var own = Request(HttpMethod.Patch, $"/api/v1/functions/{name}", JsonNode.Parse("""{"metadata":{"title":"Kept by its team"}}"""), etag, "application/merge-patch+json");
        await JsonAsync(await lead.Client.SendAsync(own, Ct));
        Assert.Equal(["created", "updated"], (await AuditAsync($"function:{name}")).Select(e => e.Action));
    }

    [Fact]
    public async Task Writing_back_a_person_read_without_personal_phones_keeps_them()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        var name = NewName("api-person");
        using var create = Request(HttpMethod.Post, "/api/v1/people", JsonNode.Parse($$$"""
            {"apiVersion":"continuity/v1","kind":"Person","metadata":{"name":"{{{name}}}"},
             "spec":{"email":"{{{name}}}@example.com","phones":{"work":"+1-202-555-0190","mobile":"+1-202-555-0191","alternate":"+1-202-555-0192"},"team":"licensing"}}
            """));
        await JsonAsync(await manager.Client.SendAsync(create, Ct), HttpStatusCode.Created);

        var lead = await CallerAsync(AccessRole.TeamLead, team: "licensing");
        var (document, etag) = await GetAsync(lead.Client, $"/api/v1/people/{name}");
        Assert.Null(document["spec"]!["phones"]!["mobile"]);
        document["spec"]!["phones"]!["work"] = "+1-202-555-0199";
        using var put = Request(HttpMethod.Put, $"/api/v1/people/{name}", document, etag);
        var answer = await JsonAsync(await lead.Client.SendAsync(put, Ct));
        Assert.Null(answer["spec"]!["phones"]!["mobile"]);

        var (stored, storedTag) = await GetAsync(manager.Client, $"/api/v1/people/{name}");
        Assert.Equal("+1-202-555-0199", (string)stored["spec"]!["phones"]!["work"]!);
        Assert.Equal("+1-202-555-0191", (string)stored["spec"]!["phones"]!["mobile"]!);
        Assert.Equal("+1-202-555-0192", (string)stored["spec"]!["phones"]!["alternate"]!);

        using var patch = Request(HttpMethod.Patch, $"/api/v1/people/{name}", JsonNode.Parse("""{"spec":{"timeZone":"Europe/Berlin"}}"""), storedTag, "application/merge-patch+json");
        await JsonAsync(await lead.Client.SendAsync(patch, Ct));
        Assert.Equal("+1-202-555-0191", (string)(await GetAsync(manager.Client, $"/api/v1/people/{name}")).Document["spec"]!["phones"]!["mobile"]!);
    }

    [Fact]
    public async Task Every_kind_takes_back_what_it_answers()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        foreach (var collection in Collections)
        {
            var page = await JsonAsync(await manager.Client.GetAsync($"/api/v1/{collection}?pageSize=3", Ct));
            foreach (var item in page["items"]!.AsArray())
            {
                var (document, etag) = await GetAsync(manager.Client, (string)item!["href"]!);
                using var put = Request(HttpMethod.Put, (string)item["href"]!, document, etag);
                var response = await manager.Client.SendAsync(put, Ct);
                await JsonAsync(response);
                Assert.Equal(etag, response.Headers.ETag!.Tag.ToString());          // unchanged content writes nothing
            }
        }
    }

    [Fact]
    public async Task A_write_costs_the_same_number_of_queries_whatever_it_changes()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        var (name, etag) = await CreateFunctionAsync(manager.Client);
        async Task<int> TitleAsync(string title)
        {
            var count = 0;
            count = await app.SqlCommands.CountAsync(async () =>
            {
                using var patch = Request(HttpMethod.Patch, $"/api/v1/functions/{name}", JsonNode.Parse($$$"""{"metadata":{"title":"{{{title}}}"}}"""), etag, "application/merge-patch+json");
                var response = await manager.Client.SendAsync(patch, Ct);
                await JsonAsync(response);
                etag = response.Headers.ETag!.Tag.ToString();
            });
            return count;
        }
        var first = await TitleAsync("One");
        var second = await TitleAsync("Two");
        Assert.Equal(first, second);
        Assert.True(first <= 60, $"a PATCH ran {first} SQL commands");
    }

    private static byte[] Zip(IEnumerable<(string File, string Text)> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, text) in files)
            {
                using var writer = new StreamWriter(zip.CreateEntry(file).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    private static async Task<List<(string File, string Text)>> ExportAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/export", Ct);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        var files = new List<(string, string)>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files.Add((entry.FullName, await reader.ReadToEndAsync(Ct)));
        }
        return files;
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] body, string query = "", string type = "application/zip")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await client.PostAsync("/api/v1/import" + query, content, Ct);
    }

    private static string Vendor(string name, string title) =>
        $"apiVersion: continuity/v1\nkind: Vendor\nmetadata:\n  name: {name}\n  title: {title}\nspec: {{}}\n";

    [Fact]
    public async Task Importing_a_zip_of_plan_files_dry_run_for_real_and_in_conflict()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        var name = NewName("api-vendor");
        var files = await ExportAsync(manager.Client);
        Assert.Contains("continuity.dev/revision", files.Single(f => f.File == "organisation.yaml").Text, StringComparison.Ordinal);

        var dry = await JsonAsync(await ImportAsync(manager.Client, Zip([.. files, ("extra.yaml", Vendor(name, "First"))]), "?dryRun=true"));
        Assert.True((bool)dry["dryRun"]!);
        Assert.Equal([$"vendor:{name}"], dry["created"]!.AsArray().Select(c => (string)c!));
        await ProblemAsync(await manager.Client.GetAsync($"/api/v1/vendors/{name}", Ct), HttpStatusCode.NotFound);

        var real = await JsonAsync(await ImportAsync(manager.Client, Zip([.. files, ("extra.yaml", Vendor(name, "First"))])));
        Assert.False((bool)real["dryRun"]!);
        Assert.True((bool)real["changed"]!);
        var (_, etag) = await GetAsync(manager.Client, $"/api/v1/vendors/{name}");
        var audit = Assert.Single(await AuditAsync($"vendor:{name}"));
        Assert.Equal((AuditChannel.Api, manager.Actor, "created"), (audit.Channel, audit.Actor, audit.Action));

        // Exported now, changed in the app and in the files: a conflict, and nothing changes.
        var exported = await ExportAsync(manager.Client);
        using var patch = Request(HttpMethod.Patch, $"/api/v1/vendors/{name}", JsonNode.Parse("""{"metadata":{"title":"In the app"}}"""), etag, "application/merge-patch+json");
        await JsonAsync(await manager.Client.SendAsync(patch, Ct));
        var edited = exported.Select(f => f.File == "vendors.yaml" ? (f.File, f.Text.Replace("title: First", "title: In the files", StringComparison.Ordinal)) : f).ToList();
        Assert.NotEqual(exported, edited);
        var conflict = await ProblemAsync(await ImportAsync(manager.Client, Zip(edited)), HttpStatusCode.Conflict);
        var listed = Assert.Single(conflict["conflicts"]!.AsArray());
        Assert.Equal($"vendor:{name}", (string)listed!["element"]!);
        Assert.Contains("metadata.title", listed["fields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal("In the app", (string)(await GetAsync(manager.Client, $"/api/v1/vendors/{name}")).Document["metadata"]!["title"]!);

        var forced = await JsonAsync(await ImportAsync(manager.Client, Zip(edited), "?force=true"));
        Assert.Equal([$"vendor:{name}"], forced["updated"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task Import_takes_YAML_refuses_other_bodies_and_team_leads()
    {
        var manager = await CallerAsync(AccessRole.ContinuityManager);
        var name = NewName("api-vendor");
        var yaml = string.Join("---\n", (await ExportAsync(manager.Client)).Select(f => f.Text)) + "---\n" + Vendor(name, "From YAML");
        var report = await JsonAsync(await ImportAsync(manager.Client, Encoding.UTF8.GetBytes(yaml), "?dryRun=true", "application/yaml"));
        Assert.Equal([$"vendor:{name}"], report["created"]!.AsArray().Select(c => (string)c!));

        await ProblemAsync(await ImportAsync(manager.Client, [1, 2, 3], "", "application/octet-stream"), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await ImportAsync(manager.Client, [1, 2, 3]), HttpStatusCode.BadRequest);
        await ProblemAsync(await ImportAsync(manager.Client, Encoding.UTF8.GetBytes(Vendor(name, "x") + "  bad: [\n"), "", "application/yaml"), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await ProblemAsync(await ImportAsync(manager.Client, [], "?scope=nothing"), HttpStatusCode.BadRequest))["errors"]!["scope"]);
        var lead = await CallerAsync(AccessRole.TeamLead, team: "licensing");
        await ProblemAsync(await ImportAsync(lead.Client, Encoding.UTF8.GetBytes(yaml), "?scope=team:licensing", "application/yaml"), HttpStatusCode.Forbidden);
    }
}
