using System.Text;
using Continuity.Backups;
using Continuity.Communication;
using Continuity.Data;
using Continuity.Functions;
using Continuity.Organisations;
using Continuity.People;
using Continuity.Procedures;
using Continuity.Risks;
using Continuity.Scenarios;
using Continuity.Sites;
using Continuity.Systems;
using Continuity.Vendors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Continuity.Snapshots;

/// <summary>A cheap fingerprint of the data a <see cref="PlanSnapshot"/> and the analysis are built
/// from: for each table they read an element from, the number of rows and the latest <c>UpdatedUtc</c>,
/// in one query. Equal versions mean the snapshot would come out the same.
/// <para>Why that suffices: every change to an element — by import or by an editor — renews its
/// <c>UpdatedUtc</c> from the clock (<c>Element.Describe</c>); the rows that hang off an element
/// (dependencies, role assignments and holders) are only ever replaced together with it; a
/// removal lowers the count and a creation stamps a new <c>UpdatedUtc</c>. An import that changes
/// nothing touches no row, so the version stays. The one blind spot is two writes within the
/// same clock tick (or a clock set back) that leave every count unchanged; writers that cannot
/// rule that out call <see cref="SnapshotCache.Invalidate"/>.</para></summary>
public sealed record DataVersion(string Value)
{
    // Everything the analysis reads: the snapshot's tables (teams count because a snapshot numbers
    // teams) and what the checks and the what-if read besides — the organisation (waivers, the
    // impact scale, capacity), risks, scenarios, procedures and communication plans.
    private static readonly Type[] Tables =
    [
        typeof(BusinessFunction), typeof(SystemElement), typeof(Vendor), typeof(Site), typeof(Person), typeof(Role),
        typeof(Team), typeof(BackupPolicy), typeof(Organisation), typeof(Risk), typeof(Scenario), typeof(Procedure),
        typeof(CommunicationPlan),
    ];

    public override string ToString() => Value;

    /// <summary>Reads the current version with one query.</summary>
    public static async Task<DataVersion> ProbeAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database.SqlQueryRaw<TableVersion>(ProbeSql(db)).ToListAsync(cancellationToken);
        rows.Sort(static (a, b) => string.CompareOrdinal(a.Table, b.Table));
        var value = new StringBuilder();
        foreach (var row in rows)
        {
            value.Append(row.Table).Append(':').Append(row.Rows).Append(':').Append(row.LastUpdated).Append(';');
        }
        return new DataVersion(value.ToString());
    }

    // SELECT 'sites' AS "Table", COUNT(*) AS "Rows", CAST(MAX("UpdatedUtc") AS TEXT) AS "LastUpdated" FROM "sites" UNION ALL …
    // The names come from the model, quoted by the provider; the text form of the time is only
    // compared with itself, so each engine may print it its own way.
    private static string ProbeSql(ContinuityDb db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var parts = new List<string>(Tables.Length);
        foreach (var type in Tables)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var table = entity.GetTableName()!;
            var updated = entity.FindProperty(nameof(Element.UpdatedUtc))!.GetColumnName();
            parts.Add($"SELECT '{table}' AS {sql.DelimitIdentifier(nameof(TableVersion.Table))}, COUNT(*) AS {sql.DelimitIdentifier(nameof(TableVersion.Rows))}, "
                + $"CAST(MAX({sql.DelimitIdentifier(updated)}) AS TEXT) AS {sql.DelimitIdentifier(nameof(TableVersion.LastUpdated))} "
                + $"FROM {sql.DelimitIdentifier(table)}");
        }
        return string.Join(" UNION ALL ", parts);
    }

    private sealed class TableVersion
    {
        public string Table { get; set; } = "";

        public long Rows { get; set; }

        public string? LastUpdated { get; set; }
    }
}
