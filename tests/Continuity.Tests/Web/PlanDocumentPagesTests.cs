using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The plan document of a version (ADR 010) over the demo organisation: rendered from the
/// snapshot with the approval page first, the NIST-style sections and appendices, the content hash
/// on every printed page, and personal phones only for those who may see them. Own fixture.</summary>
public sealed class PlanDocumentPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_consolidated_plans_document_has_every_section_in_order_and_keeps_showing_what_was_frozen()
    {
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using (var submitted = await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "organisation" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }
        var version = await manager.GetStringAsync("/plan/versions/organisation/1", Ct);
        Assert.Contains("href=\"/plan/versions/organisation/1/document\"", version, StringComparison.Ordinal);
        var hash = System.Text.RegularExpressions.Regex.Match(version, "class=\"mono\">([0-9a-f]{64})<").Groups[1].Value;

        var document = await manager.GetStringAsync("/plan/versions/organisation/1/document", Ct);
        var sections = new[]
        {
            "Approval", "1. Scope and assumptions", "2. Roles and responsibilities", "3. Activation and notification", "4. Recovery",
            "5. Reconstitution and stand-down", "Appendix A. Personnel contacts", "Appendix B. Vendors",
            "Appendix C. Business impact analysis and recovery objectives", "Appendix D. Recovery order", "Appendix E. Record of changes",
        };
        var positions = sections.Select(s => document.IndexOf($">{s}</h2>", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains(hash, document, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 {hash}", document[..2000], StringComparison.Ordinal);          // the printed footer of every page
        Assert.Contains("not recorded", document, StringComparison.Ordinal);                       // last tested
        Assert.Contains("Loss of the primary AWS region (eu-west-1)", document, StringComparison.Ordinal);
        Assert.Contains("202-555-0102", document, StringComparison.Ordinal);                     // a continuity manager sees personal phones
        Assert.Contains("<ol>", document[document.IndexOf("Appendix D", StringComparison.Ordinal)..], StringComparison.Ordinal);

        // A member reads the same document without personal phones.
        var member = await app.SignedInBrowserAsync(AccessRole.Member);
        var redacted = await member.GetStringAsync("/plan/versions/organisation/1/document", Ct);
        Assert.DoesNotContain("202-555-0102", redacted, StringComparison.Ordinal);
        Assert.Contains("202-555-0101", redacted, StringComparison.Ordinal);

        // Sofia Martinez's role view: her roles (first holder of one, stand-in of another), her steps and whom she calls.
        var role = await manager.GetStringAsync("/plan/versions/organisation/1/role?person=sofia-martinez", Ct);
        Assert.Contains("my roles, my steps, my contacts", role, StringComparison.Ordinal);
        Assert.Contains("first holder", role, StringComparison.Ordinal);
        Assert.Contains("stand-in 2", role, StringComparison.Ordinal);
        Assert.Contains("you call them (All-staff call tree (business hours))", role, StringComparison.Ordinal);
        Assert.Contains("calls you (All-staff call tree (business hours))", role, StringComparison.Ordinal);
        Assert.Contains("Your account is not linked to a person", await manager.GetStringAsync("/plan/versions/organisation/1/role", Ct), StringComparison.Ordinal);

        // A team plan's document: its own part, the recovery order left to the consolidated plan.
        using (await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "team:licensing" }))
        {
        }
        var team = await manager.GetStringAsync("/plan/versions/team%3Alicensing/1/document", Ct);
        Assert.Contains("Team plan of licensing", team, StringComparison.Ordinal);
        Assert.Contains("the consolidated plan holds the recovery order", team, StringComparison.Ordinal);
        using var missing = await manager.GetAsync("/plan/versions/team%3Alicensing/9/document", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
