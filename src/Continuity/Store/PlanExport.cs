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

    /// <summary>The plan (with each function's signed approval of its objectives laid over it:
    /// <see cref="Functions.ObjectiveApprovals.OverlayAsync"/>) and the revision it is at. The revision is read before and after the
    /// plan, without a transaction (an export must work on a database it may only read): a
    /// plan read while a writer committed is read again.</summary>
    public static async Task<(Plan Plan, long Revision)> LoadWithRevisionAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        var revision = await RevisionAsync(db, cancellationToken);
        while (true)
        {
            var documents = await LoadDocumentsAsync(db, cancellationToken);
            await Functions.ObjectiveApprovals.OverlayAsync(db, documents, cancellationToken);
            var plan = new Plan(documents);
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

    /// <summary>The documents of one kind (<paramref name="name"/> null) or the one element of that
    /// kind and name, with their child rows: what a change to one element reads instead of the plan.</summary>
    internal static async Task<List<PlanDocument>> LoadOfKindAsync(ContinuityDb db, ElementKind kind, string? name, CancellationToken ct)
    {
        switch (kind)
        {
            case ElementKind.Organisation:
                return [.. (await Named(db.Organisations, name).ToListAsync(ct)).Select(o => o.ToDocument())];
            case ElementKind.Site:
                return [.. (await Named(db.Sites, name).ToListAsync(ct)).Select(s => s.ToDocument())];
            case ElementKind.Team:
                return [.. (await Named(db.Teams, name).ToListAsync(ct)).Select(t => t.ToDocument())];
            case ElementKind.Person:
                return [.. (await Named(db.People, name).ToListAsync(ct)).Select(p => p.ToDocument())];
            case ElementKind.Risk:
                return [.. (await Named(db.Risks, name).ToListAsync(ct)).Select(r => r.ToDocument())];
            case ElementKind.Scenario:
                return [.. (await Named(db.Scenarios, name).ToListAsync(ct)).Select(s => s.ToDocument())];
            case ElementKind.CommunicationPlan:
                return [.. (await Named(db.CommunicationPlans, name).ToListAsync(ct)).Select(c => c.ToDocument())];
            case ElementKind.BackupPolicy:
                return [.. (await Named(db.BackupPolicies, name).ToListAsync(ct)).Select(b => b.ToDocument())];
            case ElementKind.Role:
                {
                    var roles = await Named(db.Roles, name).ToListAsync(ct);
                    var ids = roles.Select(r => r.Id).ToList();
                    var assignments = (await db.RoleAssignments.AsNoTracking().Where(a => name == null || ids.Contains(a.RoleId)).OrderBy(a => a.Position).ToListAsync(ct)).ToLookup(a => a.RoleId);
                    var assignmentIds = assignments.SelectMany(a => a).Select(a => a.Id).ToList();
                    var holders = (await db.RoleHolders.AsNoTracking().Where(h => name == null || assignmentIds.Contains(h.AssignmentId)).OrderBy(h => h.Rank).ToListAsync(ct)).ToLookup(h => h.AssignmentId);
                    return [.. roles.Select(r => r.ToDocument(assignments[r.Id], holders))];
                }
            case ElementKind.BusinessFunction:
                {
                    var functions = await Named(db.Functions, name).ToListAsync(ct);
                    var ids = functions.Select(f => f.Id).ToList();
                    var impact = (await db.FunctionImpacts.AsNoTracking().Where(i => name == null || ids.Contains(i.FunctionId)).OrderBy(i => i.Position).ToListAsync(ct)).ToLookup(i => i.FunctionId);
                    var losses = (await db.FinancialLosses.AsNoTracking().Where(l => name == null || ids.Contains(l.FunctionId)).OrderBy(l => l.Position).ToListAsync(ct)).ToLookup(l => l.FunctionId);
                    var dependencies = (await db.Dependencies.AsNoTracking().Where(d => d.FunctionId != null && (name == null || ids.Contains(d.FunctionId.Value))).OrderBy(d => d.Position).ToListAsync(ct)).ToLookup(d => d.OwnerId);
                    return [.. functions.Select(f => f.ToDocument(impact[f.Id], losses[f.Id], dependencies[f.Id]))];
                }
            case ElementKind.System:
                {
                    var systems = await Named(db.Systems, name).ToListAsync(ct);
                    var ids = systems.Select(s => s.Id).ToList();
                    var dependencies = (await db.Dependencies.AsNoTracking().Where(d => d.SystemId != null && (name == null || ids.Contains(d.SystemId.Value))).OrderBy(d => d.Position).ToListAsync(ct)).ToLookup(d => d.OwnerId);
                    return [.. systems.Select(s => s.ToDocument(dependencies[s.Id]))];
                }
            case ElementKind.Vendor:
                {
                    var vendors = await Named(db.Vendors, name).ToListAsync(ct);
                    var ids = vendors.Select(v => v.Id).ToList();
                    var dependencies = (await db.Dependencies.AsNoTracking().Where(d => d.VendorId != null && (name == null || ids.Contains(d.VendorId.Value))).OrderBy(d => d.Position).ToListAsync(ct)).ToLookup(d => d.OwnerId);
                    return [.. vendors.Select(v => v.ToDocument(dependencies[v.Id]))];
                }
            case ElementKind.Procedure:
                {
                    var procedures = await Named(db.Procedures, name).ToListAsync(ct);
                    var ids = procedures.Select(p => p.Id).ToList();
                    var steps = (await db.ProcedureSteps.AsNoTracking().Where(s => name == null || ids.Contains(s.ProcedureId)).OrderBy(s => s.Position).ToListAsync(ct)).ToLookup(s => s.ProcedureId);
                    return [.. procedures.Select(p => p.ToDocument(steps[p.Id]))];
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>The kind and name of every element of the stored plan, in one query.</summary>
    internal static async Task<List<(ElementKind Kind, string Name)>> LoadIdsAsync(ContinuityDb db, CancellationToken ct)
    {
        var query = Ids(db.Organisations, ElementKind.Organisation)
            .Concat(Ids(db.Sites, ElementKind.Site))
            .Concat(Ids(db.Teams, ElementKind.Team))
            .Concat(Ids(db.People, ElementKind.Person))
            .Concat(Ids(db.Roles, ElementKind.Role))
            .Concat(Ids(db.Functions, ElementKind.BusinessFunction))
            .Concat(Ids(db.Systems, ElementKind.System))
            .Concat(Ids(db.Vendors, ElementKind.Vendor))
            .Concat(Ids(db.Risks, ElementKind.Risk))
            .Concat(Ids(db.Scenarios, ElementKind.Scenario))
            .Concat(Ids(db.Procedures, ElementKind.Procedure))
            .Concat(Ids(db.CommunicationPlans, ElementKind.CommunicationPlan))
            .Concat(Ids(db.BackupPolicies, ElementKind.BackupPolicy));
        return [.. (await query.ToListAsync(ct)).Select(row => ((ElementKind)row.Kind, row.Name))];
    }

    private static IQueryable<T> Named<T>(DbSet<T> table, string? name)
        where T : Element =>
        name is null ? table.AsNoTracking() : table.AsNoTracking().Where(e => e.Name == name);

    private static IQueryable<IdRow> Ids<T>(DbSet<T> table, ElementKind kind)
        where T : Element =>
        table.AsNoTracking().Select(e => new IdRow { Kind = (int)kind, Name = e.Name });

    // A member-initialised class: EF Core translates a UNION ALL of projections it can map to columns.
    private sealed class IdRow
    {
        public int Kind { get; init; }

        public string Name { get; init; } = "";
    }
}
