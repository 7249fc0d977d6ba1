using Continuity.Data;
using Continuity.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Store;

/// <summary>Reads the database back into the plan model: one query per table, child rows in
/// the order they were imported.</summary>
public static class PlanExport
{
    public static async Task<Plan> LoadAsync(ContinuityDb db, CancellationToken cancellationToken) =>
        new(await LoadDocumentsAsync(db, cancellationToken));

    /// <summary>The plan and the revision it is at. The revision is read before and after the
    /// plan, without a transaction (an export must work on a database it may only read): a
    /// plan read while a writer committed is read again.</summary>
    public static async Task<(Plan Plan, long Revision)> LoadWithRevisionAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        var revision = await RevisionAsync(db, cancellationToken);
        while (true)
        {
            var plan = new Plan(await LoadDocumentsAsync(db, cancellationToken));
            var after = await RevisionAsync(db, cancellationToken);
            if (after == revision)
            {
                return (plan, revision);
            }
            revision = after;
        }
    }

    private static Task<long> RevisionAsync(ContinuityDb db, CancellationToken ct) =>
        Revisions.PlanRevision.CurrentAsync(db, ct);

    /// <param name="db">The database.</param>
    /// <param name="ct">Cancels the queries.</param>
    /// <param name="withDependencies">False leaves every <c>dependsOn</c> empty: the analysis reads the
    /// dependencies from the snapshot, and they are the largest table (about five rows per element).</param>
    internal static async Task<List<PlanDocument>> LoadDocumentsAsync(ContinuityDb db, CancellationToken ct, bool withDependencies = true)
    {
        var dependencies = (withDependencies ? await db.Dependencies.AsNoTracking().OrderBy(d => d.Position).ToListAsync(ct) : []).ToLookup(d => d.OwnerId);
        var impact = (await db.FunctionImpacts.AsNoTracking().OrderBy(i => i.Position).ToListAsync(ct)).ToLookup(i => i.FunctionId);
        var financialLoss = (await db.FinancialLosses.AsNoTracking().OrderBy(l => l.Position).ToListAsync(ct)).ToLookup(l => l.FunctionId);
        var assignments = (await db.RoleAssignments.AsNoTracking().OrderBy(a => a.Position).ToListAsync(ct)).ToLookup(a => a.RoleId);
        var holders = (await db.RoleHolders.AsNoTracking().OrderBy(h => h.Rank).ToListAsync(ct)).ToLookup(h => h.AssignmentId);
        var steps = (await db.ProcedureSteps.AsNoTracking().OrderBy(s => s.Position).ToListAsync(ct)).ToLookup(s => s.ProcedureId);

        var documents = new List<PlanDocument>();
        documents.AddRange((await db.Organisations.AsNoTracking().ToListAsync(ct)).Select(o => o.ToDocument()));
        documents.AddRange((await db.Sites.AsNoTracking().ToListAsync(ct)).Select(s => s.ToDocument()));
        documents.AddRange((await db.Teams.AsNoTracking().ToListAsync(ct)).Select(t => t.ToDocument()));
        documents.AddRange((await db.People.AsNoTracking().ToListAsync(ct)).Select(p => p.ToDocument()));
        documents.AddRange((await db.Roles.AsNoTracking().ToListAsync(ct)).Select(r => r.ToDocument(assignments[r.Id], holders)));
        documents.AddRange((await db.Functions.AsNoTracking().ToListAsync(ct))
            .Select(f => f.ToDocument(impact[f.Id], financialLoss[f.Id], dependencies[f.Id])));
        documents.AddRange((await db.Systems.AsNoTracking().ToListAsync(ct)).Select(s => s.ToDocument(dependencies[s.Id])));
        documents.AddRange((await db.Vendors.AsNoTracking().ToListAsync(ct)).Select(v => v.ToDocument(dependencies[v.Id])));
        documents.AddRange((await db.Risks.AsNoTracking().ToListAsync(ct)).Select(r => r.ToDocument()));
        documents.AddRange((await db.Scenarios.AsNoTracking().ToListAsync(ct)).Select(s => s.ToDocument()));
        documents.AddRange((await db.Procedures.AsNoTracking().ToListAsync(ct)).Select(p => p.ToDocument(steps[p.Id])));
        documents.AddRange((await db.CommunicationPlans.AsNoTracking().ToListAsync(ct)).Select(c => c.ToDocument()));
        documents.AddRange((await db.BackupPolicies.AsNoTracking().ToListAsync(ct)).Select(b => b.ToDocument()));
        return documents;
    }
}
