using Continuity.Audit;
using Continuity.Backups;
using Continuity.Communication;
using Continuity.Data;
using Continuity.Dependencies;
using Continuity.Functions;
using Continuity.Organisations;
using Continuity.People;
using Continuity.PlanFiles;
using Continuity.Procedures;
using Continuity.Risks;
using Continuity.Scenarios;
using Continuity.Sites;
using Continuity.Systems;
using Continuity.Vendors;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Store;

/// <summary>The batching engine under <see cref="PlanWriter"/>: writes a set of element changes
/// to the plan tables inside the caller's transaction. Removals and child-row replacements run as
/// bulk deletes, changed elements are loaded, updated and saved, new rows are inserted in bulk.
/// References must be resolved, as <c>PlanLoader</c> leaves them.</summary>
public static class PlanImport
{
    // Keeps each IN (...) list well under SQLite's and PostgreSQL's parameter limits.
    internal const int NamesPerStatement = 1000;

    /// <summary>Makes the database hold exactly the given plan, as the system importing it
    /// (<see cref="PlanWriter.ImportAsync"/>: one revision, element versions and audit entries).
    /// Kept for callers that load a whole plan, such as tests and the demo loader.</summary>
    public static Task<ImportReport> ApplyAsync(ContinuityDb db, Plan plan, TimeProvider clock, bool dryRun,
        CancellationToken cancellationToken) =>
        new PlanWriter(db, clock).ImportAsync(Actor.System(AuditChannel.Import), plan, new ImportOptions { DryRun = dryRun }, cancellationToken);

    internal static void CheckNames(Plan plan)
    {
        var duplicates = plan.Documents
            .GroupBy(d => (d.Kind, d.Name))
            .Where(g => g.Count() > 1)
            .Select(g => $"{ElementKinds.Slug(g.Key.Kind)}:{g.Key.Name}")
            .ToList();
        if (duplicates.Count > 0)
        {
            throw new ArgumentException($"The plan names these elements more than once: {string.Join(", ", duplicates)}.", nameof(plan));
        }
        if (plan.OfKind(ElementKind.Organisation).Count() > 1)
        {
            throw new ArgumentException("The plan describes more than one organisation; a database holds one.", nameof(plan));
        }
    }

    /// <summary>Writes the changes; the caller owns the transaction.</summary>
    internal static Task WriteAsync(ContinuityDb db, DateTime now, IEnumerable<ElementChange> changes, CancellationToken cancellationToken)
    {
        var byKind = Enum.GetValues<ElementKind>().ToDictionary(kind => kind, _ => new Changes());
        foreach (var change in changes)
        {
            var kind = byKind[change.Kind];
            switch (change)
            {
                case { After: null }:
                    kind.Removed.Add(change.Name);
                    break;
                case { Before: null }:
                    kind.Created.Add(change.After);
                    break;
                default:
                    kind.Updated.Add(change.After);
                    break;
            }
        }
        return new Import(db, now, byKind, cancellationToken).ApplyAsync();
    }

    private sealed class Changes
    {
        public List<PlanDocument> Created { get; } = [];

        public List<PlanDocument> Updated { get; } = [];

        public List<string> Removed { get; } = [];
    }

    /// <summary>One import's writes: removals and child-row replacements run at once as bulk
    /// deletes; changed elements are saved, then new rows inserted in bulk, at the end.</summary>
    private sealed class Import(ContinuityDb db, DateTime now, Dictionary<ElementKind, Changes> changes, CancellationToken ct)
    {
        private readonly List<object> _newRows = [];

