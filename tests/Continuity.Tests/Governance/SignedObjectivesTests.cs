using Continuity.Audit;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Functions;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Governance;

/// <summary>Signed approvals of recovery objectives (ADR 010) on a real database, once per provider:
/// they live in their own table, are laid over the documents the analysis, versions and export read,
/// decide the approval state and CT104/CT105, and no document coming in can create or change them.</summary>
public abstract class SignedObjectivesTests(TestDatabases databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BusinessFunctionSpec Enrolment(Plan plan) => plan.Specs<BusinessFunctionSpec>().Single(f => f.Document.Name == "enrolment").Spec;

    /// <summary>A signature as <see cref="ObjectiveApprovals.ApproveAsync"/> writes it (re-authentication is the web's test).</summary>
    private static async Task SignAsync(ContinuityDb db, string function, ObjectiveValues values)
    {
        db.ObjectiveApprovals.Add(new ObjectiveApproval(function, values, "board@example.org", "Board meeting", "password", 1, new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc)));
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task A_signature_decides_the_approval_state_and_the_checks_and_a_later_change_unapproves_the_function()
    {
        await using var database = await databases.CreateAsync();
        var plan = Full();
        Enrolment(plan).Objectives!.Approved = null;                  // nothing in the files
        await ImportAsync(database, plan);
        var today = new DateOnly(2026, 12, 1);
        await using var db = database.Open();

        async Task<(ApprovalState State, IReadOnlyList<string> Checks)> EnrolmentAsync()
        {
            var (loaded, snapshot) = await PlanAnalysis.LoadAsync(db, Ct);
            var result = PlanAnalysis.Run(loaded, snapshot, new AnalysisOptions(today));
            var spec = Enrolment(loaded);
            return (ApprovalStates.Of(spec.Objectives), [.. result.Findings.Where(f => f.ElementId == "function:enrolment" && f.CheckId is "CT104" or "CT105").Select(f => f.CheckId)]);
        }

        var (before, found) = await EnrolmentAsync();
        Assert.Equal((ApprovalState.NotApproved, "CT104"), (before, Assert.Single(found)));
        var objectives = Enrolment(Full()).Objectives!;
        await SignAsync(db, "enrolment", new ObjectiveValues(objectives.Mtpd?.Minutes, objectives.Rto?.Minutes, objectives.Rpo?.Minutes));
        var (signed, none) = await EnrolmentAsync();
        Assert.Equal(ApprovalState.Approved, signed);
        Assert.Empty(none);

        var changed = Full();
        Enrolment(changed).Objectives!.Approved = null;
        Enrolment(changed).Objectives!.Rto = Duration.FromHours(2);
        await ImportAsync(database, changed);
        var (state, checks) = await EnrolmentAsync();
        Assert.Equal((ApprovalState.ChangedSinceApproval, "CT105"), (state, Assert.Single(checks)));
    }

    [Fact]
    public async Task Export_writes_the_signature_and_no_import_creates_or_changes_one()
    {
        await using var database = await databases.CreateAsync();
        await ImportAsync(database, Full());
        await using (var db = database.Open())
        {
            await SignAsync(db, "enrolment", new ObjectiveValues(1440, 240, 60));
        }

        Plan exported;
        await using (var db = database.Open())
        {
            (exported, _) = await PlanExport.LoadWithRevisionAsync(db, Ct);
        }
        var record = Enrolment(exported).Objectives!.Signed;
        Assert.Equal(("board@example.org", new DateOnly(2026, 11, 30), 240), (record!.By, record.On, record.Rto?.Minutes));
        Assert.Contains("signed:", PlanFileWriter.Write([exported.Documents.Single(d => d.Name == "enrolment")]), StringComparison.Ordinal);

        // Importing the export back changes nothing; a forged signature, or one on another function, is ignored.
        var report = await ImportAsync(database, exported);
        Assert.False(report.HasChanges);
        var forged = Full();
        Enrolment(forged).Objectives!.Signed = new SignedObjectives { By = "me@example.org", On = new DateOnly(2026, 12, 1), Rto = Duration.FromHours(1) };
        (forged.Specs<BusinessFunctionSpec>().First(f => f.Document.Name != "enrolment").Spec.Objectives ??= new RecoveryObjectives()).Signed = new SignedObjectives { By = "me@example.org" };
        await ImportAsync(database, forged);

        await using var check = database.Open();
        var rows = await check.ObjectiveApprovals.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(("enrolment", "board@example.org", 240), (Assert.Single(rows).Function, rows[0].ApprovedBy, rows[0].RtoMinutes));
        var (again, _) = await PlanExport.LoadWithRevisionAsync(check, Ct);
        Assert.Equal("board@example.org", Enrolment(again).Objectives!.Signed!.By);
        Assert.Single(again.Specs<BusinessFunctionSpec>(), f => f.Spec.Objectives?.Signed is not null);

        await Assert.ThrowsAnyAsync<Exception>(() => check.Database.ExecuteSqlRawAsync("UPDATE objective_approvals SET \"RtoMinutes\" = 1", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => check.Database.ExecuteSqlRawAsync("DELETE FROM objective_approvals", Ct));
    }

    private async Task<ImportReport> ImportAsync(TestDatabase database, Plan plan)
    {
        await using var db = database.Open();
        return await new PlanWriter(db, _clock).ImportAsync(Actor.CommandLine(AuditChannel.Import), plan, new ImportOptions(), Ct);
    }
}

public sealed class SqliteSignedObjectivesTests(SqliteDatabases databases) : SignedObjectivesTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresSignedObjectivesTests(PostgresDatabases databases) : SignedObjectivesTests(databases), IClassFixture<PostgresDatabases>;
