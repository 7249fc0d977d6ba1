using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;
using Continuity.Web.Pages.Shared;

namespace Continuity.Tests.Web;

/// <summary>The list and the detail page of every kind, search, filters and paging, the
/// relationships both ways and the vendor's own findings, on the demo plan.</summary>
public abstract class CatalogPagesTests(ContinuityApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_kind_has_a_list_and_a_detail_page()
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        using var client = app.CreateClient(AccessRole.Member);
        foreach (var kind in Enum.GetValues<ElementKind>())
        {
            var first = plan.OfKind(kind).First();
            if (kind != ElementKind.Organisation)
            {
                var list = await client.GetAsync(ElementRoutes.List(kind), Ct);
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
                Assert.Contains(WebUtility.HtmlEncode(first.Name), await list.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
            var details = await client.GetAsync(ElementRoutes.Details(kind, first.Name), Ct);
            Assert.Equal(HttpStatusCode.OK, details.StatusCode);
            var html = await details.Content.ReadAsStringAsync(Ct);
            Assert.Contains("What refers to it", html, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/risks/no-such-risk", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_list_searches_filters_and_pages()
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        using var client = app.CreateClient(AccessRole.Member);
        var person = plan.OfKind(ElementKind.Person).Last();
        var other = plan.OfKind(ElementKind.Person).First();

        var found = await client.GetStringAsync($"/people?q={Uri.EscapeDataString(person.Name)}", Ct);
        Assert.Contains($"/people/{person.Name}\"", found, StringComparison.Ordinal);
        Assert.DoesNotContain($"/people/{other.Name}\"", found, StringComparison.Ordinal);

        var none = await client.GetStringAsync("/people?q=zzz-nobody-zzz", Ct);
        Assert.Contains("No people match these filters", none, StringComparison.Ordinal);

        var count = plan.OfKind(ElementKind.Person).Count();
        var paged = await client.GetStringAsync("/people?page=99", Ct);                // clamped to the last page
        Assert.Contains($"of {count}", paged, StringComparison.Ordinal);

        var bad = await client.GetAsync("/people?page=-3&tier=x&findings=maybe&sort=%3Cscript%3E", Ct);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
    }

    [Fact]
    public async Task A_role_page_names_the_procedure_steps_it_is_responsible_for_and_the_procedure_names_the_role()
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        var procedure = plan.Specs<ProcedureSpec>().First(p => p.Spec.Steps.Any(s => s.Responsible is not null));
        var index = procedure.Spec.Steps.FindIndex(s => s.Responsible is not null);
        var role = procedure.Spec.Steps[index].Responsible!.Name;
        using var client = app.CreateClient(AccessRole.Member);

        var rolePage = await client.GetStringAsync($"/roles/{role}", Ct);
        Assert.Contains($"Responsible for step {index + 1} of", rolePage, StringComparison.Ordinal);
        Assert.Contains($"/procedures/{procedure.Document.Name}\"", rolePage, StringComparison.Ordinal);

        var procedurePage = await client.GetStringAsync($"/procedures/{procedure.Document.Name}", Ct);
        Assert.Contains($"Step {index + 1}: responsible", procedurePage, StringComparison.Ordinal);
        Assert.Contains($"/roles/{role}\"", procedurePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vendor_page_shows_its_own_findings_and_the_functions_that_need_it()
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        var saas = plan.Specs<SystemSpec>().First(s => s.Spec.Vendor is not null && s.Spec.Type == SystemType.Saas);
        var vendor = saas.Spec.Vendor!.Name;
        using var client = app.CreateClient(AccessRole.Member);

        var html = await client.GetStringAsync($"/vendors/{vendor}", Ct);
        Assert.Contains("Findings about this vendor", html, StringComparison.Ordinal);
        Assert.Contains("Business functions that need it", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No business function depends on this vendor", html, StringComparison.Ordinal);
        Assert.Contains($"/systems/{saas.Document.Name}\"", html, StringComparison.Ordinal);      // supplies it, both ways
    }

    [Fact]
    public async Task The_generic_detail_pages_read_like_a_product_tables_for_lists_of_records_scores_words_and_links()
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        using var client = app.CreateClient(AccessRole.Member);

        // A communication plan's audiences, channels and templates are tables, with a column per field used.
        var communication = plan.Specs<CommunicationPlanSpec>().First(c => c.Spec.Audiences.Any(a => a.ReleasedBy is not null));
        var audience = communication.Spec.Audiences.First(a => a.ReleasedBy is not null);
        var page = Squeeze(await client.GetStringAsync($"/communication-plans/{communication.Document.Name}", Ct));
        var audiences = Section(page, "table-Audiences");
        Assert.Contains("<th scope=\"col\">Released by</th>", audiences, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Update every</th>", audiences, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\"><span class=\"fact-text\">{audience.Name}</span></th>", audiences, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/roles/{audience.ReleasedBy!.Name}\">", audiences, StringComparison.Ordinal);
        Assert.Contains($"<td><span class=\"fact-text\">{audience.UpdateEvery}</span></td>", audiences, StringComparison.Ordinal);
        Assert.Contains("id=\"table-Channels\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>Audiences</dt>", page, StringComparison.Ordinal);

        // A risk's scores are worked out; likelihood and impact are not left as bare numbers.
        var risk = plan.Specs<RiskSpec>().First(r => r.Spec.Residual is not null);
        var riskPage = Squeeze(WebUtility.HtmlDecode(await client.GetStringAsync($"/risks/{risk.Document.Name}", Ct)));
        Assert.Contains($"<dt>Inherent risk</dt>", riskPage, StringComparison.Ordinal);
        Assert.Contains($"{risk.Spec.Likelihood * risk.Spec.Impact} of 25 (likelihood {risk.Spec.Likelihood} × impact {risk.Spec.Impact})", riskPage, StringComparison.Ordinal);
        Assert.Contains($"{risk.Spec.Residual!.Likelihood * risk.Spec.Residual.Impact} of 25 (likelihood {risk.Spec.Residual.Likelihood}", riskPage, StringComparison.Ordinal);
        Assert.Contains($"<dd><span class=\"fact-text\">{risk.Spec.Treatment}</span></dd>", riskPage, StringComparison.Ordinal);

        // A backup policy's nested records are short "label: value" runs, their sites links.
        var backup = plan.Specs<BackupPolicySpec>().First(b => b.Spec.Offsite?.Site is not null && b.Spec.RestoreValidation is not null);
        var backupPage = Squeeze(await client.GetStringAsync($"/backup-policies/{backup.Document.Name}", Ct));
        Assert.Contains($"<dt>Offsite</dt><dd><dl class=\"subfacts\"><div><dt>Site</dt><dd><a href=\"/sites/{backup.Spec.Offsite!.Site!.Name}\">", backupPage, StringComparison.Ordinal);
        Assert.Matches($"<dt>Restore validation</dt><dd><dl class=\"subfacts\">.*?<div><dt>Frequency</dt><dd><span class=\"fact-text\">{backup.Spec.RestoreValidation!.Frequency}</span>", backupPage);
        Assert.Contains("<dt>Encrypted</dt>", backupPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>Tool</dt>", backup.Spec.Tool is null ? backupPage : "", StringComparison.Ordinal);   // empty values are left out

        // A site's type is in words.
        var site = plan.Specs<SiteSpec>().First(s => s.Spec.Type == SiteType.CloudRegion);
        Assert.Contains("<dd><span class=\"fact-text\">Cloud region</span></dd>", Squeeze(await client.GetStringAsync($"/sites/{site.Document.Name}", Ct)), StringComparison.Ordinal);

        // Sentences are a bulleted list, not a comma-joined run; a number says its unit.
        var scenario = plan.Specs<ScenarioSpec>().First(c => c.Spec.ActivationCriteria.Count > 1);
        var scenarioPage = Squeeze(WebUtility.HtmlDecode(await client.GetStringAsync($"/scenarios/{scenario.Document.Name}", Ct)));
        Assert.Contains($"<dt>Activation criteria</dt><dd><ul class=\"fact-items\"><li>{scenario.Spec.ActivationCriteria[0]}</li><li>{scenario.Spec.ActivationCriteria[1]}</li>", scenarioPage, StringComparison.Ordinal);
        var organisation = plan.Specs<OrganisationSpec>().Single().Spec;
        var organisationPage = Squeeze(await client.GetStringAsync("/organisation", Ct));
        Assert.Contains($"<dt>Review interval</dt><dd><span class=\"fact-text\">{organisation.ReviewIntervalMonths} months</span></dd>", organisationPage, StringComparison.Ordinal);
        Assert.Contains("id=\"table-Services\"", organisationPage, StringComparison.Ordinal);

        // A procedure's phases are in words, and a step's predecessors link to them.
        var procedure = plan.Specs<ProcedureSpec>().First(p => p.Spec.Steps.Any(s => s.Phase == ProcedurePhase.StandDown) && p.Spec.Steps.Any(s => s.After.Count > 0));
        var after = procedure.Spec.Steps.First(s => s.After.Count > 0).After[0];
        var earlier = procedure.Spec.Steps.FindIndex(s => s.Id == after);
        var procedurePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/procedures/{procedure.Document.Name}", Ct));
        Assert.Contains(">Stand down</span>", procedurePage, StringComparison.Ordinal);
        Assert.DoesNotContain("StandDown", procedurePage, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#step-{after}\">Step {earlier + 1}: {procedure.Spec.Steps[earlier].Title}</a>", procedurePage, StringComparison.Ordinal);
    }

    /// <summary>The page with the white space between tags and runs of it inside text squeezed out, as a reader sees it.</summary>
    private static string Squeeze(string html) => Regex.Replace(Regex.Replace(html, ">\\s+<", "><"), "\\s+", " ");

    /// <summary>The section whose heading has this id, up to the end of the section.</summary>
    private static string Section(string html, string headingId)
    {
        var start = html.IndexOf($"aria-labelledby=\"{headingId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {headingId}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Actions_are_shown_only_to_those_who_may_use_them()
    {
        await RequireDatabaseAsync();
        var plan = await app.QueryAsync(db => PlanExport.LoadAsync(db, Ct));
        var site = plan.OfKind(ElementKind.Site).First().Name;
        using var member = app.CreateClient(AccessRole.Member);
        using var manager = app.CreateClient(AccessRole.ContinuityManager);

        var forMember = await member.GetStringAsync($"/sites/{site}", Ct);
        Assert.DoesNotContain($"/sites/{site}/edit", forMember, StringComparison.Ordinal);
        Assert.DoesNotContain("/audit?element=", forMember, StringComparison.Ordinal);
        Assert.Contains($"/what-if?fail=site%3A{site}", forMember, StringComparison.Ordinal);

        var forManager = await manager.GetStringAsync($"/sites/{site}", Ct);
        Assert.Contains($"/sites/{site}/edit", forManager, StringComparison.Ordinal);
        Assert.Contains($"/sites/{site}/delete", forManager, StringComparison.Ordinal);
        Assert.Contains("/audit?element=site%3A", forManager, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dependencies_list_filters_by_type()
    {
        await RequireDatabaseAsync();
        using var client = app.CreateClient(AccessRole.Member);
        var all = await client.GetStringAsync("/dependencies", Ct);
        Assert.Contains("Showing 1–", all, StringComparison.Ordinal);
        var degraded = await client.GetStringAsync("/dependencies?type=degraded", Ct);
        Assert.DoesNotContain("<td>Required</td>", degraded, StringComparison.Ordinal);
    }
}

public sealed class SqliteCatalogPagesTests(DemoApp app) : CatalogPagesTests(app), IClassFixture<DemoApp>;

public sealed class PostgresCatalogPagesTests(PostgresDemoApp app) : CatalogPagesTests(app), IClassFixture<PostgresDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}
