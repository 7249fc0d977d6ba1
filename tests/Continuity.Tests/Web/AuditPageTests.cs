using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Web;

/// <summary>The audit log page: what changed, filtered, and whether the chain is intact.</summary>
public sealed class AuditPageTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_auditor_sees_the_demo_import_and_sign_ins_newest_first()
    {
        using var auditor = app.CreateClient(AccessRole.Auditor);

        var page = await auditor.GetStringAsync("/audit", Ct);

        Assert.Contains("Audit log", page);
        Assert.Contains("function:license-validation", page);       // created by the demo import
        Assert.Contains("signed-in", page);                         // the auditor's own sign-in
        Assert.Contains("href=\"/audit\"", page);                   // in the navigation
    }

    [Fact]
    public async Task Filtering_by_element_shows_only_its_entries()
    {
        using var auditor = app.CreateClient(AccessRole.Auditor);

        var page = await auditor.GetStringAsync("/audit?subject=function:course-delivery", Ct);

        Assert.Contains("function:course-delivery", page);
        Assert.DoesNotContain("function:license-validation", page);
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused_with_a_message_not_an_error()
    {
        using var auditor = app.CreateClient(AccessRole.Auditor);

        using var response = await auditor.GetAsync("/audit?from=2026-12-01&to=2026-11-01", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The end date is before the start date.", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Verifying_the_chain_says_it_is_intact_and_names_a_tampered_entry()
    {
        using var auditor = app.CreateClient(AccessRole.Auditor);
        Assert.Contains("The chain is intact", await auditor.GetStringAsync("/audit?verify=true", Ct));

        var tampered = await app.QueryAsync(async db =>
        {
            var sequence = await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).Skip(2).FirstAsync(Ct);
            await db.AuditEntries.Where(e => e.Sequence == sequence).ExecuteUpdateAsync(set => set.SetProperty(e => e.Actor, "someone-else"), Ct);
            return sequence;
        });

        var page = await auditor.GetStringAsync("/audit?verify=true", Ct);
        Assert.Contains($"The chain is broken at entry {tampered}", page);
    }

    [Fact]
    public async Task Members_and_approvers_may_not_read_the_audit_log_and_do_not_see_it_in_the_navigation()
    {
        foreach (var role in new[] { AccessRole.Member, AccessRole.Approver })
        {
            using var reader = await app.SignedInBrowserAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/audit", Ct)).StatusCode);
            Assert.DoesNotContain("href=\"/audit\"", await reader.GetStringAsync("/functions", Ct));
        }
    }
}
