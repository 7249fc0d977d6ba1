using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Functions;
using Continuity.Governance;
using Continuity.Revisions;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Governance;

/// <summary>BC.1.04 over a year of the demo organisation: met once an approver signs every
/// function's objectives, at risk in the last 30 days of the signatures' 12 months, not met after.</summary>
public sealed class ObjectivesControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ControlRequirement> SignedWithinAsync(DemoApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var evaluation = await scope.ServiceProvider.GetRequiredService<ControlStatus>().EvaluateAsync(Ct);
        return evaluation.Control(ControlStatus.BiaControl).Requirements.Single(r => r.Requirement.StartsWith("Recovery objectives signed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signed_objectives_keep_BC_1_04_met_for_twelve_months_at_risk_in_the_last_thirty_days_and_not_met_after()
    {
        await using var app = new DemoApp();
        var email = await app.CreateUserAsync(AccessRole.Approver);
        var unsigned = await SignedWithinAsync(app);
        Assert.Equal(ControlState.NotMet, unsigned.State);

        var (userId, functions, revision) = await app.QueryAsync(async db => (
            await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct),
            await db.Functions.Where(f => f.MtpdMinutes != null || f.RtoMinutes != null || f.RpoMinutes != null).Select(f => f.Name).ToListAsync(Ct),
            await PlanRevision.CurrentAsync(db, Ct)));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Continuity.Data.ContinuityDb>();
            await scope.ServiceProvider.GetRequiredService<ObjectiveApprovals>().ApproveAsync(new Actor(email, AuditChannel.Form),
                await Access.LoadAsync(db, userId, Ct), functions, revision, "Board meeting.", ContinuityApp.Password, Ct);
        }
        var signed = await SignedWithinAsync(app);
        Assert.Equal(ControlState.Met, signed.State);
        Assert.Contains($"The objectives of all {functions.Count} functions are signed", signed.Status, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(340));                          // 28 November 2026 + 340 days: 3 November 2027
        var expiring = await SignedWithinAsync(app);
        Assert.Equal(ControlState.AtRisk, expiring.State);
        Assert.Contains("expire within 30 days", expiring.Status, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(30));                           // 3 December 2027: more than 12 months
        var expired = await SignedWithinAsync(app);
        Assert.Equal(ControlState.NotMet, expired.State);
        Assert.Contains($"0 of {functions.Count} functions have objectives signed within 12 months", expired.Status, StringComparison.Ordinal);
        Assert.Contains("signed more than 12 months ago", expired.Status, StringComparison.Ordinal);
    }
}
