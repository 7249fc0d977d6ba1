using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Continuity.Data;

/// <summary>Opens the database without dependency injection, as the command line does.
/// The caller disposes the context.</summary>
public static class ContinuityDbFactory
{
    public static ContinuityDb Create(DatabaseOptions options) => Create(options, []);

    /// <summary>With extra interceptors, for tests that need to see or disturb the commands.</summary>
    internal static ContinuityDb Create(DatabaseOptions options, params IInterceptor[] interceptors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteContinuityDb(
                UseSqlite(new DbContextOptionsBuilder<SqliteContinuityDb>(), options.ConnectionString).AddInterceptors(interceptors).Options),
            DatabaseProvider.Postgres => new PostgresContinuityDb(
                UsePostgres(new DbContextOptionsBuilder<PostgresContinuityDb>(), options.ConnectionString).AddInterceptors(interceptors).Options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider."),
        };
    }

    /// <summary>Creates the database if needed and applies every pending migration.</summary>
    public static async Task MigrateAsync(DatabaseOptions options, CancellationToken cancellationToken)
    {
        await using var db = Create(options);
        await db.Database.MigrateAsync(cancellationToken);
    }

    internal static DbContextOptionsBuilder<T> UseSqlite<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        builder.UseSqlite(WithLockWait(connectionString)).AddInterceptors(new SqlitePragmas());
        return builder;
    }

    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(WithLockWait(connectionString)).AddInterceptors(new SqlitePragmas());

    /// <summary>How long a command waits for a locked SQLite database before it fails, unless the
    /// connection string sets <c>Default Timeout</c>. Microsoft.Data.Sqlite retries a locked
    /// database for this long (30 s by default), and <see cref="SqlitePragmas"/> gives SQLite's own
    /// busy_timeout the same value, so the documented wait is the real one.</summary>
    public const int SqliteLockWaitSeconds = 5;

    internal static string WithLockWait(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!builder.ShouldSerialize("Default Timeout"))
        {
            builder.DefaultTimeout = SqliteLockWaitSeconds;
        }
        return builder.ConnectionString;
    }

    internal static DbContextOptionsBuilder<T> UsePostgres<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        builder.UseNpgsql(connectionString);
        return builder;
    }

    internal static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString);
}
