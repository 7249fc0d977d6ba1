using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.PlanFiles;
using Continuity.Revisions;
using Continuity.Store;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Web;

public sealed class SqliteWaiverFormTests(DemoApp app) : WaiverFormTests(app), IClassFixture<DemoApp>;

public sealed class PostgresWaiverFormTests(PostgresDemoApp app) : WaiverFormTests(app), IClassFixture<PostgresDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}

/// <summary>The plan checks page and waivers: a continuity manager waives a finding from the
/// checks page, changes and removes the waiver; expired waivers are flagged; team leads can do
/// none of it, not even for their own team's element; a waiver made in the app is in the export
/// and conflicts with a different change to the organisation in the files.</summary>
public abstract partial class WaiverFormTests(ContinuityApp app)
{
    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_checks_page_counts_filters_and_pages_the_findings()
    {
        await RequireDatabaseAsync();
        using var auditor = await app.SignedInBrowserAsync(AccessRole.Auditor);

        var all = await auditor.GetStringAsync("/checks", Ct);
        Assert.Contains("Plan checks", all);
        Assert.Contains("CT201", all);
        Assert.DoesNotContain("Waive…", all);            // an auditor may not waive

        var errors = await auditor.GetStringAsync("/checks?severity=error&kind=functions", Ct);
        Assert.DoesNotContain("<span class=\"badge status-warn\">Warning</span>", errors);
        Assert.Contains("<span class=\"badge status-bad\">Error</span>", errors);

        var one = await auditor.GetStringAsync("/checks?check=CT201&q=license-validation", Ct);
        Assert.Contains("function:license-validation", one.Replace("/functions/license-validation", "function:license-validation", StringComparison.Ordinal));
        Assert.Contains("Fix:", one);

        var waived = await auditor.GetStringAsync("/checks?waived=yes", Ct);
        Assert.Contains("Waived · ", waived);             // the demo waives CT502 and CT503 for vendor:aws
        Assert.Contains("vendor", waived);

        var second = await auditor.GetStringAsync("/checks?page=2", Ct);
        var matching = int.Parse(CountBadge().Match(all).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (matching > 50)
        {
            Assert.Contains("Showing 51–", second);
            Assert.Equal(50, Rows().Count(all.Split("<tbody>")[1].Split("</tbody>")[0]));
        }
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/checks?severity=nonsense&page=-3&kind=planets", Ct)).StatusCode);
        Assert.Contains("No finding matches these filters.", await auditor.GetStringAsync("/checks?q=zzz-no-such-text", Ct));
    }

    [Fact]
    public async Task The_checks_and_waivers_links_narrow_the_list_and_keep_the_other_filters()
    {
        await RequireDatabaseAsync();
        using var auditor = await app.SignedInBrowserAsync(AccessRole.Auditor);

        var narrowed = await auditor.GetStringAsync("/checks?kind=functions&team=licensing&page=7", Ct);
        Assert.Contains("href=\"/checks?team=licensing&amp;kind=functions&amp;severity=error\"", narrowed);
        Assert.Contains("href=\"/checks?team=licensing&amp;kind=functions&amp;waived=yes\"", narrowed);
        Assert.Contains("<option value=\"licensing\" selected=\"selected\">licensing</option>", narrowed);
        Assert.Matches("Showing 1–[0-9]+ of [0-9]+", narrowed);         // page 7 of a short list shows the last (the first)
        Assert.Contains("<a class=\"button button--quiet\" href=\"/checks\">Clear</a>", narrowed);

        var ignored = await auditor.GetStringAsync("/checks?severity=nonsense&team=%3Cb%3E&kind=planets&waived=maybe", Ct);
        Assert.DoesNotContain("href=\"/checks\">Clear</a>", ignored);      // nothing it understood narrows the list
        Assert.Contains("href=\"/checks?severity=error\"", ignored);

        var waivers = await auditor.GetStringAsync("/waivers?state=nonsense&q=aws", Ct);
        Assert.Contains("href=\"/waivers?q=aws&amp;state=expired\"", waivers);
        Assert.Matches("Showing 1–[0-9]+ of [0-9]+", waivers);
    }

    [Fact]
    public async Task A_manager_waives_a_finding_from_the_checks_page_changes_the_waiver_and_removes_it()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var checks = await manager.GetStringAsync("/checks?check=CT201&q=license-validation", Ct);
        Assert.Contains("/waivers/new?check=CT201&amp;element=function%3Alicense-validation", checks);

        var form = await manager.GetStringAsync("/waivers/new?check=CT201&element=function:license-validation", Ct);
        Assert.Contains("Approved RTO is not achievable", form);
        using var created = await PostAsync(manager, "/waivers/new", form, new()
        {
            ["Form.Reason"] = "Accepted until the <b>new</b> licence database is live.",
            ["Form.Owner"] = "maya-okafor",
            ["Form.Expires"] = "2027-03-31",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/waivers", created.Headers.Location?.ToString());

        var list = await manager.GetStringAsync("/waivers", Ct);
        Assert.Contains("Accepted until the &lt;b&gt;new&lt;/b&gt; licence database is live.", list);     // escaped
        Assert.Contains("31 Mar 2027", list);
        var waivedNow = await manager.GetStringAsync("/checks?check=CT201&q=license-validation", Ct);
        Assert.Contains("Waived · Active", waivedNow);
        var entry = await app.QueryAsync(db => db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync(Ct));
        Assert.StartsWith("organisation:", entry.Subject, StringComparison.Ordinal);
        Assert.Equal(AuditChannel.Form, entry.Channel);
        Assert.Contains(entry.FieldChanges, c => c.Field.StartsWith("spec.waivers", StringComparison.Ordinal));

        // Expiring within 30 days, then expired: flagged on both pages.
        var edit = await manager.GetStringAsync("/waivers/edit?check=CT201&element=function:license-validation", Ct);
        using var soon = await PostAsync(manager, "/waivers/edit", edit, new() { ["Form.Expires"] = "2026-12-20" });
        Assert.Equal(HttpStatusCode.Redirect, soon.StatusCode);
        Assert.Contains("Expires soon", await manager.GetStringAsync("/waivers?q=CT201", Ct));
        edit = await manager.GetStringAsync("/waivers/edit?check=CT201&element=function:license-validation", Ct);
        using var past = await PostAsync(manager, "/waivers/edit", edit, new() { ["Form.Expires"] = "2026-11-01" });
        Assert.Equal(HttpStatusCode.Redirect, past.StatusCode);
        Assert.Contains("<span class=\"badge status-bad\">Expired</span>", await manager.GetStringAsync("/waivers?state=expired", Ct));
        var expired = await manager.GetStringAsync("/checks?check=CT602", Ct);
        Assert.Contains("Expired waiver", expired);
        Assert.Contains("license-validation", expired);

        edit = await manager.GetStringAsync("/waivers/edit?check=CT201&element=function:license-validation", Ct);
        using var removed = await PostAsync(manager, "/waivers/edit?handler=Remove", edit, []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var afterRemoval = await manager.GetStringAsync("/waivers", Ct);
        Assert.Contains("was removed; its findings count again", afterRemoval);
        Assert.DoesNotContain("href=\"/functions/license-validation\"", afterRemoval);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/waivers/edit?check=CT201&element=function:license-validation", Ct)).StatusCode);
    }

    [Fact]
    public async Task Each_wrong_field_gets_its_own_message_and_nothing_is_written()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var revision = await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct));
        var form = await manager.GetStringAsync("/waivers/new", Ct);

        using var response = await PostAsync(manager, "/waivers/new", form, new()
        {
            ["Form.Check"] = "CT999",
            ["Form.Element"] = "payroll",
            ["Form.Reason"] = " ",
            ["Form.Owner"] = "maya-okafr",
            ["Form.Expires"] = "2020-01-01",
        });
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is no check CT999", page);
        Assert.Contains("is not kind:name", page);
        Assert.Contains("Say why the finding is accepted", page);
        Assert.Contains("There is no person", page);
        Assert.Contains("maya-okafor", page);                     // did you mean
        Assert.Contains("is in the past", page);
        Assert.Equal(revision, await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct)));

        using var unknown = await PostAsync(manager, "/waivers/new", form, new()
        {
            ["Form.Check"] = "CT201",
            ["Form.Element"] = "function:no-such-function",
            ["Form.Reason"] = "Because.",
            ["Form.Owner"] = "maya-okafor",
            ["Form.Expires"] = "2027-01-01",
        });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("no-such-function", await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Equal(revision, await app.QueryAsync(db => PlanRevision.CurrentAsync(db, Ct)));
    }

    [Fact]
    public async Task A_team_lead_may_not_waive_even_a_finding_about_their_own_teams_function()
    {
        await RequireDatabaseAsync();
        using var lead = await app.SignedInBrowserAsync(AccessRole.TeamLead, "licensing");
        var waivers = await app.QueryAsync(async db => (await db.Organisations.AsNoTracking().Select(o => o.Waivers).FirstAsync(Ct)).Count);
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);

        Assert.DoesNotContain("Waive…", await lead.GetStringAsync("/checks?check=CT201", Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/waivers/new?check=CT201&element=function:license-validation", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/waivers/edit?check=CT502&element=vendor:aws", Ct)).StatusCode);
        var form = await manager.GetStringAsync("/waivers/new?check=CT201&element=function:license-validation", Ct);
        var token = ContinuityApp.AntiforgeryToken(await lead.GetStringAsync("/checks", Ct));
        using var post = await lead.PostAsync("/waivers/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Check"] = "CT201",
            ["Form.Element"] = "function:license-validation",
            ["Form.Reason"] = "Mine.",
            ["Form.Owner"] = "maya-okafor",
            ["Form.Expires"] = "2027-01-01",
            ["Form.Version"] = Value(form, "Form.Version"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using var remove = await lead.PostAsync("/waivers/edit?handler=Remove", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Check"] = "CT502",
            ["Form.Element"] = "vendor:aws",
            ["Form.Version"] = Value(form, "Form.Version"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal(waivers, await app.QueryAsync(async db => (await db.Organisations.AsNoTracking().Select(o => o.Waivers).FirstAsync(Ct)).Count));
    }

    [Fact]
    public async Task A_waiver_made_in_the_app_is_exported_and_conflicts_with_a_different_change_to_the_organisation_in_the_files()
    {
        await RequireDatabaseAsync();
        using var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var exported = await ExportAsync(manager);

        var form = await manager.GetStringAsync("/waivers/new?check=CT301&element=role:incident-commander", Ct);
        using var created = await PostAsync(manager, "/waivers/new", form, new()
        {
            ["Form.Check"] = "CT301",
            ["Form.Element"] = "role:incident-commander",
            ["Form.Reason"] = "Made in the app.",
            ["Form.Owner"] = "maya-okafor",
            ["Form.Expires"] = "2027-02-28",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var after = await ExportAsync(manager);
        var organisation = after.Single(f => f.File == "organisation.yaml").Text;
        Assert.Contains("Made in the app.", organisation);
        Assert.Contains("role:incident-commander", organisation);

        // The files, exported before, change the organisation's waivers differently: a conflict naming spec.waivers.
        var edited = exported.Select(f => f.File == "organisation.yaml"
            ? (f.File, Text: f.Text.Replace("expires: 2027-05-31", "expires: 2027-04-30", StringComparison.Ordinal))
            : f).ToList();
        Assert.NotEqual(exported.Single(f => f.File == "organisation.yaml").Text, edited.Single(f => f.File == "organisation.yaml").Text);
        var plan = PlanLoader.LoadTexts(edited).Plan;
        await using var scope = app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<PlanWriter>();
        var conflict = await Assert.ThrowsAsync<PlanConflictException>(() =>
            writer.ImportAsync(new Actor("files@example.com", AuditChannel.Cli), plan, new ImportOptions(), Ct));
        var listed = Assert.Single(conflict.Conflicts, c => c.Element.StartsWith("organisation:", StringComparison.Ordinal));
        Assert.Contains(listed.Fields, f => f.StartsWith("spec.waivers", StringComparison.Ordinal));
        Assert.Contains("Made in the app.", (await ExportAsync(manager)).Single(f => f.File == "organisation.yaml").Text);
    }

    private static async Task<List<(string File, string Text)>> ExportAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/export", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var files = new List<(string, string)>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files.Add((entry.FullName, await reader.ReadToEndAsync(Ct)));
        }
        return files;
    }

    /// <summary>Posts the form on <paramref name="page"/> with its own values, some replaced.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string page, Dictionary<string, string> changes)
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = ContinuityApp.AntiforgeryToken(page) };
        foreach (var name in new[] { "Form.Check", "Form.Element", "Form.Owner", "Form.Expires", "Form.Version" })
        {
            if (TryValue(page, name) is { } value)
            {
                fields[name] = value;
            }
        }
        if (TextArea().Match(page) is { Success: true } reason)
        {
            fields["Form.Reason"] = WebUtility.HtmlDecode(reason.Groups[1].Value).Trim();
        }
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    private static string Value(string page, string name) => TryValue(page, name) ?? throw new InvalidOperationException($"no {name}");

    private static string? TryValue(string page, string name)
    {
        var input = Regex.Match(page, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        return input.Success ? (ValueAttribute().Match(input.Value) is { Success: true } v ? WebUtility.HtmlDecode(v.Groups[1].Value) : "") : null;
    }

    [GeneratedRegex(" value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<textarea[^>]*name=\"Form.Reason\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("<h1>Plan checks <span class=\"count\">(\\d+)</span>")]
    private static partial Regex CountBadge();

    [GeneratedRegex("<tr[ >]")]
    private static partial Regex Rows();
}
