using Continuity.Audit;
using Continuity.Governance;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Governance;

/// <summary>Plan versions (ADR 010) on a real database, once per provider.</summary>
public abstract class PlanVersionsTests(TestDatabases databases)
{
    private static readonly Actor Manager = new("manager@example.org", AuditChannel.Api);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_submission_freezes_the_plan_with_the_same_hash_as_the_plan_files_give()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());

        var version = await SubmitAsync(database, PlanScope.Organisation, "First consolidated plan.");

        // The snapshot of what the database holds is the snapshot of the files it was imported from:
        // on SQLite and PostgreSQL alike.
        Assert.Equal(VersionSnapshot.Of(Full(), PlanScope.Organisation).Hash, version.ContentHash);
        Assert.Equal(VersionSnapshot.HashOf(version.Content), version.ContentHash);
        Assert.Equal(("organisation@1", 1L, VersionState.PendingApproval), (version.Label, version.Revision, version.State));
        await using var db = database.Open();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "plan.version.submitted", Ct);
        Assert.Equal(("manager@example.org", "organisation@1"), (entry.Actor, entry.Subject));
        Assert.Contains(entry.FieldChanges, c => c.Field == "contentHash" && c.After == $"\"{version.ContentHash}\"");
        Assert.True((await AuditLog.VerifyAsync(db, Ct)).Intact);
    }

    [Fact]
    public async Task Nothing_new_cannot_be_submitted_and_a_change_makes_the_next_version_leaving_the_first_as_it_was()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var first = await SubmitAsync(database, PlanScope.Organisation, null);

        var refused = await Assert.ThrowsAsync<PlanConflictException>(() => SubmitAsync(database, PlanScope.Organisation, null));
        Assert.Contains("organisation@1", refused.Message, StringComparison.Ordinal);

        var changed = Full();
        changed.Specs<BusinessFunctionSpec>().Single(f => f.Document.Name == "enrolment").Spec.Objectives!.Rto = Duration.FromHours(2);
        await ImportAsync(database, changed);
        await using (var db = database.Open())
        {
            var draft = await new PlanVersions(db, _clock).DraftAsync(PlanScope.Organisation, Ct);
            Assert.True(draft.HasChanges);
            Assert.Contains("RTO of enrolment: 4h → 2h.", PlanDiff.Between(first.Content, draft.Snapshot.Json).SelectMany(c => c.Sentences));
        }
        var second = await SubmitAsync(database, PlanScope.Organisation, null);

        Assert.Equal((2, 2L), (second.Number, second.Revision));
        await using var check = database.Open();
        var stored = await new PlanVersions(check, _clock).FindAsync(PlanScope.Organisation, 1, Ct);
        Assert.Equal((first.Content, first.ContentHash), (stored!.Content, stored.ContentHash));
        Assert.Equal(["organisation@2", "organisation@1"], (await new PlanVersions(check, _clock).ListAsync(null, Ct)).Select(v => v.Label));
    }

    [Fact]
    public async Task Team_plans_are_numbered_on_their_own_and_a_team_the_plan_lacks_is_refused()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());

        var team = await SubmitAsync(database, PlanScope.OfTeam("platform-team"), null);
        var organisation = await SubmitAsync(database, PlanScope.Organisation, null);
        var refused = await Assert.ThrowsAsync<PlanValidationException>(() => SubmitAsync(database, PlanScope.OfTeam("no-such-team"), null));

        Assert.Equal(("team:platform-team@1", "organisation@1"), (team.Label, organisation.Label));
        Assert.True(team.Elements < organisation.Elements);
        Assert.Equal("scope", Assert.Single(refused.Errors).Field);
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_or_delete_a_version()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        var version = await SubmitAsync(database, PlanScope.Organisation, null);
        await using var db = database.Open();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE plan_versions SET \"ContentHash\" = 'forged' WHERE \"Id\" = {0}", [version.Id], Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE plan_versions SET \"Content\" = '[]' WHERE \"Id\" = {0}", [version.Id], Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM plan_versions WHERE \"Id\" = {0}", [version.Id], Ct));
        // The workflow state may move.
        await db.Database.ExecuteSqlRawAsync("UPDATE plan_versions SET \"State\" = 'Approved' WHERE \"Id\" = {0}", [version.Id], Ct);

        var stored = await db.PlanVersions.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((version.ContentHash, version.Content, VersionState.Approved), (stored.ContentHash, stored.Content, stored.State));
    }

    private async Task ImportAsync(TestDatabase database, Plan plan)
    {
        await using var db = database.Open();
        await new PlanWriter(db, _clock).ImportAsync(Actor.CommandLine(AuditChannel.Import), plan, new ImportOptions(), Ct);
    }

    private async Task<PlanVersion> SubmitAsync(TestDatabase database, PlanScope scope, string? note)
    {
        await using var db = database.Open();
        return await new PlanVersions(db, _clock).SubmitAsync(Manager, scope, note, Ct);
    }
}

public sealed class SqlitePlanVersionsTests(SqliteDatabases databases) : PlanVersionsTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresPlanVersionsTests(PostgresDatabases databases) : PlanVersionsTests(databases), IClassFixture<PostgresDatabases>;
