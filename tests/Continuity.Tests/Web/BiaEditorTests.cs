using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Revisions;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Web;

public sealed class SqliteBiaEditorTests(DemoApp app) : BiaEditorTests(app), IClassFixture<DemoApp>;

public sealed class PostgresBiaEditorTests(PostgresDemoApp app) : BiaEditorTests(app), IClassFixture<PostgresDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}

/// <summary>The BIA editor of a function: the grid of the organisation's categories × time points,
/// the financial-loss row, the MTPD suggested from the first intolerable point (the rule of check
/// CT109), the RTO ≥ MTPD warning, saved through the one writer with the function's ETag.</summary>
public abstract partial class BiaEditorTests(ContinuityApp app)
{
    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_editor_shows_the_grid_of_categories_and_time_points_with_the_stored_ratings_and_losses()
    {
        await RequireDatabaseAsync();
        using var manager = app.CreateClient(AccessRole.ContinuityManager);

        var page = await manager.GetStringAsync("/functions/license-issuance/bia", Ct);
        var fields = Fields(page);

        Assert.Equal(6 * 6 + 6, fields.Keys.Count(k => k.StartsWith("Form.Cells[", StringComparison.Ordinal) || k.StartsWith("Form.Losses[", StringComparison.Ordinal)));
        Assert.Equal("major", fields["Form.Cells[financial|10080]"]);      // financial 1w: major
        Assert.Equal("45000", fields["Form.Losses[10080]"]);
        Assert.Equal("1w", fields["Form.Mtpd"]);
        Assert.Contains("Financial loss", page);
        Assert.Contains("(USD)", page);
    }

