using System.Net;
using Continuity.Accounts;
using Continuity.Governance;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Web;

/// <summary>The administrators' settings page (ADR 010): the approval quorum is changed there,
/// audited, bounded, and the sign-off of the consolidated plan follows it. Own fixture: it changes
/// a setting every test of the app would see.</summary>
public sealed class SettingsPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_lowers_the_quorum_the_change_is_audited_and_the_version_page_counts_with_it()
    {
        var admin = await app.SignedInBrowserAsync(AccessRole.Administrator);
        var page = await admin.GetStringAsync("/admin/settings", Ct);
        Assert.Contains("Approvals needed for the consolidated plan", page, StringComparison.Ordinal);
        Assert.Contains("The default (2); nobody has changed it.", page, StringComparison.Ordinal);

        using (var refused = await ContinuityApp.PostFormAsync(admin, "/admin/settings", new() { ["Key"] = "approval-quorum", ["Value"] = "0" }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("must be a whole number from 1 to 20", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var saved = await ContinuityApp.PostFormAsync(admin, "/admin/settings", new() { ["Key"] = "approval-quorum", ["Value"] = "1" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Contains("Set by admin", await admin.GetStringAsync("/admin/settings", Ct), StringComparison.Ordinal);
        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "setting.changed", Ct));
        Assert.Equal("setting:approval-quorum", entry.Subject);
        Assert.Contains(entry.FieldChanges, c => c.Before == "2" && c.After == "1");

        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using (await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "organisation" }))
        {
        }
        Assert.Contains("0 of 1 needed", await manager.GetStringAsync("/plan/versions/organisation/1", Ct), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<AppSettings>().GetAsync(Ct)).ApprovalQuorum);
    }
}
