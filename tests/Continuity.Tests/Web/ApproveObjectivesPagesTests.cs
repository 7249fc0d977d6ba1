using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Web;

/// <summary>"Approve recovery objectives" in the browser's pages (ADR 010) over the demo
/// organisation: an approver signs with their password, the function's page and list say
/// "approved", a later change unapproves it; nobody else signs. Own fixture: it signs.</summary>
public sealed class ApproveObjectivesPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approver_signs_a_functions_objectives_with_their_password_and_a_later_change_unapproves_them()
    {
        var approver = await app.SignedInBrowserAsync(AccessRole.Approver);
        var page = await approver.GetStringAsync("/objectives/approve", Ct);
        Assert.Contains("name=\"Functions\" value=\"course-delivery\"", page, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"current-password\"", page, StringComparison.Ordinal);

        using (var wrong = await ContinuityApp.PostFormAsync(approver, "/objectives/approve",
            new() { ["Functions"] = "course-delivery", ["Password"] = "not my password", ["Revision"] = Revision(page) }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("what was entered is not right", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var stale = await ContinuityApp.PostFormAsync(approver, "/objectives/approve",
            new() { ["Functions"] = "course-delivery", ["Password"] = ContinuityApp.Password, ["Revision"] = "0" }))
        {
            Assert.Contains("nothing was approved", await stale.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var signed = await ContinuityApp.PostFormAsync(approver, "/objectives/approve",
            new() { ["Functions"] = "course-delivery", ["Password"] = ContinuityApp.Password, ["Statement"] = "Board, 30 Nov.", ["Revision"] = Revision(page) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        var function = await approver.GetStringAsync("/functions/course-delivery", Ct);
        Assert.Contains("Signed in Continuity by", function, StringComparison.Ordinal);
        Assert.Contains("Board, 30 Nov.", function, StringComparison.Ordinal);
        Assert.Contains("?status=approved", await approver.GetStringAsync("/functions?status=approved", Ct), StringComparison.Ordinal);
        Assert.Contains(">Course delivery<", await approver.GetStringAsync("/functions?status=approved", Ct), StringComparison.Ordinal);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Action == "objectives.approved").Select(e => e.Subject).ToListAsync(Ct));
        Assert.Equal(["function:course-delivery"], audit);

        // The continuity manager changes the RTO: the function needs approval again.
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var form = await manager.GetStringAsync("/functions/course-delivery/objectives", Ct);
        using (var changed = await ContinuityApp.PostFormAsync(manager, "/functions/course-delivery/objectives", Fields(form, "Form.Rto", "1h")))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }
        var after = await manager.GetStringAsync("/functions/course-delivery", Ct);
        Assert.Contains("Changed since approval", after, StringComparison.Ordinal);

        // Someone without the approver role cannot sign, whatever they post.
        using var refused = await ContinuityApp.PostFormAsync(manager, "/objectives/approve",
            new() { ["Functions"] = "course-delivery", ["Password"] = ContinuityApp.Password, ["Revision"] = Revision(await manager.GetStringAsync("/objectives/approve", Ct)) });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("name=\"Functions\"", await manager.GetStringAsync("/objectives/approve", Ct), StringComparison.Ordinal);
    }

    private static string Revision(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value;

    /// <summary>The objectives form's inputs as the page fills them, with one changed.</summary>
    private static Dictionary<string, string> Fields(string html, string name, string value)
    {
        var fields = System.Text.RegularExpressions.Regex.Matches(html, "<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")
            .Where(m => m.Groups[1].Value != "__RequestVerificationToken")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields[name] = value;
        return fields;
    }
}
