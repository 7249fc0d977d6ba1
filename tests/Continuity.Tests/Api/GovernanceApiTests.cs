using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Continuity.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Api;

public sealed class SqliteGovernanceApiTests(SqliteApiApp app) : GovernanceApiTests(app), IClassFixture<SqliteApiApp>;

public sealed class PostgresGovernanceApiTests(PostgresApiApp app) : GovernanceApiTests(app), IClassFixture<PostgresApiApp>;

/// <summary>Plan versions through /api/v1 on the demo organisation, on each database engine
/// (ADR 010): submit, read back with the hash re-checked, diff in words, and who may submit what.</summary>
public abstract class GovernanceApiTests(ApiApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ClientAsync(AccessRole role, string? team = null)
    {
        await app.RequireDatabaseAsync();
        var (_, _, secret) = await app.UserAsync([role], team: team);
        return app.WithToken(secret);
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}:\n{text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return JsonNode.Parse(text)!;
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string body) =>
        client.PostAsync("/api/v1/plan/versions", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    [Fact]
    public async Task A_submitted_plan_is_frozen_read_back_with_its_hash_and_compared_in_words_with_what_changed_since()
    {
        var manager = await ClientAsync(AccessRole.ContinuityManager);

        var first = await JsonAsync(await SubmitAsync(manager, """{"scope":"organisation","note":"Consolidated plan for the December review."}"""), HttpStatusCode.Created);
        Assert.Equal("organisation@1", (string)first["version"]!["label"]!);
        Assert.Equal("pending-approval", (string)first["version"]!["state"]!);
        var again = await JsonAsync(await SubmitAsync(manager, """{"scope":"organisation"}"""), HttpStatusCode.Conflict);
        Assert.Contains("organisation@1", (string)again["detail"]!, StringComparison.Ordinal);

        var read = await JsonAsync(await manager.GetAsync("/api/v1/plan/versions/organisation/1", Ct));
        Assert.True((bool)read["verified"]!);
        Assert.False((bool)read["redacted"]!);
        Assert.Equal((int)first["version"]!["elements"]!, read["content"]!.AsArray().Count);
        Assert.Contains(read["content"]!.AsArray(), d => d!["spec"]?["phones"]?["mobile"] is not null);
        // A member reads the plan but not everyone's personal phones.
        var member = await ClientAsync(AccessRole.Member);
        var redacted = await JsonAsync(await member.GetAsync("/api/v1/plan/versions/organisation/1", Ct));
        Assert.True((bool)redacted["redacted"]!);
        Assert.DoesNotContain(redacted["content"]!.AsArray(), d => d!["spec"]?["phones"]?["mobile"] is not null);

        // Course delivery's RTO goes from 4h to 2h; the draft and then version 2 say so in words.
        var function = await manager.GetAsync("/api/v1/functions/course-delivery", Ct);
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/functions/course-delivery")
        {
            Content = new StringContent("""{"spec":{"objectives":{"rto":120}}}""", Encoding.UTF8, "application/merge-patch+json"),
        })
        {
            patch.Headers.IfMatch.Add(function.Headers.ETag!);
            await JsonAsync(await manager.SendAsync(patch, Ct));
        }
        var draft = await JsonAsync(await member.GetAsync("/api/v1/plan/diff?from=1", Ct));
        Assert.Equal(("organisation@1", "organisation@draft"), ((string)draft["from"]!, (string)draft["to"]!));
        var change = Assert.Single(draft["changes"]!.AsArray());
        Assert.Equal(("function:course-delivery", "changed"), ((string)change!["element"]!, (string)change["change"]!));
        Assert.Contains("RTO of Course delivery: 4h → 2h.", change["sentences"]!.AsArray().Select(s => (string)s!));

        var second = await JsonAsync(await SubmitAsync(manager, """{"scope":"organisation"}"""), HttpStatusCode.Created);
        Assert.Equal("organisation@2", (string)second["version"]!["label"]!);
        Assert.NotEqual((string)first["version"]!["contentHash"]!, (string)second["version"]!["contentHash"]!);
        var between = await JsonAsync(await member.GetAsync("/api/v1/plan/diff?scope=organisation&from=1&to=2", Ct));
        Assert.Equal(draft["changes"]!.ToJsonString(), between["changes"]!.ToJsonString());
        var list = await JsonAsync(await member.GetAsync("/api/v1/plan/versions?scope=organisation", Ct));
        Assert.Equal(["organisation@2", "organisation@1"], list["versions"]!.AsArray().Select(v => (string)v!["label"]!));
        var stillFirst = await JsonAsync(await member.GetAsync("/api/v1/plan/versions/organisation/1", Ct));
        Assert.Equal((string)first["version"]!["contentHash"]!, (string)stillFirst["version"]!["contentHash"]!);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "plan.version.submitted" && e.Subject!.StartsWith("organisation@"), Ct)));
    }

    [Fact]
    public async Task A_team_lead_submits_their_team_plan_and_nothing_else()
    {
        var lead = await ClientAsync(AccessRole.TeamLead, "licensing");
        var member = await ClientAsync(AccessRole.Member);
        var manager = await ClientAsync(AccessRole.ContinuityManager);

        var own = await JsonAsync(await SubmitAsync(lead, """{"scope":"team:licensing"}"""), HttpStatusCode.Created);
        Assert.StartsWith("team:licensing@", (string)own["version"]!["label"]!, StringComparison.Ordinal);
        await JsonAsync(await SubmitAsync(lead, """{"scope":"organisation"}"""), HttpStatusCode.Forbidden);
        await JsonAsync(await SubmitAsync(lead, """{"scope":"team:infrastructure"}"""), HttpStatusCode.Forbidden);
        await JsonAsync(await SubmitAsync(member, """{"scope":"team:licensing"}"""), HttpStatusCode.Forbidden);
        var unknown = await JsonAsync(await SubmitAsync(manager, """{"scope":"team:no-such-team"}"""), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(unknown["errors"]!["scope"]);
        var badScope = await JsonAsync(await SubmitAsync(manager, """{"scope":"everything"}"""), HttpStatusCode.BadRequest);
        Assert.NotNull(badScope["errors"]!["scope"]);
        await JsonAsync(await SubmitAsync(manager, "not json"), HttpStatusCode.BadRequest);
        await JsonAsync(await member.GetAsync("/api/v1/plan/versions?scope=nonsense", Ct), HttpStatusCode.BadRequest);
        await JsonAsync(await member.GetAsync("/api/v1/plan/versions/organisation/999", Ct), HttpStatusCode.NotFound);
        await JsonAsync(await member.GetAsync("/api/v1/plan/diff?from=999", Ct), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/plan/versions", Ct)).StatusCode);
    }
}
