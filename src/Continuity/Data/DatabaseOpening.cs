using Microsoft.EntityFrameworkCore;

namespace Continuity.Data;

/// <summary>What an entry point does with the database it opens.</summary>
public enum DatabaseUse
{
    /// <summary>Only reads the plan (check --db, export …): a missing SQLite file is an error, never created.</summary>
    Read,

    /// <summary>Writes or serves (serve, import, users, tokens, db migrate): a missing SQLite file is created.</summary>
    Write,
}

/// <summary>The one rule, for the web and every command (ADR 008): a database that is behind is
/// migrated by whatever opens it while <see cref="DatabaseOptions.MigrateOnStartup"/> is true
/// (the default); set it false to migrate only with <c>continuity db migrate</c> (a deployment
/// job). A missing SQLite file is created only by an entry point that writes. A database that is
/// up to date is only read here, so a command that fails leaves its file byte-for-byte as it was.</summary>
public static class DatabaseOpening
{
    public static async Task PrepareAsync(ContinuityDb db, DatabaseOptions options, DatabaseUse use, CancellationToken cancellationToken)
    {
        if (use == DatabaseUse.Read && DatabaseProblems.SqliteFile(options) is { } file && !File.Exists(file) && !Directory.Exists(file))
        {
            throw new DatabaseNotReadyException(
                $"There is no database at {file}; import a plan first ('continuity import PATH'), or point --connection-string at the database.");
        }
        if (!(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }
        if (!options.MigrateOnStartup)
        {
            throw new DatabaseNotReadyException(
                $"The {options.Provider} database is not up to date and Database:MigrateOnStartup is false; run 'continuity db migrate' first.");
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>The database cannot be used as it is, for a reason the message states with what to do.</summary>
public sealed class DatabaseNotReadyException(string message) : Exception(message);