    [Fact]
    public async Task A_crafted_grid_suggests_the_first_intolerable_point_using_it_fills_the_mtpd_and_warns_that_the_rto_is_longer()
    {
        await RequireDatabaseAsync();
        using var manager = app.CreateClient(AccessRole.ContinuityManager);
        var page = await manager.GetStringAsync("/functions/license-issuance/bia", Ct);
        var fields = Fields(page);
        foreach (var key in fields.Keys.Where(k => k.StartsWith("Form.Cells[", StringComparison.Ordinal)).ToList())
        {
            fields[key] = "minor";
        }
        fields["Form.Cells[customer|240]"] = "major";      // intolerable from 4h …
        fields["Form.Cells[legal|1440]"] = "severe";       // … and later from 1d: 4h is the first

        using var suggested = await manager.PostAsync("/functions/license-issuance/bia?handler=Suggest", new FormUrlEncodedContent(fields), Ct);
        var answer = await suggested.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, suggested.StatusCode);
        Assert.Equal("4h", Fields(answer)["Form.Mtpd"]);
        Assert.Contains("Suggested MTPD: <strong class=\"mono\" data-suggested-mtpd=\"4h\">4h</strong>", answer);
        Assert.Contains("customer rated major after 4h", answer);
        Assert.Contains("The RTO (1d) is not shorter than this MTPD (4h)", answer);
        Assert.Equal(fields["Form.Cells[legal|1440]"], Fields(answer)["Form.Cells[legal|1440]"]);   // the grid as entered is kept
    }

    [Fact]
    public async Task Saving_writes_the_ratings_losses_and_mtpd_and_check_CT109_judges_the_saved_mtpd_by_the_same_rule()
    {
        await RequireDatabaseAsync();
        using var manager = app.CreateClient(AccessRole.ContinuityManager);
        var revision = await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct));
        var fields = Fields(await manager.GetStringAsync("/functions/people-operations/bia", Ct));
        foreach (var key in fields.Keys.Where(k => k.StartsWith("Form.Cells[", StringComparison.Ordinal)).ToList())
        {
            fields[key] = "minimal";
        }
        fields["Form.Cells[operational|4320]"] = "major";   // intolerable from 3d
        fields["Form.Losses[4320]"] = "12,500";
        fields["Form.Mtpd"] = "2w";                          // longer than the analysis tolerates

        using var saved = await manager.PostAsync("/functions/people-operations/bia", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.EndsWith("/functions/people-operations", saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(revision + 1, await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct)));
        var id = await app.QueryAsync(db => db.Functions.Where(f => f.Name == "people-operations").Select(f => f.Id).SingleAsync(Ct));
        Assert.Equal(Continuity.PlanFiles.ImpactRating.Major,
            await app.QueryAsync(db => db.FunctionImpacts.Where(i => i.FunctionId == id && i.Category == "operational" && i.Minutes == 4320).Select(i => i.Rating).SingleAsync(Ct)));
        Assert.Equal(12500, await app.QueryAsync(db => db.FinancialLosses.Where(l => l.FunctionId == id && l.Minutes == 4320).Select(l => l.Amount).SingleAsync(Ct)));
        Assert.Equal(14 * 24 * 60, await app.QueryAsync(db => db.Functions.Where(f => f.Name == "people-operations").Select(f => f.MtpdMinutes).SingleAsync(Ct)));

        var checks = await manager.GetStringAsync("/checks?check=CT109&q=people-operations", Ct);
        Assert.Contains("rates operational major already at 3d", checks);
        Assert.Contains("Suggested MTPD: <strong class=\"mono\" data-suggested-mtpd=\"3d\">3d</strong>", await manager.GetStringAsync("/functions/people-operations/bia", Ct));
    }

    [Fact]
    public async Task Input_that_is_not_a_rating_an_amount_or_a_duration_is_refused_at_its_field_and_nothing_is_written()
    {
        await RequireDatabaseAsync();
        using var manager = app.CreateClient(AccessRole.ContinuityManager);
        var revision = await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct));
        var fields = Fields(await manager.GetStringAsync("/functions/lead-capture/bia", Ct));
        fields["Form.Losses[60]"] = "12.5k";
        fields["Form.Cells[legal|60]"] = "catastrophic";
        fields["Form.Mtpd"] = "soon";

        using var response = await manager.PostAsync("/functions/lead-capture/bia", new FormUrlEncodedContent(fields), Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The loss at 1h must be a whole amount in USD", page);
        Assert.Contains("is not a rating of legal at 1h", page);
        Assert.Contains("is not a duration", page);
        Assert.Equal(revision, await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct)));
    }

    [Fact]
    public async Task A_form_opened_before_someone_else_saved_keeps_the_input_and_says_what_is_stored_now()
    {
        await RequireDatabaseAsync();
        using var first = app.CreateClient(AccessRole.ContinuityManager);
        using var second = app.CreateClient(AccessRole.ContinuityManager);
        var stale = Fields(await second.GetStringAsync("/functions/marketing-website/bia", Ct));
        var winner = Fields(await first.GetStringAsync("/functions/marketing-website/bia", Ct));
        winner["Form.Cells[reputational|60]"] = "severe";
        using var won = await first.PostAsync("/functions/marketing-website/bia", new FormUrlEncodedContent(winner), Ct);
        Assert.EndsWith("/functions/marketing-website", won.RequestMessage!.RequestUri!.AbsolutePath);

        stale["Form.Cells[reputational|60]"] = "moderate";
        using var lost = await second.PostAsync("/functions/marketing-website/bia", new FormUrlEncodedContent(stale), Ct);
        var page = await lost.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        Assert.Contains("Someone changed this function while you were editing it", page);
        Assert.Contains("reputational at 1h: stored now severe, yours moderate", page);
        Assert.Equal("moderate", Fields(page)["Form.Cells[reputational|60]"]);
        var id = await app.QueryAsync(db => db.Functions.Where(f => f.Name == "marketing-website").Select(f => f.Id).SingleAsync(Ct));
        Assert.Equal(Continuity.PlanFiles.ImpactRating.Severe,
            await app.QueryAsync(db => db.FunctionImpacts.Where(i => i.FunctionId == id && i.Category == "reputational" && i.Minutes == 60).Select(i => i.Rating).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Readers_and_leads_of_other_teams_are_refused_on_get_and_post_the_functions_team_lead_is_not()
    {
        await RequireDatabaseAsync();
        using var member = await app.SignedInBrowserAsync(AccessRole.Member);
        using var licensing = await app.SignedInBrowserAsync(AccessRole.TeamLead, "licensing");
        using var infrastructure = await app.SignedInBrowserAsync(AccessRole.TeamLead, "infrastructure");

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/functions/license-validation/bia", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await infrastructure.GetAsync("/functions/license-validation/bia", Ct)).StatusCode);
        var form = Fields(await licensing.GetStringAsync("/functions/license-validation/bia", Ct));
        form["__RequestVerificationToken"] = ContinuityApp.AntiforgeryToken(await infrastructure.GetStringAsync("/checks", Ct));
        using var post = await infrastructure.PostAsync("/functions/license-validation/bia", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await licensing.GetAsync("/functions/no-such-function/bia", Ct)).StatusCode);
    }

    /// <summary>The fields the BIA form posts: inputs with their values, selects with the option selected.</summary>
    internal static Dictionary<string, string> Fields(string page)
    {
        var start = page.IndexOf("class=\"bia-form\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page has no BIA form.");
        var form = page[start..page.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputElement().Matches(form))
        {
            var name = WebUtility.HtmlDecode(input.Groups["name"].Value);
            var value = ValueAttribute().Match(input.Value);
            fields.TryAdd(name, value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "");
        }
        foreach (Match select in SelectElement().Matches(form))
        {
            var chosen = SelectedOption().Match(select.Groups["options"].Value);
            fields[WebUtility.HtmlDecode(select.Groups["name"].Value)] = chosen.Success ? chosen.Groups[1].Value : "";
        }
        return fields;
    }

    [GeneratedRegex("<input[^>]*name=\"(?<name>[^\"]+)\"[^>]*>")]
    private static partial Regex InputElement();

    [GeneratedRegex(" value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<select name=\"(?<name>[^\"]+)\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectElement();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected=\"selected\"")]
    private static partial Regex SelectedOption();
}
