using System.Net;
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
