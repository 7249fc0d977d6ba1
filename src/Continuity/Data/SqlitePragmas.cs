using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Continuity.Data;

/// <summary>Runs on every SQLite connection: creates the file's folder when missing (SQLite
/// creates the file but not its folder), then sets write-ahead logging (readers do not block the
/// writer), SQLite's wait on a locked database to the connection's Default Timeout (5 s unless the
/// connection string sets it; see <see cref="ContinuityDbFactory.SqliteLockWaitSeconds"/>), and enforced foreign keys.
/// The pragmas run once per physical connection, not on every open: Microsoft.Data.Sqlite's pool
/// hands the same native handle back, and the handle keeps <c>busy_timeout</c> and
/// <c>foreign_keys</c> (the pool is per connection string, so the timeout is the same), while
/// <c>journal_mode=WAL</c> is kept in the file itself. A new physical connection has a new handle.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // Handles that have had the pragmas; weak, so a handle the pool closes takes its entry with it.
    private static readonly ConditionalWeakTable<object, object> Prepared = [];

    // Connection strings whose folder this process has made sure of: once each, not on every open.
    private static readonly ConcurrentDictionary<string, bool> FolderMade = new(StringComparer.Ordinal);

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
        if (IsPrepared(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
        MarkPrepared(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (IsPrepared(connection))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkPrepared(connection);
    }

    // A pooled handle serves one connection at a time, so checking here and marking it after the
    // pragmas succeeded cannot race; a handle whose pragmas failed (a locked file) is not marked and
    // gets them again on its next open.
    private static bool IsPrepared(DbConnection connection) =>
        ((SqliteConnection)connection).Handle is { } handle && Prepared.TryGetValue(handle, out _);

    private static void MarkPrepared(DbConnection connection)
    {
        if (((SqliteConnection)connection).Handle is { } handle)
        {
            Prepared.AddOrUpdate(handle, Prepared);
        }
    }

    private static void CreateFolder(DbConnection connection)
    {
        if (FolderMade.ContainsKey(connection.ConnectionString))
        {
            return;
        }
        if (FolderOf(connection.ConnectionString) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        FolderMade.TryAdd(connection.ConnectionString, true);
    }

    // The folder of a file database SQLite may create; null for memory, URIs and open-only modes.
    private static string? FolderOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly or SqliteOpenMode.ReadWrite
            || string.IsNullOrEmpty(builder.DataSource)
            || builder.DataSource == ":memory:"
            || builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return null;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        return string.IsNullOrEmpty(folder) ? null : folder;
    }
}
