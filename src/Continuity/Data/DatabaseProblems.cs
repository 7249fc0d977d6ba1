using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Continuity.Data;

/// <summary>Turns the database errors that people can fix themselves into one plain sentence
/// that says what is wrong and what to do. Anything else is a bug and keeps its exception.</summary>
public static class DatabaseProblems
{
    // https://www.sqlite.org/rescode.html (primary result codes)
    private const int SqlitePermission = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCannotOpen = 14;

    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var sentence = Describe(e as SqliteException) ?? DescribePostgres(e);
            if (sentence is not null)
            {
                return sentence;
            }
        }
        return null;
    }

    private static string? Describe(SqliteException? sqlite) => sqlite?.SqliteErrorCode switch
    {
        SqliteReadOnly =>
            "The SQLite database file is read-only. Give the user running Continuity write permission on the file "
            + "and on its folder (SQLite writes a -wal and a -shm file beside it), or point Database:ConnectionString at a writable copy.",
        SqliteBusy or SqliteLocked =>
            "The SQLite database is locked by another program or Continuity process that is writing to it. "
            + "Wait for it to finish (or stop it) and try again; a backup tool holding the file open can also cause this.",
        SqliteCannotOpen or SqlitePermission =>
            "The SQLite database file cannot be opened: its folder does not exist or Continuity may not read and write there. "
            + "Check the path in Database:ConnectionString and the folder's permissions.",
        _ => null,
    };

    private static string? DescribePostgres(Exception exception) => exception switch
    {
        PostgresException { SqlState: "3D000" } =>
            "The PostgreSQL database named in Database:ConnectionString does not exist. Create it (createdb) or correct the name.",
        PostgresException { SqlState: "28P01" or "28000" } =>
            "PostgreSQL refused the user name or password in Database:ConnectionString. Check the credentials and pg_hba.conf.",
        PostgresException => null,
        NpgsqlException { IsTransient: true } or SocketException =>
            "PostgreSQL cannot be reached. Check that the server is running and that Host and Port in Database:ConnectionString "
            + "are right, and that no firewall blocks the connection.",
        _ => null,
    };
}
