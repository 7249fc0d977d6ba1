using System.Net;
using Continuity.Accounts;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>Everything a plan says is shown as text, never as markup: plan files come from many
/// hands, and a title must not be able to run script in an approver's browser.</summary>
public sealed class ContentEscapingTests(ContinuityApp app) : IClassFixture<ContinuityApp>
{
    private const string ScriptTitle = "<script>alert('org')</script> Acme";
    private const string ImageTitle = "<img src=x onerror=alert(1)>";

    private readonly HttpClient _client = app.CreateClient(AccessRole.Member);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Markup_in_plan_content_is_shown_as_text()
    {
        var documents = SamplePlans.FullDocuments();
        documents.Single(d => d.Kind == ElementKind.Organisation).Metadata.Title = ScriptTitle;
        var enrolment = documents.Single(d => d.Kind == ElementKind.BusinessFunction && d.Name == "enrolment");
        enrolment.Metadata.Title = ImageTitle;
        var spec = (BusinessFunctionSpec)enrolment.Spec;
        spec.Description = "<b>bold</b> claims";
        spec.DependsOn[2].Note = "<script>alert('note')</script>";
        await app.QueryAsync(db => PlanImport.ApplyAsync(db, new Plan(documents), app.Clock, dryRun: false, Ct));

        var overview = await GetPageAsync("/");
        var function = await GetPageAsync("/functions/enrolment");
        var functions = await GetPageAsync("/functions");

        foreach (var html in new[] { overview, function, functions })
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<b>bold</b>", html);
        }
        Assert.Contains("&lt;script&gt;alert(", overview);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", functions);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", function);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; claims", function);
        Assert.Contains("&lt;script&gt;alert(", function);
    }

    private async Task<string> GetPageAsync(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}:\n{html}");
        return html;
    }
}
