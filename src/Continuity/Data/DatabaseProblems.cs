using System.Data.Common;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Continuity.Data;

/// <summary>What kind of problem people can fix themselves: a wrong setting (bad input) or a
/// database that cannot be used as it is (locked, unreachable, not a database).</summary>
public enum DatabaseProblemKind
{
    InvalidSettings,
    Unavailable,
}

/// <summary>One plain sentence: what is wrong and what to do.</summary>
public sealed record DatabaseProblem(DatabaseProblemKind Kind, string Message);

/// <summary>Turns the database errors that people can fix themselves into one plain sentence
/// that says what is wrong and what to do. Anything else is a bug and keeps its exception.
/// Every command maps its failures here, so each failure reads the same in every command.</summary>
public static partial class DatabaseProblems
{
    // https://www.sqlite.org/rescode.html (primary result codes)
    private const int SqlitePermission = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const int SqliteNotADatabase = 26;

    private const string Where = "Database:ConnectionString (--connection-string, or the Database__ConnectionString environment variable)";

    /// <summary>Explains <paramref name="exception"/> when it is a problem with the database or its
    /// settings rather than a bug; <paramref name="options"/> are the settings the command used,
    /// so the sentence can name the file or the server.</summary>
    public static DatabaseProblem? Describe(Exception exception, DatabaseOptions? options = null)
    {
        if (options is not null && IsSettingsError(exception) && ConnectionStringProblem(options) is { } settings)
        {
            return new DatabaseProblem(DatabaseProblemKind.InvalidSettings, settings);
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var sentence = e switch
            {
                SqliteException sqlite => DescribeSqlite(sqlite, options),
                _ => DescribePostgres(e, options),
            };
            if (sentence is not null)
            {
                return new DatabaseProblem(DatabaseProblemKind.Unavailable, sentence);
            }
        }
        return null;
    }

    /// <summary>Why the connection string cannot be used, naming the option; null when every
    /// option is one the provider knows, with a value it accepts.</summary>
    public static string? ConnectionStringProblem(DatabaseOptions options)
    {
        var engine = options.Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return $"The connection string is empty. Set {Where}.";
        }
        var given = new DbConnectionStringBuilder();
        try
        {
            given.ConnectionString = options.ConnectionString;
        }
        catch (ArgumentException)
        {
            return $"The connection string is not written as 'Key=Value;Key=Value'. Correct {Where}.";
        }
        DbConnectionStringBuilder provider = options.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnectionStringBuilder()
            : new SqliteConnectionStringBuilder();
        foreach (string key in given.Keys)
        {
            var value = given[key];
            try
            {
                provider[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                var written = Spelling(options.ConnectionString, key);
                return provider.ContainsKey(key)
                    ? $"The connection string option '{written}={(IsSecret(key) ? "…" : value)}' has a value {engine} does not accept. Correct it in {Where}."
                    : $"The connection string option '{written}' is not one that {engine} knows. Check its spelling in {Where}.";
            }
        }
        return provider is NpgsqlConnectionStringBuilder { Host: null or "" }
            ? $"The connection string names no PostgreSQL server: add Host=… (and Port=… unless it is 5432) to {Where}."
            : null;
    }

    /// <summary>The full path of the SQLite database file, or null when the connection string
    /// names no file (an in-memory database, or a <c>file:</c> URI).</summary>
    public static string? SqliteFile(DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite || ConnectionStringProblem(options) is not null)
        {
            return null;
        }
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
            || builder.DataSource.StartsWith("file:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(builder.DataSource);
    }

    // The connection-string builders throw these for a bad option; ours never reach the database.
    private static bool IsSettingsError(Exception exception) =>
        exception is ArgumentException or FormatException or InvalidCastException or OverflowException;