        public async Task ApplyAsync()
        {
            await SyncAsync(db.Organisations, ElementKind.Organisation,
                (m, s) => new Organisation(m, (OrganisationSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (OrganisationSpec)s, now));
            await SyncAsync(db.Sites, ElementKind.Site,
                (m, s) => new Site(m, (SiteSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (SiteSpec)s, now));
            await SyncAsync(db.Teams, ElementKind.Team,
                (m, s) => new Team(m, (TeamSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (TeamSpec)s, now));
            await SyncAsync(db.People, ElementKind.Person,
                (m, s) => new Person(m, (PersonSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (PersonSpec)s, now));
            await SyncAsync(db.Roles, ElementKind.Role,
                (m, s) => new Role(m, (RoleSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (RoleSpec)s, now),
                ids => db.RoleAssignments.Where(a => ids.Contains(a.RoleId)).ExecuteDeleteAsync(ct),
                (role, spec) =>
                {
                    var (assignments, holders) = role.AssignmentsFromPlan((RoleSpec)spec);
                    return [.. assignments, .. holders];
                });
            await SyncAsync(db.Functions, ElementKind.BusinessFunction,
                (m, s) => new BusinessFunction(m, (BusinessFunctionSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (BusinessFunctionSpec)s, now),
                async ids =>
                {
                    await db.FunctionImpacts.Where(i => ids.Contains(i.FunctionId)).ExecuteDeleteAsync(ct);
                    await db.FinancialLosses.Where(l => ids.Contains(l.FunctionId)).ExecuteDeleteAsync(ct);
                    return await db.Dependencies.Where(d => ids.Contains(d.FunctionId!.Value)).ExecuteDeleteAsync(ct);
                },
                (function, spec) =>
                {
                    var functionSpec = (BusinessFunctionSpec)spec;
                    return [
                        .. function.ImpactFromPlan(functionSpec),
                        .. function.FinancialLossFromPlan(functionSpec),
                        .. Dependency.FromPlan(function, ElementKind.BusinessFunction, functionSpec.DependsOn),
                    ];
                });
            await SyncAsync(db.Systems, ElementKind.System,
                (m, s) => new SystemElement(m, (SystemSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (SystemSpec)s, now),
                ids => db.Dependencies.Where(d => ids.Contains(d.SystemId!.Value)).ExecuteDeleteAsync(ct),
                (system, spec) => Dependency.FromPlan(system, ElementKind.System, ((SystemSpec)spec).DependsOn));
            await SyncAsync(db.Vendors, ElementKind.Vendor,
                (m, s) => new Vendor(m, (VendorSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (VendorSpec)s, now),
                ids => db.Dependencies.Where(d => ids.Contains(d.VendorId!.Value)).ExecuteDeleteAsync(ct),
                (vendor, spec) => Dependency.FromPlan(vendor, ElementKind.Vendor, ((VendorSpec)spec).DependsOn));
            await SyncAsync(db.Risks, ElementKind.Risk,
                (m, s) => new Risk(m, (RiskSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (RiskSpec)s, now));
            await SyncAsync(db.Scenarios, ElementKind.Scenario,
                (m, s) => new Scenario(m, (ScenarioSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (ScenarioSpec)s, now));
            await SyncAsync(db.Procedures, ElementKind.Procedure,
                (m, s) => new Procedure(m, (ProcedureSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (ProcedureSpec)s, now),
                ids => db.ProcedureSteps.Where(step => ids.Contains(step.ProcedureId)).ExecuteDeleteAsync(ct),
                (procedure, spec) => procedure.StepsFromPlan((ProcedureSpec)spec));
            await SyncAsync(db.CommunicationPlans, ElementKind.CommunicationPlan,
                (m, s) => new CommunicationPlan(m, (CommunicationPlanSpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (CommunicationPlanSpec)s, now));
            await SyncAsync(db.BackupPolicies, ElementKind.BackupPolicy,
                (m, s) => new BackupPolicy(m, (BackupPolicySpec)s, now), (e, m, s) => e.UpdateFromPlan(m, (BackupPolicySpec)s, now));

            // Only the updated elements are tracked. New rows bypass the change tracker, which
            // takes many seconds for the tens of thousands of rows of a large organisation.
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await BulkInsert.InsertAsync(db, _newRows, ct);
        }

        private async Task SyncAsync<TEntity>(
            DbSet<TEntity> table,
            ElementKind kind,
            Func<Metadata, ElementSpec, TEntity> create,
            Action<TEntity, Metadata, ElementSpec> update,
            Func<Guid[], Task<int>>? deleteChildRows = null,
            Func<TEntity, ElementSpec, IEnumerable<object>>? childRows = null)
            where TEntity : Element
        {
            var kindChanges = changes[kind];
            foreach (var names in kindChanges.Removed.Chunk(NamesPerStatement))
            {
                await table.Where(e => names.Contains(e.Name)).ExecuteDeleteAsync(ct);  // child rows cascade
            }

            var updated = new Dictionary<string, TEntity>();
            foreach (var names in kindChanges.Updated.Select(d => d.Name).Chunk(NamesPerStatement))
            {
                foreach (var entity in await table.Where(e => names.Contains(e.Name)).ToListAsync(ct))
                {
                    updated.Add(entity.Name, entity);
                }
            }
            if (deleteChildRows is not null)
            {
                foreach (var ids in updated.Values.Select(e => e.Id).Chunk(NamesPerStatement))
                {
                    await deleteChildRows(ids);     // replaced below by the rows of the new content
                }
            }
            foreach (var document in kindChanges.Updated)
            {
                var entity = updated[document.Name];
                update(entity, document.Metadata, document.Spec);
                _newRows.AddRange(childRows?.Invoke(entity, document.Spec) ?? []);
            }

            foreach (var document in kindChanges.Created)
            {
                var entity = create(document.Metadata, document.Spec);
                _newRows.Add(entity);
                _newRows.AddRange(childRows?.Invoke(entity, document.Spec) ?? []);
            }
        }
    }
}
