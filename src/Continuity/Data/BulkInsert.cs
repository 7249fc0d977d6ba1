using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Continuity.Data;

/// <summary>Inserts many new rows with multi-row INSERT statements on the context's connection
/// and transaction, bypassing the change tracker: tens of thousands of rows go in seconds
/// instead of minutes. Column names, value converters and parameter types come from the EF
/// model, so the rows read back exactly as rows saved by EF do.</summary>
internal static class BulkInsert
{
    // Parameters per statement: well under PostgreSQL's limit of 65535.
    private const int ParametersPerStatement = 4000;

    /// <summary>Inserts the rows, principal tables before the tables that refer to them.</summary>
    public static async Task InsertAsync(DbContext db, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        var byType = rows.GroupBy(row => db.Model.FindEntityType(row.GetType())
            ?? throw new ArgumentException($"{row.GetType().Name} is not an entity type of {db.GetType().Name}.", nameof(rows)));
        foreach (var table in byType.OrderBy(group => Depth(group.Key)))
        {
            await InsertAsync(db, table.Key, [.. table], cancellationToken);
        }
    }

    private static async Task InsertAsync(DbContext db, IEntityType entityType, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var tableName = entityType.GetTableName()!;
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Select(p => new Column(p.GetColumnName(table)!, p.GetGetter(), p.GetRelationalTypeMapping(), p.IsNullable))
            .ToList();
        var insert = $"INSERT INTO {sql.DelimitIdentifier(tableName)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var rowsPerStatement = Math.Max(1, ParameterBudget(db) / columns.Count);

        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                if (command?.Parameters.Count == chunk.Length * columns.Count)
                {
                    SetValues(command, columns, chunk);     // same statement: the database reuses its plan
                }
                else
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }
                    command = CreateCommand(db, sql, insert, columns, chunk);
                }
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        catch (DbException exception)
        {
            // Report like SaveChanges does, so callers handle one kind of failure to save.
            throw new DbUpdateException($"Inserting into {tableName} failed: {exception.Message}", exception);
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static DbCommand CreateCommand(DbContext db, ISqlGenerationHelper sql, string insert, List<Column> columns, object[] rows)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new StringBuilder(insert);
        for (var row = 0; row < rows.Length; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Count; column++)
            {
                var (_, getter, mapping, nullable) = columns[column];
                // Named as EF names them ("@p0"): Microsoft.Data.Sqlite looks a bare "p0" up under
                // each prefix in turn on every execution, which took a fifth of an import.
                var name = $"p{(row * columns.Count) + column}";
                command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), getter.GetClrValueUsingContainingEntity(rows[row]), nullable));
                text.Append(column == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }

    // What RelationalTypeMapping.CreateParameter does with a value, on a parameter it made.
    private static void SetValues(DbCommand command, List<Column> columns, object[] rows)
    {
        for (var row = 0; row < rows.Length; row++)
        {
            for (var column = 0; column < columns.Count; column++)
            {
                var (_, getter, mapping, _) = columns[column];
                var value = getter.GetClrValueUsingContainingEntity(rows[row]);
                if (value is not null && mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }
                command.Parameters[(row * columns.Count) + column].Value = value ?? DBNull.Value;
            }
        }
    }

    // SQLite binds parameters by name, one lookup each (quadratic in their number), and runs in
    // process: one prepared single-row statement is fastest (measured against 20 to 1,000
    // parameters a statement). PostgreSQL binds by position and is a round trip away: few, large
    // statements.
    private static int ParameterBudget(DbContext db) => db.Database.IsSqlite() ? 1 : ParametersPerStatement;

    private sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable);

    // A table's rows go in after the rows of every table its foreign keys point to.
    private static int Depth(IEntityType entityType) =>
        entityType.GetForeignKeys()
            .Select(fk => fk.PrincipalEntityType)
            .Where(principal => principal != entityType)
            .Select(principal => 1 + Depth(principal))
            .DefaultIfEmpty(0)
            .Max();
}
