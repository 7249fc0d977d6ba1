using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Continuity.Data;

/// <summary>Runs on every SQLite connection: creates the file's folder when missing (SQLite
/// creates the file but not its folder), then sets write-ahead logging (readers do not block the
/// writer), SQLite's wait on a locked database to the connection's Default Timeout (5 s unless the
/// connection string sets it; see <see cref="ContinuityDbFactory.SqliteLockWaitSeconds"/>), and enforced foreign keys.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // The wait is set first: switching to WAL mode needs a lock of its own.
    private static string Pragmas(DbConnection connection) =>
        $"PRAGMA busy_timeout={((SqliteConnection)connection).DefaultTimeout * 1000}; PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;";

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        CreateFolder(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        CreateFolder(connection);
        return ValueTask.FromResult(result);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void CreateFolder(DbConnection connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection.ConnectionString);
        if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly or SqliteOpenMode.ReadWrite
            || string.IsNullOrEmpty(builder.DataSource)
            || builder.DataSource == ":memory:"
            || builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