    private static string? DescribeSqlite(SqliteException sqlite, DatabaseOptions? options)
    {
        var path = options is null ? null : SqliteFile(options);
        var file = path is null ? "The SQLite database" : $"The SQLite database {path}";
        return sqlite.SqliteErrorCode switch
        {
            SqliteReadOnly =>
                $"{file} is read-only. Give the user running Continuity write permission on the file "
                + $"and on its folder (SQLite writes a -wal and a -shm file beside it), or point {Where} at a writable copy.",
            SqliteBusy or SqliteLocked =>
                $"{file} is locked by another program or Continuity process that is writing to it, and stayed locked for the "
                + "whole wait (Default Timeout in the connection string, 5 seconds unless set). Wait for it to finish (or stop it) "
                + "and try again; a backup tool holding the file open can also cause this.",
            SqliteCannotOpen or SqlitePermission or SqliteIoError when path is not null && Directory.Exists(path) =>
                $"The SQLite database path {path} is a folder, not a file. Point {Where} at a file, such as {Path.Join(path, "continuity.db")}.",
            SqliteCannotOpen or SqlitePermission =>
                $"{file} cannot be opened: its folder does not exist or Continuity may not read and write there. "
                + $"Check the path in {Where} and the folder's permissions.",
            SqliteNotADatabase =>
                $"{(path is null ? "The file" : $"The file {path}")} is not a SQLite database (or it is encrypted). Nothing was written to it. "
                + $"Point {Where} at the Continuity database, or at a new file name to start a new one.",
            SqliteCorrupt =>
                $"{file} is damaged. Restore it from a backup, or point {Where} at a new file and import the plan again.",
            SqliteFull =>
                $"The disk that holds {path ?? "the SQLite database"} is full. Free some space and try again; nothing was changed.",
            SqliteIoError =>
                $"{file} could not be read or written (disk I/O error). Check the disk and the file, then try again.",
            _ => null,
        };
    }

    private static string? DescribePostgres(Exception exception, DatabaseOptions? options)
    {
        var address = options is null ? null : Server(options);
        var server = address is null ? "the PostgreSQL server" : $"the server at {address}";
        return exception switch
        {
            PostgresException { SqlState: "3D000" } =>
                $"The PostgreSQL database named in {Where} does not exist. Create it (createdb) or correct the name.",
            PostgresException { SqlState: "28P01" or "28000" } =>
                $"PostgreSQL refused the user name or password in {Where}. Check the credentials and pg_hba.conf.",
            PostgresException { SqlState: "53300" } =>
                "PostgreSQL has no free connection slots (too many clients). Try again later, or raise max_connections.",
            PostgresException { SqlState: "42501" } postgres =>
                $"PostgreSQL refused the user in {Where}: {postgres.MessageText}. Grant it the rights it needs, or use the database's owner.",
            // admin_shutdown, crash_shutdown, cannot_connect_now and the connection_exception class (08…)
            PostgresException postgres when postgres.SqlState is "57P01" or "57P02" or "57P03" || postgres.SqlState.StartsWith("08", StringComparison.Ordinal) =>
                $"PostgreSQL ended the connection ({postgres.MessageText}): the server was stopped or restarted, or an administrator "
                + "ended the session. The command's transaction was rolled back, so nothing was changed; run the command again "
                + "once the server is back.",
            PostgresException => null,
            NpgsqlException { InnerException: SocketException socket } =>
                $"PostgreSQL cannot be reached at {address ?? "the configured Host and Port"} ({socket.Message}). Check that the server "
                + $"is running, that Host and Port in {Where} are right, and that no firewall blocks the connection.",
            NpgsqlException { InnerException: TimeoutException } =>
                $"{Capital(server)} did not answer in time. Check that PostgreSQL is running and that Host and Port in {Where} are right; "
                + "a slow network may need a longer Timeout in the connection string.",
            // Npgsql's own errors below PostgreSQL's: the other end closed the connection or spoke another
            // protocol. A session ended by the server (pg_terminate_backend, a restart) can look the same
            // when the connection closes before PostgreSQL's goodbye arrives, so say both.
            NpgsqlException =>
                $"{Capital(server)} did not answer as PostgreSQL, or the connection to it broke ({exception.Message}). If PostgreSQL was "
                + "stopped or restarted, or the session was ended, the command's transaction was rolled back, so nothing was changed: "
                + $"run the command again once the server is back. Otherwise check that Host and Port in {Where} name a running "
                + "PostgreSQL server (its port is 5432 unless changed).",
            _ => null,
        };
    }

    private static string? Server(DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.Postgres || ConnectionStringProblem(options) is not null)
        {
            return null;
        }
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        return $"{builder.Host}:{builder.Port}";
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static bool IsSecret(string key) => key.Contains("password", StringComparison.OrdinalIgnoreCase)
        || key.Contains("pwd", StringComparison.OrdinalIgnoreCase);

    // DbConnectionStringBuilder lower-cases keys; find the key as the user wrote it.
    private static string Spelling(string connectionString, string key)
    {
        foreach (Match match in OptionKey().Matches(connectionString))
        {
            var written = match.Groups["key"].Value.Trim();
            if (string.Equals(written, key, StringComparison.OrdinalIgnoreCase))
            {
                return written;
            }
        }
        return key;
    }

    [GeneratedRegex(@"(?:^|;)\s*(?<key>[^=;]+?)\s*=")]
    private static partial Regex OptionKey();
}
