using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Revisions;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Web;

/// <summary>The forms of every kind of element (generated from the plan model), posted as a browser
/// without JavaScript posts them: create, edit, errors at their field, stale saves, delete with and
/// without references, and who may do what. Run on SQLite and on PostgreSQL.</summary>
public abstract partial class ElementFormsTests(ContinuityApp app)
{
    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One element of each kind in the demo plan, by its form's path.</summary>
    public static TheoryData<string> EditForms => new()
    {
        "/organisation/edit", "/sites/aws-eu-west-1/edit", "/teams/licensing/edit", "/people/maya-okafor/edit",
        "/roles/incident-commander/edit", "/functions/license-validation/edit", "/systems/license-db/edit", "/vendors/aws/edit",
        "/risks/ransomware-attack/edit", "/scenarios/region-outage/edit", "/procedures/license-service-recovery/edit",
        "/communication-plans/crisis-communications/edit", "/backup-policies/license-db-backup/edit",
    };

    [Theory]
    [MemberData(nameof(EditForms))]
    public async Task Every_kinds_form_shows_the_stored_element_and_saving_it_unchanged_changes_nothing(string path)
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var revision = await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct));

        var form = await manager.GetStringAsync(path, Ct);
        using var saved = await PostAsync(manager, path, Fields(form));

        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)saved.StatusCode} {Problems(await saved.Content.ReadAsStringAsync(Ct))}");
        Assert.Equal(path[..^"/edit".Length].Replace("/organisation", "/organisation", StringComparison.Ordinal), saved.Headers.Location!.OriginalString);
        var changed = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Revision > revision).ToListAsync(Ct));
        Assert.True(changed.Count == 0, $"{path} changed: " + string.Join("; ", changed.SelectMany(e => e.FieldChanges).Select(c => $"{c.Field}: {c.Before} → {c.After}")));
    }

    /// <summary>The least each kind needs: a name, a title and its required fields.</summary>
    public static TheoryData<string, string> NewElements => new()
    {
        { "sites", "spec.type=office" }, { "teams", "" }, { "people", "spec.email=form.person@example.com" }, { "roles", "" },
        { "functions", "spec.team=licensing" }, { "systems", "spec.type=application" }, { "vendors", "" }, { "risks", "spec.threat=cyber" },
        { "scenarios", "" }, { "procedures", "" }, { "communication-plans", "" }, { "backup-policies", "spec.system=license-db;spec.method=snapshot" },
    };

    [Theory]
    [MemberData(nameof(NewElements))]
    public async Task A_manager_creates_an_element_of_every_kind_then_changes_its_title_and_removes_it(string kind, string required)
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var name = $"form-{kind}-created";

        var fields = Fields(await manager.GetStringAsync($"/{kind}/new", Ct));
        fields["metadata.name"] = name;
        fields["metadata.title"] = "Made in a form";
        foreach (var pair in required.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            fields[pair.Split('=')[0]] = pair.Split('=')[1];
        }
        using (var created = await PostAsync(manager, $"/{kind}/new", fields))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"{kind}: {(int)created.StatusCode} {Problems(await created.Content.ReadAsStringAsync(Ct))}");
            Assert.Equal($"/{kind}/{name}", created.Headers.Location!.OriginalString);
        }
        Assert.Contains("\"title\":\"Made in a form\"", await ApiAsync(manager, kind, name));

        var edit = Fields(await manager.GetStringAsync($"/{kind}/{name}/edit", Ct));
        Assert.Equal("Made in a form", edit["metadata.title"]);
        edit["metadata.title"] = "Changed in a form";
        using (var changed = await PostAsync(manager, $"/{kind}/{name}/edit", edit))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }
        Assert.Contains("\"title\":\"Changed in a form\"", await ApiAsync(manager, kind, name));
        var entry = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Subject!.EndsWith(":" + name)).OrderByDescending(e => e.Sequence).FirstAsync(Ct));
        Assert.Equal(Continuity.Audit.AuditChannel.Form, entry.Channel);
        Assert.Contains(entry.FieldChanges, c => c.Field == "metadata.title");

        var confirm = await manager.GetStringAsync($"/{kind}/{name}/delete", Ct);
        Assert.Contains("Nothing in the plan refers to it", confirm);
        using (var removed = await PostAsync(manager, $"/{kind}/{name}/delete", Fields(confirm)))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
            Assert.Equal($"/{kind}", removed.Headers.Location!.OriginalString);
        }
        using var gone = await manager.GetAsync($"/api/v1/{kind}/{name}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_bad_duration_is_refused_next_to_its_input_with_the_plan_file_message_and_the_input_kept()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var revision = await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct));
        var fields = Fields(await manager.GetStringAsync("/functions/lead-capture/edit", Ct));
        fields["spec.objectives.rto"] = "four hours";

        using var response = await PostAsync(manager, "/functions/lead-capture/edit", fields);

        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("name=\"spec.objectives.rto\"[^>]*value=\"four hours\"[^>]*aria-invalid=\"true\">(<p class=\"hint\">[^<]*</p>)?<span class=\"field-error\" role=\"alert\">&#x27;four hours&#x27; is not a duration", page);
        Assert.Equal(revision, await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct)));
    }

    [Fact]
    public async Task A_missing_required_field_and_a_bad_name_land_at_their_inputs()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var fields = Fields(await manager.GetStringAsync("/backup-policies/new", Ct));
        fields["metadata.name"] = "Not A Slug";
        fields["spec.method"] = "snapshot";
        fields["spec.system"] = "license-db";

        using var badName = await PostAsync(manager, "/backup-policies/new", fields);

        var page = await badName.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, badName.StatusCode);
        Assert.Matches("id=\"f-metadata-name\"[^>]*>(<p class=\"hint\">[^<]*</p>)?<span class=\"field-error\"[^>]*>&#x27;Not A Slug&#x27; is not a valid name", page);

        fields["metadata.name"] = "backup-without-system";
        fields["spec.system"] = "";
        using var noSystem = await PostAsync(manager, "/backup-policies/new", fields);

        page = await noSystem.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, noSystem.StatusCode);
        Assert.True(Regex.IsMatch(page, "id=\"f-spec-system\"[^>]*>(<p class=\"hint\">[^<]*</p>)?<span class=\"field-error\"[^>]*>&#x27;spec&#x27; needs &#x27;system&#x27;"), Problems(page));
        Assert.Contains("value=\"backup-without-system\"", page);
    }

    [Fact]
    public async Task A_reference_to_nothing_is_refused_with_the_plans_message()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var fields = Fields(await manager.GetStringAsync("/systems/license-db/edit", Ct));
        fields["spec.vendor"] = "no-such-vendor";

        using var response = await PostAsync(manager, "/systems/license-db/edit", fields);

        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-such-vendor", page);
        Assert.Contains("field-error", page);
        Assert.DoesNotContain("no-such-vendor", await ApiAsync(manager, "systems", "license-db"));
    }

    [Fact]
    public async Task A_stale_save_keeps_the_input_shows_the_other_change_and_can_save_over_it()
    {
        await RequireDatabaseAsync();
        using var first = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using var second = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var mine = Fields(await second.GetStringAsync("/vendors/cloudflare/edit", Ct));

        var theirs = Fields(await first.GetStringAsync("/vendors/cloudflare/edit", Ct));
        theirs["spec.sla"] = "99.99% monthly, theirs";
        using (var winner = await PostAsync(first, "/vendors/cloudflare/edit", theirs))
        {
            Assert.Equal(HttpStatusCode.Redirect, winner.StatusCode);
        }
        mine["spec.exitStrategy"] = "Move DNS to a second provider, mine";
        using var loser = await PostAsync(second, "/vendors/cloudflare/edit", mine);

        var page = await loser.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
        Assert.Contains("Someone else changed this vendor while you were editing it", page);
        Assert.Matches("<td class=\"mono\">spec.sla</td>\\s*<td><pre>99.99% monthly, theirs</pre></td>\\s*<td><pre>[^<]*</pre></td>\\s*<td>them</td>", page);
        Assert.Matches("<td class=\"mono\">spec.exitStrategy</td>\\s*<td><pre>[^<]*</pre></td>\\s*<td><pre>Move DNS to a second provider, mine</pre></td>\\s*<td>you</td>", page);
        Assert.Contains(">\nMove DNS to a second provider, mine</textarea>", page);
        Assert.Contains("Save mine over theirs", page);
        Assert.Contains("Discard mine", page);
        Assert.Contains("theirs", await ApiAsync(first, "vendors", "cloudflare"));
        Assert.DoesNotContain("mine", await ApiAsync(first, "vendors", "cloudflare"));

        using var over = await PostAsync(second, "/vendors/cloudflare/edit", Fields(page));
        Assert.Equal(HttpStatusCode.Redirect, over.StatusCode);
        var stored = await ApiAsync(first, "vendors", "cloudflare");
        Assert.Contains("Move DNS to a second provider, mine", stored);
        Assert.DoesNotContain("theirs", stored);          // mine was saved over theirs, as asked
    }

    [Fact]
    public async Task Removing_an_element_still_referred_to_is_refused_with_what_refers_to_it()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);

        var page = await manager.GetStringAsync("/systems/license-db/delete", Ct);

        Assert.Contains("It cannot be removed", page);
        Assert.Matches("<a href=\"/backup-policies/license-db-backup\">[^<]*</a>[^<]*<span[^>]*>license-db-backup</span></td>\\s*<td class=\"mono\">spec.system</td>", page);
        Assert.DoesNotContain("Remove system</button>", page);

        // Posting anyway (an old confirmation page) is refused by the writer, with its message.
        var version = await app.QueryAsync(db => db.Systems.Where(s => s.Name == "license-db").Select(s => s.Version).SingleAsync(Ct));
        using var refused = await PostAsync(manager, "/systems/license-db/delete", new() { ["_version"] = version.ToString() }, page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("was not removed", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/systems/license-db", Ct)).StatusCode);
    }

    [Fact]
    public async Task Dependency_rows_are_added_and_removed_by_posting_the_form_without_javascript()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var form = await manager.GetStringAsync("/functions/license-issuance/edit", Ct);
        var fields = Fields(form);
        var count = int.Parse(fields["_n.spec.dependsOn"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count >= 2);

        fields["_add"] = "spec.dependsOn";
        using var added = await PostAsync(manager, "/functions/license-issuance/edit", fields);
        var withRow = await added.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains($"name=\"spec.dependsOn[{count}].on\"", withRow);

        var filled = Fields(withRow);
        filled[$"spec.dependsOn[{count}].on"] = "vendor:auth0";
        filled[$"spec.dependsOn[{count}].type"] = "degraded";
        var firstDependency = filled["spec.dependsOn[0].on"];
        filled["_remove"] = "spec.dependsOn[0]";
        using var removed = await PostAsync(manager, "/functions/license-issuance/edit", filled);
        var withoutFirst = Fields(await removed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), withoutFirst["_n.spec.dependsOn"]);
        Assert.Equal("vendor:auth0", withoutFirst[$"spec.dependsOn[{count - 1}].on"]);

        using var saved = await PostAsync(manager, "/functions/license-issuance/edit", withoutFirst);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await ApiAsync(manager, "functions", "license-issuance");
        Assert.True(Regex.IsMatch(stored, "\\{\"on\":\"vendor:auth0\"[^{}]*\"type\":\"degraded\"[^{}]*\\}", RegexOptions.IgnoreCase), stored);
        Assert.DoesNotContain($"\"{firstDependency}\"", stored);
    }

    [Fact]
    public async Task A_viewer_may_not_open_or_post_any_form()
    {
        await RequireDatabaseAsync();
        using var member = await app.SignedInBrowserAsync(AccessRole.Member);
        foreach (var path in new[] { "/functions/new", "/functions/license-validation/edit", "/functions/license-validation/delete", "/organisation/edit" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(path, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task A_team_lead_changes_their_teams_elements_only_and_cannot_give_one_to_another_team()
    {
        await RequireDatabaseAsync();
        using var lead = await app.SignedInBrowserAsync(AccessRole.TeamLead, "licensing");

        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/systems/platform-api/edit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/sites/new", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/organisation/edit", Ct)).StatusCode);

        var newFunction = await lead.GetStringAsync("/functions/new", Ct);
        Assert.Matches("<select name=\"spec.team\" id=\"f-spec-team\"><option value=\"licensing\" selected>licensing</option></select>", newFunction);

        var fields = Fields(await lead.GetStringAsync("/functions/license-issuance/edit", Ct));
        fields["spec.team"] = "platform";
        using var moved = await PostAsync(lead, "/functions/license-issuance/edit", fields);
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        Assert.Contains("\"team\":\"licensing\"", await ApiAsync(lead, "functions", "license-issuance"));
    }

    // ------------------------------------------------------------------ helpers

    private static async Task<string> ApiAsync(HttpClient client, string collection, string name) =>
        await client.GetStringAsync($"/api/v1/{collection}/{name}", Ct);

    /// <summary>Posts the fields (a form's, as a browser would send them) with a fresh antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields, string? page = null)
    {
        fields["__RequestVerificationToken"] = ContinuityApp.AntiforgeryToken(page ?? await client.GetStringAsync(path, Ct));
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>What a browser submits of the page's form: inputs (checked checkboxes only), textareas and selects.</summary>
    private static Dictionary<string, string> Fields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "name") is not { } name || Attribute(tag, "type") is "submit")
            {
                continue;
            }
            if (Attribute(tag, "type") == "checkbox" && !tag.Contains(" checked", StringComparison.Ordinal))
            {
                continue;
            }
            fields[name] = Attribute(tag, "value") ?? "";
        }
        foreach (Match area in TextAreaTag().Matches(html))
        {
            // As a browser does, the one newline right after <textarea> is not part of the value.
            var text = WebUtility.HtmlDecode(area.Groups[2].Value);
            fields[WebUtility.HtmlDecode(area.Groups[1].Value)] = text.StartsWith('\n') ? text[1..] : text;
        }
        foreach (Match select in SelectTag().Matches(html))
        {
            var options = OptionTag().Matches(select.Groups[2].Value);
            var chosen = options.FirstOrDefault(o => o.Value.Contains(" selected", StringComparison.Ordinal)) ?? options.FirstOrDefault();
            fields[WebUtility.HtmlDecode(select.Groups[1].Value)] = chosen is null ? "" : WebUtility.HtmlDecode(chosen.Groups[1].Value);
        }
        fields.Remove("__RequestVerificationToken");
        return fields;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string Problems(string html) =>
        string.Join(" | ", Regex.Matches(html, "<(?:li|span class=\"field-error\"[^>]*)>([^<]*)<").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));

    [GeneratedRegex("<input\\s[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>")]
    private static partial Regex TextAreaTag();

    [GeneratedRegex("<select name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectTag();

    [GeneratedRegex("<option value=\"([^\"]*)\"[^>]*>")]
    private static partial Regex OptionTag();
}

public sealed class SqliteElementFormsTests(DemoApp app) : ElementFormsTests(app), IClassFixture<DemoApp>;

public sealed class PostgresElementFormsTests(PostgresDemoApp app) : ElementFormsTests(app), IClassFixture<PostgresDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}
