using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.PlanFiles;
using Continuity.Revisions;
using Continuity.Store;
using Continuity.Tests.Support;
using Continuity.Web.Api;
using Continuity.Web.Pages.Shared;
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
    public async Task A_team_lead_creates_for_their_team_only_and_cannot_give_an_element_to_another_team()
    {
        await RequireDatabaseAsync();
        using var lead = await app.SignedInBrowserAsync(AccessRole.TeamLead, "licensing");

        var newFunction = await lead.GetStringAsync("/functions/new", Ct);
        Assert.Matches("<select name=\"spec.team\" id=\"f-spec-team\"><option value=\"licensing\" selected>licensing</option></select>", newFunction);

        var fields = Fields(await lead.GetStringAsync("/functions/license-issuance/edit", Ct));
        fields["spec.team"] = "platform";
        using var moved = await PostAsync(lead, "/functions/license-issuance/edit", fields);
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        Assert.Contains("\"team\":\"licensing\"", await ApiAsync(lead, "functions", "license-issuance"));
    }

    // ------------------------------------------------------------------ stale saves, every kind

    [Theory]
    [MemberData(nameof(EditForms))]
    public async Task A_stale_save_of_every_kind_keeps_the_input_says_who_changed_what_and_saves_over_theirs_only_when_asked(string path)
    {
        await RequireDatabaseAsync();
        var (kind, name) = await ElementOfAsync(path);
        var before = await StoredAsync(kind, name);
        using var first = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using var second = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var mine = Fields(await second.GetStringAsync(path, Ct));
        var original = new Dictionary<string, string>(mine, StringComparer.Ordinal);

        var theirs = Fields(await first.GetStringAsync(path, Ct));
        theirs["metadata.title"] = "Retitled by someone else";
        using (var winner = await PostAsync(first, path, theirs))
        {
            Assert.True(winner.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)winner.StatusCode} {Problems(await winner.Content.ReadAsStringAsync(Ct))}");
        }
        mine["spec.description"] = "Described by me while they retitled it";
        using var loser = await PostAsync(second, path, mine);

        var page = await loser.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
        Assert.Contains($"Someone else changed this {ElementRoutes.SingularTitle(kind)} while you were editing it", page);
        Assert.Equal(
            [
                new ConflictCells("metadata.title", "Retitled by someone else", Shown(original["metadata.title"]), "them"),
                new ConflictCells("spec.description", Shown(original["spec.description"]), "Described by me while they retitled it", "you"),
            ],
            ConflictRows(page));
        var kept = Fields(page);
        Assert.Equal("Described by me while they retitled it", kept["spec.description"]);
        Assert.Equal(original["metadata.title"], kept["metadata.title"]);
        Assert.Contains(">Save mine over theirs</button>", page);
        Assert.Contains(">Discard mine</a>", page);
        var stored = (await StoredAsync(kind, name))!.Value.Json;
        Assert.Contains("Retitled by someone else", stored);
        Assert.DoesNotContain("Described by me", stored);

        using (var over = await PostAsync(second, path, kept))
        {
            Assert.True(over.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)over.StatusCode} {Problems(await over.Content.ReadAsStringAsync(Ct))}");
        }
        stored = (await StoredAsync(kind, name))!.Value.Json;
        Assert.Contains("Described by me while they retitled it", stored);
        Assert.DoesNotContain("Retitled by someone else", stored);       // mine was saved over theirs, as asked

        // Back as it was, for the other tests of the class.
        var restore = Fields(await first.GetStringAsync(path, Ct));
        restore["spec.description"] = original["spec.description"];
        using (var restored = await PostAsync(first, path, restore))
        {
            Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        }
        Assert.Equal(before!.Value.Json, (await StoredAsync(kind, name))!.Value.Json);
    }

    // ------------------------------------------------------------------ removing, every kind

    /// <summary>Marks a reference the test makes itself: a waiver of the organisation for the element.</summary>
    private const string ByAWaiver = "/organisation";

    /// <summary>An element of each kind that something refers to, one of its referrers, the field
    /// and what that field makes of the element in words.</summary>
    public static TheoryData<string, string, string, string> ReferredElements => new()
    {
        { "/sites/aws-eu-west-1", "/backup-policies/license-db-backup", "spec.storage.site", "Stored at" },
        { "/teams/licensing", "/procedures/license-service-recovery", "spec.team", "Team" },
        { "/people/ben-adler", "/teams/licensing", "spec.manager", "Manager" },
        { "/roles/license-on-call", "/procedures/license-service-recovery", "spec.steps[0].responsible", "Step 1: responsible" },
        { "/functions/license-validation", "/procedures/license-service-recovery", "spec.recovers[0]", "Recovers" },
        { "/systems/license-db", "/backup-policies/license-db-backup", "spec.system", "Backs up" },
        { "/vendors/aws", "/sites/aws-eu-west-1", "spec.vendor", "Run by" },
        { "/risks/ransomware-attack", "/scenarios/ransomware-data-corruption", "spec.risks[0]", "Risk" },
        { "/scenarios/region-outage", "/procedures/license-service-recovery", "spec.scenarios[0]", "For scenario" },
        // Little or nothing refers to these in the demo: a waiver made by the test does.
        { "/procedures/license-service-recovery", ByAWaiver, "", "Waiver for" },
        { "/communication-plans/crisis-communications", ByAWaiver, "", "Waiver for" },
        { "/backup-policies/license-db-backup", ByAWaiver, "", "Waiver for" },
    };

    [Theory]
    [MemberData(nameof(ReferredElements))]
    public async Task An_element_of_every_kind_still_referred_to_is_not_removed_and_the_page_lists_what_refers_to_it(
        string element, string referrer, string field, string words)
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var (kind, name) = await ElementOfAsync(element);
        var waiver = referrer == ByAWaiver ? await WaiveAsync(manager, kind, name) : null;
        field = waiver?.Field ?? field;
        var before = await StoredAsync(kind, name);

        var page = await manager.GetStringAsync($"{element}/delete", Ct);

        var heading = Regex.Match(page, "It cannot be removed: (\\d+) references? to it");
        Assert.True(heading.Success, $"{element}: {Problems(page)}");
        var rows = ReferrerRow().Matches(page);
        Assert.Equal(int.Parse(heading.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), rows.Count);
        Assert.Contains(rows, row => row.Groups["href"].Value == referrer
            && WebUtility.HtmlDecode(row.Groups["words"].Value) == words && row.Groups["field"].Value == field);
        Assert.All(rows, row => Assert.NotEmpty(row.Groups["words"].Value));
        Assert.DoesNotContain($"Remove {ElementRoutes.SingularTitle(kind)}</button>", page);

        // Posting anyway (an old confirmation page) is refused by the writer, with its message.
        using var refused = await PostAsync(manager, $"{element}/delete", new() { ["_version"] = before!.Value.Version.ToString() }, page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"The {ElementRoutes.SingularTitle(kind)} was not removed", refusal);
        // The writer counts the references in the stored plan itself: the page's list misses none.
        var remain = Regex.Match(refusal, "(\\d+) reference\\(s\\) to it remain");
        Assert.True(remain.Success, Problems(refusal));
        Assert.Equal(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), remain.Groups[1].Value);
        var (referrerKind, referrerName) = await ElementOfAsync(referrer);
        Assert.Contains($"{ElementKinds.Slug(referrerKind)}:{referrerName} refers to it in {field}.", refusal);
        Assert.Equal(before, await StoredAsync(kind, name));

        if (waiver is not null)
        {
            await RemoveWaiverAsync(manager, waiver.Value.Element);
        }
    }

    [Fact]
    public async Task The_organisation_has_no_remove_page_and_posting_to_one_removes_nothing()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var (_, name) = await ElementOfAsync("/organisation/edit");
        var before = await StoredAsync(ElementKind.Organisation, name);
        var page = await manager.GetStringAsync("/organisation", Ct);
        Assert.DoesNotContain("/delete\"", page);

        foreach (var path in new[] { "/organisation/delete", $"/organisation/{name}/delete", $"/organisations/{name}/delete" })
        {
            using var get = await manager.GetAsync(path, Ct);
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)get.StatusCode}");
            Assert.Contains("Page not found", await get.Content.ReadAsStringAsync(Ct));
            using var post = await PostAsync(manager, path, new() { ["_version"] = before!.Value.Version.ToString() }, page);
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {path}: {(int)post.StatusCode}");
        }
        Assert.Equal(before, await StoredAsync(ElementKind.Organisation, name));
    }

    // ------------------------------------------------------------------ who may open and post the forms

    /// <summary>One element of each kind, and the organisation, by its page.</summary>
    public static TheoryData<string> OneOfEachKind => new()
    {
        "/organisation", "/sites/boston-office", "/teams/marketing", "/people/grace-obi", "/roles/scribe", "/functions/lead-capture",
        "/systems/marketing-cms", "/vendors/cloudflare", "/risks/office-fire-or-flood", "/scenarios/office-loss", "/procedures/office-loss-response",
        "/communication-plans/crisis-communications", "/backup-policies/support-desk-backup",
    };

    [Theory]
    [MemberData(nameof(OneOfEachKind))]
    public async Task Someone_not_signed_in_is_sent_to_sign_in_by_every_form_of_every_kind(string element)
    {
        await RequireDatabaseAsync();
        using var anonymous = app.CreateBrowser();
        var token = ContinuityApp.AntiforgeryToken(await anonymous.GetStringAsync("/account/sign-in", Ct));
        var (kind, name) = await ElementOfAsync(element);
        var before = await StoredAsync(kind, name);

        foreach (var form in FormsOf(element))
        {
            using var get = await anonymous.GetAsync(form, Ct);
            Assert.True(SentToSignIn(get), $"GET {form}: {(int)get.StatusCode} {get.Headers.Location}");
            using var post = await anonymous.PostAsync(form, new FormUrlEncodedContent(ForbiddenChange(token, kind, before!.Value.Version)), Ct);
            Assert.True(SentToSignIn(post), $"POST {form}: {(int)post.StatusCode} {post.Headers.Location}");
        }
        Assert.Equal(before, await StoredAsync(kind, name));
        Assert.Null(await StoredAsync(kind, ForbiddenName(kind)));
    }

    [Theory]
    [MemberData(nameof(OneOfEachKind))]
    public async Task A_member_may_neither_open_nor_post_any_form_of_any_kind(string element)
    {
        await RequireDatabaseAsync();
        using var member = await app.SignedInBrowserAsync(AccessRole.Member);
        await AssertFormsRefusedAsync(member, element);
    }

    /// <summary>The kinds a team lead never changes: they belong to the whole plan, not to a team.</summary>
    public static TheoryData<string> WholePlanElements => new()
    {
        "/organisation", "/sites/aws-eu-west-1", "/teams/licensing", "/vendors/aws", "/risks/ransomware-attack", "/scenarios/region-outage",
        "/communication-plans/crisis-communications",
    };

    [Theory]
    [MemberData(nameof(WholePlanElements))]
    public async Task A_team_lead_may_neither_open_nor_post_the_forms_of_the_whole_plans_kinds(string element)
    {
        await RequireDatabaseAsync();
        using var lead = await app.SignedInBrowserAsync(AccessRole.TeamLead, "licensing");
        await AssertFormsRefusedAsync(lead, element);
    }

    /// <summary>Of each team-owned kind, an element of the lead's team (licensing), one that is not,
    /// and the fields of a new element that would belong to another team.</summary>
    public static TheoryData<string, string, string> TeamElements => new()
    {
        { "/functions/license-validation", "/functions/lead-capture", "spec.team=platform" },
        { "/systems/license-db", "/systems/platform-api", "spec.type=application;spec.team=platform" },
        { "/procedures/license-service-recovery", "/procedures/region-failover", "spec.team=platform" },
        { "/people/ben-adler", "/people/maya-okafor", "spec.email=forbidden.person@example.com;spec.team=platform" },
        { "/backup-policies/license-db-backup", "/backup-policies/platform-db-backup", "spec.system=platform-api;spec.method=snapshot" },
        // No role of the demo is held for licensing alone (team-lead is every team's): the test makes one.
        { "/roles/" + LicensingRole, "/roles/incident-commander", "_n.spec.assignments=1;spec.assignments[0].team=platform" },
    };

    private const string LicensingRole = "form-licensing-duty-officer";

    [Theory]
    [MemberData(nameof(TeamElements))]
    public async Task A_team_lead_opens_the_forms_of_their_teams_element_but_not_of_another_teams(string own, string others, string forAnotherTeam)
    {
        await RequireDatabaseAsync();
        using var lead = await app.SignedInBrowserAsync(AccessRole.TeamLead, "licensing");
        var (kind, name) = await ElementOfAsync(own);
        if (name == LicensingRole && await StoredAsync(kind, name) is null)
        {
            await AddRoleForTeamAsync(name, "licensing");
        }

        foreach (var form in FormsOf(own))
        {
            using var response = await lead.GetAsync(form, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {form}: {(int)response.StatusCode}");
        }
        Assert.Contains($"<h1>Edit {ElementRoutes.SingularTitle(kind)} ", await lead.GetStringAsync($"{own}/edit", Ct));

        var token = ContinuityApp.AntiforgeryToken(await lead.GetStringAsync(own, Ct));
        var (otherKind, otherName) = await ElementOfAsync(others);
        var before = await StoredAsync(otherKind, otherName);
        foreach (var form in FormsOf(others).Where(f => !f.EndsWith("/new", StringComparison.Ordinal)))
        {
            using var get = await lead.GetAsync(form, Ct);
            Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {form}: {(int)get.StatusCode}");
            using var post = await lead.PostAsync(form, new FormUrlEncodedContent(ForbiddenChange(token, otherKind, before!.Value.Version)), Ct);
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {form}: {(int)post.StatusCode}");
        }
        Assert.Equal(before, await StoredAsync(otherKind, otherName));

        // Nor may they create one for another team by posting what the form does not offer.
        var newForm = FormsOf(own)[0];
        var fields = Fields(await lead.GetStringAsync(newForm, Ct));
        fields["metadata.name"] = ForbiddenName(kind);
        foreach (var pair in forAnotherTeam.Split(';'))
        {
            fields[pair.Split('=')[0]] = pair.Split('=')[1];
        }
        using var created = await PostAsync(lead, newForm, fields);
        Assert.True(created.StatusCode == HttpStatusCode.Forbidden, $"POST {newForm}: {(int)created.StatusCode} {Problems(await created.Content.ReadAsStringAsync(Ct))}");
        Assert.Null(await StoredAsync(kind, ForbiddenName(kind)));
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The kind and name of the element a page or form is for (/systems/license-db,
    /// /systems/license-db/edit, /organisation/edit).</summary>
    private async Task<(ElementKind Kind, string Name)> ElementOfAsync(string path)
    {
        var segments = path.Trim('/').Split('/');
        Assert.True(ElementRoutes.TryParsePath(segments[0], out var kind), $"{path} is not a page of an element.");
        return kind == ElementKind.Organisation
            ? (kind, await app.QueryAsync(db => db.Organisations.Select(o => o.Name).SingleAsync(Ct)))
            : (kind, segments[1]);
    }

    /// <summary>The element as stored (canonical plan JSON) and its version; null when there is none.</summary>
    private Task<(string Json, Guid Version)?> StoredAsync(ElementKind kind, string name) =>
        app.QueryAsync<(string, Guid)?>(async db =>
            await ElementSet.Of(kind).FindAsync(db, name, Ct) is { } found ? (CanonicalPlanJson.Of(found.Document), found.Version) : null);

    /// <summary>The forms of the element's kind: new, edit and remove; the organisation has only its edit form.</summary>
    private static string[] FormsOf(string element) =>
        element == "/organisation" ? ["/organisation/edit"] : [$"/{element.Split('/')[1]}/new", $"{element}/edit", $"{element}/delete"];

    private static string ForbiddenName(ElementKind kind) => $"forbidden-{ElementKinds.Slug(kind)}";

    /// <summary>What a crafted post to a form would change (a new element's name, a title), with a valid token.</summary>
    private static Dictionary<string, string> ForbiddenChange(string token, ElementKind kind, Guid version) => new(StringComparer.Ordinal)
    {
        ["__RequestVerificationToken"] = token,
        ["_version"] = version.ToString(),
        ["metadata.name"] = ForbiddenName(kind),
        ["metadata.title"] = "Changed by someone who may not",
    };

    /// <summary>Every form of the element's kind answers 403 to GET and to a POST with a valid
    /// token (from the element's page, which the user may read), and nothing changes.</summary>
    private async Task AssertFormsRefusedAsync(HttpClient client, string element)
    {
        var (kind, name) = await ElementOfAsync(element);
        var before = await StoredAsync(kind, name);
        var token = ContinuityApp.AntiforgeryToken(await client.GetStringAsync(element, Ct));
        foreach (var form in FormsOf(element))
        {
            using var get = await client.GetAsync(form, Ct);
            Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {form}: {(int)get.StatusCode}");
            Assert.Contains("You do not have access to this page", await get.Content.ReadAsStringAsync(Ct));
            using var post = await client.PostAsync(form, new FormUrlEncodedContent(ForbiddenChange(token, kind, before!.Value.Version)), Ct);
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {form}: {(int)post.StatusCode}");
        }
        Assert.Equal(before, await StoredAsync(kind, name));
        Assert.Null(await StoredAsync(kind, ForbiddenName(kind)));
    }

    private static bool SentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && Regex.IsMatch(response.Headers.Location?.OriginalString ?? "", "^(http://localhost)?/account/sign-in\\?returnUrl=");

    /// <summary>Adds a waiver of the organisation for the element through the waiver form; the
    /// reference's field path and the element as the waiver names it.</summary>
    private async Task<(string Field, string Element)?> WaiveAsync(HttpClient manager, ElementKind kind, string name)
    {
        var (_, organisation) = await ElementOfAsync("/organisation/edit");
        var waivers = await app.QueryAsync(async db =>
            ((OrganisationSpec)(await ElementSet.Of(ElementKind.Organisation).FindAsync(db, organisation, Ct))!.Document.Spec).Waivers.Count);
        var element = $"{ElementKinds.Slug(kind)}:{name}";
        var fields = Fields(await manager.GetStringAsync("/waivers/new", Ct));
        fields["Form.Check"] = "CT101";
        fields["Form.Element"] = element;
        fields["Form.Reason"] = "Made by a test so that something refers to the element.";
        fields["Form.Owner"] = "maya-okafor";
        fields["Form.Expires"] = "2027-06-30";
        using var saved = await PostAsync(manager, "/waivers/new", fields);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"waiver for {element}: {(int)saved.StatusCode} {Problems(await saved.Content.ReadAsStringAsync(Ct))}");
        return ($"spec.waivers[{waivers.ToString(System.Globalization.CultureInfo.InvariantCulture)}].element", element);
    }

    private static async Task RemoveWaiverAsync(HttpClient manager, string element)
    {
        var page = await manager.GetStringAsync($"/waivers/edit?check=CT101&element={Uri.EscapeDataString(element)}", Ct);
        using var removed = await PostAsync(manager, "/waivers/edit?handler=Remove", Fields(page), page);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
    }

    /// <summary>Creates, as a continuity manager through the role form, a role with one assignment, for the team.</summary>
    private async Task AddRoleForTeamAsync(string name, string team)
    {
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var fields = Fields(await manager.GetStringAsync("/roles/new", Ct));
        fields["_add"] = "spec.assignments";
        using var withRow = await PostAsync(manager, "/roles/new", fields);
        fields = Fields(await withRow.Content.ReadAsStringAsync(Ct));
        fields["metadata.name"] = name;
        fields["metadata.title"] = $"Duty officer of {team}";
        fields["spec.assignments[0].team"] = team;
        using var created = await PostAsync(manager, "/roles/new", fields);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"role {name}: {(int)created.StatusCode} {Problems(await created.Content.ReadAsStringAsync(Ct))}");
    }

    /// <summary>A field of the "someone else changed it" table: stored now, yours, and who changed it.</summary>
    private sealed record ConflictCells(string Field, string Theirs, string Mine, string By);

    private static List<ConflictCells> ConflictRows(string html) =>
        [.. ConflictRow().Matches(html).Select(m => new ConflictCells(
            WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value), WebUtility.HtmlDecode(m.Groups[3].Value), WebUtility.HtmlDecode(m.Groups[4].Value)))];

    /// <summary>A value as the conflict table shows it.</summary>
    private static string Shown(string value) => value.Length == 0 ? "(no value)" : value;

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

    [GeneratedRegex("<tr>\\s*<td class=\"mono\">([^<]*)</td>\\s*<td><pre>([^<]*)</pre></td>\\s*<td><pre>([^<]*)</pre></td>\\s*<td>([^<]*)</td>\\s*</tr>")]
    private static partial Regex ConflictRow();

    [GeneratedRegex("<tr>\\s*<td>[^<]*</td>\\s*<td><a href=\"(?<href>[^\"]*)\">[^<]*</a> <span class=\"mono muted\">[^<]*</span></td>\\s*<td>(?<words>[^<]*) <span class=\"mono muted\">(?<field>[^<]*)</span></td>\\s*</tr>")]
    private static partial Regex ReferrerRow();

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
