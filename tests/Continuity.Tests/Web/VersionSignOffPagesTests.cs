using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>Review and sign-off of a version in the browser's pages (ADR 010) over the demo
/// organisation: a continuity manager submits with a reviewer, the reviewer comments and finds it
/// ready, two approvers sign with their passwords re-entered, and the page shows the evidence.
/// The fixture is this class's own: the tests sign the consolidated plan.</summary>
public sealed class VersionSignOffPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Email, HttpClient Client)> UserAsync(AccessRole role)
    {
        var email = await app.CreateUserAsync(role);
        var client = app.CreateBrowser();
        await ContinuityApp.SignInAsync(client, email, ContinuityApp.Password);
        return (email, client);
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}:\n{html}");
        return html;
    }

    /// <summary>Posts a form of the version page; a success redirects back to it with a message.</summary>
    private static async Task<string> PostAsync(HttpClient client, string handler, Dictionary<string, string> fields, bool succeeds = true)
    {
        const string Page = "/plan/versions/organisation/1";
        using var response = await ContinuityApp.PostFormAsync(client, $"{Page}?handler={handler}", fields, Page);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        if (succeeds)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler} answered {(int)response.StatusCode}:\n{html}");
            return await PageAsync(client, Page);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return html;
    }

    [Fact]
    public async Task A_reviewer_finds_the_consolidated_plan_ready_and_two_approvers_sign_it_with_their_passwords()
    {
        var (_, manager) = await UserAsync(AccessRole.ContinuityManager);
        var (auditorEmail, auditor) = await UserAsync(AccessRole.Auditor);
        var (firstEmail, first) = await UserAsync(AccessRole.Approver);
        var (_, second) = await UserAsync(AccessRole.Approver);

        var form = await PageAsync(manager, "/plan/versions/submit");
        Assert.Contains($"value=\"{auditorEmail}\"", form, StringComparison.Ordinal);
        using (var submitted = await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit",
            new() { ["SubmitScope"] = "organisation", ["Note"] = "December review.", ["Reviewers"] = auditorEmail }))
        {
            Assert.Equal("/plan/versions/organisation/1", submitted.Headers.Location?.OriginalString);
        }

        // The consolidated plan's page says which team plans have no approved version.
        Assert.Matches("[56] of 6 team plans have no approved version.", await PageAsync(manager, "/plan/versions/organisation/1"));   // another test may approve one

        // In review: the reviewer gives a verdict; an approver may not sign yet and is told why.
        var reviewing = await PageAsync(auditor, "/plan/versions/organisation/1");
        Assert.Contains("In review", reviewing, StringComparison.Ordinal);
        Assert.Contains("Your verdict as a reviewer", reviewing, StringComparison.Ordinal);
        Assert.Contains("still in review", await PageAsync(first, "/plan/versions/organisation/1"), StringComparison.Ordinal);
        var ready = await PostAsync(auditor, "Review",
            new() { ["Verdict"] = "reviewed", ["Section"] = "functions", ["Text"] = "BIA grids <i>complete</i>." });
        Assert.Contains("You found the version ready.", ready, StringComparison.Ordinal);
        Assert.Contains("Business functions and impact analysis", ready, StringComparison.Ordinal);
        Assert.Contains("BIA grids &lt;i&gt;complete&lt;/i&gt;.", ready, StringComparison.Ordinal);     // escaped

        // The approver's form asks for the password and, the demo having open errors, a justification.
        var signing = await PageAsync(first, "/plan/versions/organisation/1");
        Assert.Contains("Sign this version", signing, StringComparison.Ordinal);
        Assert.Contains("name=\"Justification\"", signing, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"current-password\"", signing, StringComparison.Ordinal);
        var wrong = await PostAsync(first, "Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "I approve it.",
            ["Justification"] = "Gaps are tracked.",
            ["Password"] = "not my password",
        }, succeeds: false);
        Assert.Contains("what was entered is not right", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("not my password", wrong, StringComparison.Ordinal);
        var unjustified = await PostAsync(first, "Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "I approve it.",
            ["Password"] = ContinuityApp.Password,
        }, succeeds: false);
        Assert.Contains("needs a written justification", unjustified, StringComparison.Ordinal);

        var one = await PostAsync(first, "Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "I approve it.",
            ["Justification"] = "Gaps are tracked.",
            ["Password"] = ContinuityApp.Password,
        });
        Assert.Contains("Your approval was signed and recorded.", one, StringComparison.Ordinal);
        Assert.Contains("1 of 2 needed", one, StringComparison.Ordinal);
        Assert.Contains("You already signed organisation@1 on ", one, StringComparison.Ordinal);

        var two = await PostAsync(second, "Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "Approved for 2027.",
            ["Justification"] = "Accepted by the board.",
            ["Password"] = ContinuityApp.Password,
        });
        Assert.Contains("2 of 2 needed", two, StringComparison.Ordinal);
        Assert.Contains(">Approved<", two, StringComparison.Ordinal);
        Assert.Contains(firstEmail, two, StringComparison.Ordinal);
        Assert.Contains("re-entered password", two, StringComparison.Ordinal);
        Assert.Contains("Justification: Accepted by the board.", two, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign this version", two, StringComparison.Ordinal);

        // The approval printed the plan document to PDF; the page links it with its SHA-256.
        var stored = System.Text.RegularExpressions.Regex.Match(two, "SHA-256 <span class=\"mono\">([0-9a-f]{64})</span>");
        Assert.True(stored.Success, "The version page shows the approval PDF's SHA-256.");
        using var pdf = await second.GetAsync("/plan/versions/organisation/1/approval.pdf", Ct);
        Assert.Equal(("application/pdf", stored.Groups[1].Value), (pdf.Content.Headers.ContentType?.MediaType, pdf.Headers.GetValues("X-Content-SHA256").Single()));
        Assert.Equal(stored.Groups[1].Value, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await pdf.Content.ReadAsByteArrayAsync(Ct))));

        // The continuity manager, not management, sees the evidence but no form to sign; they publish it.
        var managerView = await PageAsync(manager, "/plan/versions/organisation/1");
        Assert.DoesNotContain("Sign this version", managerView, StringComparison.Ordinal);
        Assert.Contains("Approved for 2027.", managerView, StringComparison.Ordinal);
        Assert.Contains("The consolidated plan has not been published yet", await PageAsync(manager, "/"), StringComparison.Ordinal);
        var published = await PostAsync(manager, "Publish", []);
        Assert.Matches("people receive an e-mail with their acknowledgement link", published);
        var dashboard = await PageAsync(manager, "/");
        Assert.Matches("organisation@1</a> is published:[\\s\\S]*<strong>0 of \\d+</strong> acknowledged \\(0 %\\)", dashboard);
        Assert.Contains("Outstanding: ", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_who_is_neither_reviewer_nor_approver_sees_the_review_but_a_forged_post_is_refused()
    {
        var (_, manager) = await UserAsync(AccessRole.ContinuityManager);
        using (var submitted = await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "team:marketing" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }
        var path = "/plan/versions/team%3Amarketing/1";
        var (_, member) = await UserAsync(AccessRole.Member);
        var page = await PageAsync(member, path);
        Assert.Contains("Review and sign-off", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Add comment", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign this version", page, StringComparison.Ordinal);

        using var forged = await ContinuityApp.PostFormAsync(member, $"{path}?handler=Sign",
            new() { ["Decision"] = "approve", ["Statement"] = "Me too.", ["Password"] = ContinuityApp.Password }, path);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var comment = await ContinuityApp.PostFormAsync(member, $"{path}?handler=Comment", new() { ["Text"] = "Hello" }, path);
        Assert.Equal(HttpStatusCode.Forbidden, comment.StatusCode);
    }

    [Fact]
    public async Task Without_Chromium_the_approval_stands_and_a_continuity_manager_renders_the_PDF_later()
    {
        var (_, manager) = await UserAsync(AccessRole.ContinuityManager);
        using (await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "team:platform" }))
        {
        }
        const string Page = "/plan/versions/team%3Aplatform/1";
        using var withoutChromium = app.WithWebHostBuilder(b => b.UseSetting("Pdf:ChromiumPath", "/nowhere/chromium"));
        var approver = withoutChromium.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await ContinuityApp.SignInAsync(approver, await app.CreateUserAsync(AccessRole.Approver), ContinuityApp.Password);
        using (var signed = await ContinuityApp.PostFormAsync(approver, $"{Page}?handler=Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "Approved.",
            ["Justification"] = "Known gaps.",
            ["Password"] = ContinuityApp.Password,
        }, Page))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }
        var told = await PageAsync(approver, Page);
        Assert.Contains("its PDF was not rendered: Chromium is not installed", told, StringComparison.Ordinal);
        Assert.Contains(">Approved<", told, StringComparison.Ordinal);

        var offered = await PageAsync(manager, Page);
        Assert.Contains("Render it now", offered, StringComparison.Ordinal);
        using (var rendered = await ContinuityApp.PostFormAsync(manager, $"{Page}?handler=RenderPdf", [], Page))
        {
            Assert.Equal(HttpStatusCode.Redirect, rendered.StatusCode);
        }
        var after = await PageAsync(manager, Page);
        Assert.Contains("The approval PDF was rendered and stored.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Render it now", after, StringComparison.Ordinal);
        using var pdf = await manager.GetAsync($"{Page}/approval.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
    }
}
