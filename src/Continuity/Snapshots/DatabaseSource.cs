using System.Data.Common;
using Continuity.Analysis;
using Continuity.Data;
using Continuity.Dependencies;
using Continuity.PlanFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Continuity.Snapshots;

/// <summary>The snapshot's rows from the database: one projection query per table, each
/// selecting only the columns the analysis reads; no entity is materialised or tracked.</summary>
internal static class DatabaseSource
{
    /// <summary>The number of queries <see cref="LoadAsync"/> runs, whatever the size of the plan.</summary>
    public const int QueryCount = 10;

    public static async Task<PlanSnapshot> LoadAsync(ContinuityDb db, CancellationToken ct)
    {
        // One connection for all the queries (SQLite runs its pragmas once, not per query).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var builder = SnapshotBuilder.For(await ReadElementsAsync(db, ct));
            await ReadDependenciesAsync(db, builder, ct);
            return builder.Build();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<SnapshotSource> ReadElementsAsync(ContinuityDb db, CancellationToken ct) =>
        new()
        {
            Functions = await db.Functions.AsNoTracking()
                .Select(f => new FunctionRow(f.Name, f.Title, f.Labels, f.Team, f.Tier, f.MtpdMinutes, f.RtoMinutes, f.RpoMinutes))
                .ToListAsync(ct),
            Systems = await db.Systems.AsNoTracking()
                .Select(s => new SystemRow(s.Name, s.Title, s.Labels,
                    s.Type == SystemType.Database || s.Type == SystemType.DataStore, s.Team, s.Tier, s.RtoMinutes, s.RpoMinutes,
                    s.RestoreEstimatedMinutes, s.RestoreMeasuredMinutes, s.ReplicationLagMinutes, s.Vendor, s.HostingSites,
                    s.HostingRecoverySites, s.RestoredByVendor))
                .ToListAsync(ct),
            Vendors = await db.Vendors.AsNoTracking()
                .Select(v => new VendorRow(v.Name, v.Title, v.Labels, v.ContractualRtoMinutes))
                .ToListAsync(ct),
            Sites = await db.Sites.AsNoTracking()
                .Select(s => new SiteRow(s.Name, s.Title, s.Labels, s.Region, s.Within, s.Vendor))
                .ToListAsync(ct),
            People = await db.People.AsNoTracking()
                .Select(p => new PersonRow(p.Name, p.Title, p.Labels, p.Active))
                .ToListAsync(ct),
            Roles = await db.Roles.AsNoTracking()
                .Select(r => new RoleRow(r.Name, r.Title, r.Labels))
                .ToListAsync(ct),
            Holders = await (
                    from holder in db.RoleHolders.AsNoTracking()
                    join assignment in db.RoleAssignments on holder.AssignmentId equals assignment.Id
                    join role in db.Roles on assignment.RoleId equals role.Id
                    select new HolderRow(role.Name, holder.Person))
                .ToListAsync(ct),
            BackupPolicies = await db.BackupPolicies.AsNoTracking()
                .Select(b => new BackupRow(b.Name, b.System, b.FrequencyMinutes))
                .ToListAsync(ct),
            Teams = await db.Teams.AsNoTracking().Select(t => t.Name).ToListAsync(ct),
        };

    /// <summary>The dependency rows, about five per node, streamed into the builder (which
    /// resolves the names at once) with a plain data reader: EF Core's materialisation allocates
    /// an execution context and boxed values per row, which doubles the time and memory at half
    /// a million rows. The SQL names come from the model and the command goes through EF Core, so
    /// interceptors, logging and the current transaction apply as to any query. Kinds stored as
    /// text are turned into node kinds in SQL.</summary>
    private static async Task ReadDependenciesAsync(ContinuityDb db, SnapshotBuilder builder, CancellationToken ct)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(DependencySql(db));
        var parameters = new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), null, null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery);
        await using var reader = await command.ExecuteReaderAsync(parameters, ct);
        DbDataReader data = reader.DbDataReader;
        while (await data.ReadAsync(ct))
        {
            builder.AddDependency(data.GetInt32(0), data.GetString(1), data.GetInt32(2), data.IsDBNull(3) ? null : data.GetInt32(3),
                data.GetInt32(4), data.GetString(5), data.GetBoolean(6));
        }
    }

    // SELECT CASE WHEN "FunctionId" IS NOT NULL THEN 0 WHEN "SystemId" IS NOT NULL THEN 1 ELSE 2 END,
    //        "DependentName", "Position", "RedundancyGroup",
    //        CASE "TargetKind" WHEN 'BusinessFunction' THEN 0 … ELSE -1 END, "TargetName", "Type" = 'Degraded'
    // FROM "dependencies"
    private static string DependencySql(ContinuityDb db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(Dependency))!;
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        string Literal<TEnum>(string property, TEnum value)
            where TEnum : struct, Enum
            => entity.FindProperty(property)!.GetRelationalTypeMapping().GenerateSqlLiteral(value);   // through the column's converter

        var targetKind = string.Concat(
            Enum.GetValues<ElementKind>()
                .Where(kind => SnapshotSource.NodeKindOf(kind) >= 0)
                .Select(kind => $" WHEN {Literal(nameof(Dependency.TargetKind), kind)} THEN {SnapshotSource.NodeKindOf(kind)}"));
        return $"SELECT CASE WHEN {Column(nameof(Dependency.FunctionId))} IS NOT NULL THEN {(int)NodeKind.Function}"
            + $" WHEN {Column(nameof(Dependency.SystemId))} IS NOT NULL THEN {(int)NodeKind.System} ELSE {(int)NodeKind.Vendor} END,"
            + $" {Column(nameof(Dependency.DependentName))}, {Column(nameof(Dependency.Position))}, {Column(nameof(Dependency.RedundancyGroup))},"
            + $" CASE {Column(nameof(Dependency.TargetKind))}{targetKind} ELSE -1 END, {Column(nameof(Dependency.TargetName))},"
            + $" {Column(nameof(Dependency.Type))} = {Literal(nameof(Dependency.Type), DependencyType.Degraded)}"
            + $" FROM {sql.DelimitIdentifier(entity.GetTableName()!)}";
    }
}
