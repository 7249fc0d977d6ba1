using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Revisions;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Web;

/// <summary>Changing a function's recovery objectives in the browser: through the one writer,
/// audited field by field, refused for stale forms, bad durations and people who may not change
/// that function, and seen at once in the function's analysis.</summary>
public sealed partial class ObjectivesFormTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manager_changes_the_rto_and_the_function_page_shows_the_new_analysis_and_the_audit_log_the_change()
    {
        using var manager = app.CreateClient(AccessRole.ContinuityManager);
        var before = await manager.GetStringAsync("/functions/license-validation", Ct);
        Assert.Contains("CT201", before);                    // 2h promised, about 6h achievable
        var revision = await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct));

        using var saved = await SubmitAsync(manager, "license-validation", rto: "8h");

        var after = await saved.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.EndsWith("/functions/license-validation", saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("The recovery objectives were saved", after);
        Assert.DoesNotContain("CT201", after);               // 8h is achievable: the finding is gone
        Assert.Equal(480, await app.QueryAsync(db => db.Functions.Where(f => f.Name == "license-validation").Select(f => f.RtoMinutes).SingleAsync(Ct)));
        Assert.Equal(revision + 1, await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct)));

        var entry = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == "function:license-validation").OrderByDescending(e => e.Sequence).FirstAsync(Ct));
        Assert.Equal(Continuity.Audit.AuditChannel.Form, entry.Channel);
        Assert.StartsWith("continuity-manager-", entry.Actor);
        var change = Assert.Single(entry.FieldChanges, c => c.Field == "spec.objectives.rto");
        Assert.Equal(("120", "480"), (change.Before, change.After));
    }

    [Fact]
    public async Task A_form_opened_before_someone_else_saved_changes_nothing_and_shows_the_current_values()
    {
        using var first = app.CreateClient(AccessRole.ContinuityManager);
        using var second = app.CreateClient(AccessRole.ContinuityManager);
        var staleForm = await second.GetStringAsync("/functions/license-issuance/objectives", Ct);

        using var winner = await SubmitAsync(first, "license-issuance", rto: "3d");
        Assert.Equal(HttpStatusCode.OK, winner.StatusCode);
        using var loser = await SubmitAsync(second, "license-issuance", rto: "1h", form: staleForm);

        var page = await loser.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
        Assert.Contains("Someone changed this function while you were editing it", page);
        Assert.Contains("value=\"3d\"", page);
        Assert.Equal(3 * 24 * 60, await app.QueryAsync(db => db.Functions.Where(f => f.Name == "license-issuance").Select(f => f.RtoMinutes).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_duration_that_is_not_one_is_refused_at_its_field_and_nothing_is_written()
    {
        using var manager = app.CreateClient(AccessRole.ContinuityManager);
        var revision = await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct));

        using var response = await SubmitAsync(manager, "lead-capture", rto: "four hours");

        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("field-error[^>]*>[^<]*&#x27;four hours&#x27; is not a duration|field-error[^>]*>[^<]*'four hours' is not a duration", page);
        Assert.Equal(revision, await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct)));
    }

    [Fact]
    public async Task A_team_lead_changes_their_own_teams_functions_only()
    {
        using var licensing = await app.SignedInBrowserAsync(AccessRole.TeamLead, "licensing");
        using var infrastructure = await app.SignedInBrowserAsync(AccessRole.TeamLead, "infrastructure");

        Assert.Equal(HttpStatusCode.OK, (await licensing.GetAsync("/functions/license-issuance/objectives", Ct)).StatusCode);
        Assert.Contains("Change objectives", await licensing.GetStringAsync("/functions/license-issuance", Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await infrastructure.GetAsync("/functions/license-issuance/objectives", Ct)).StatusCode);
        Assert.DoesNotContain("Change objectives", await infrastructure.GetStringAsync("/functions/license-issuance", Ct));

        // The post is refused on the server too, whatever the page showed.
        var form = await licensing.GetStringAsync("/functions/license-issuance/objectives", Ct);
        var token = ContinuityApp.AntiforgeryToken(await infrastructure.GetStringAsync("/functions", Ct));   // the sign-out form's
        using var post = await infrastructure.PostAsync("/functions/license-issuance/objectives", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Rto"] = "1m",
            ["Form.Version"] = Version(form),
        }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task Readers_see_no_change_link_and_cannot_open_the_form()
    {
        using var member = await app.SignedInBrowserAsync(AccessRole.Member);

        Assert.DoesNotContain("Change objectives", await member.GetStringAsync("/functions/course-delivery", Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/functions/course-delivery/objectives", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_function_is_not_found()
    {
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/functions/no-such-function/objectives", Ct)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string function, string rto, string? form = null)
    {
        var path = $"/functions/{function}/objectives";
        form ??= await client.GetStringAsync(path, Ct);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ContinuityApp.AntiforgeryToken(form),
            ["Form.Rto"] = rto,
            ["Form.Rpo"] = Value(form, "Form.Rpo"),
            ["Form.Mtpd"] = Value(form, "Form.Mtpd"),
            ["Form.Version"] = Version(form),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    private static string Version(string form) => Value(form, "Form.Version");

    private static string Value(string form, string field)
    {
        var input = Regex.Match(form, $"<input[^>]*name=\"{Regex.Escape(field)}\"[^>]*>");
        Assert.True(input.Success, $"The form has no {field}.");
        return ValueAttribute().Match(input.Value) is { Success: true } value ? System.Net.WebUtility.HtmlDecode(value.Groups[1].Value) : "";
    }

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
