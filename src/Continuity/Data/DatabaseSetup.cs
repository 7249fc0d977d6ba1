using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The "Database" configuration section. Defaults give a local SQLite file, so
/// <c>dotnet run</c> works; production sets <c>Database__Provider</c> and <c>Database__ConnectionString</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/continuity.db";

    public bool MigrateOnStartup { get; set; } = true;
}

public static class DatabaseSetup
{
    public static IServiceCollection AddContinuityDb(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        services.AddOptions<DatabaseOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        // Pooled: every request uses a context, and a pooled one skips building the context's
        // services and options each time (the context keeps no state of its own to reset).
        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContextPool<ContinuityDb, SqliteContinuityDb>(db =>
                ContinuityDbFactory.UseSqlite(db, options.ConnectionString)),
            DatabaseProvider.Postgres => services.AddDbContextPool<ContinuityDb, PostgresContinuityDb>(db =>
                ContinuityDbFactory.UsePostgres(db, options.ConnectionString)),
            _ => throw new InvalidOperationException($"Unknown database provider '{options.Provider}'."),
        };
    }
}

// Used only by `dotnet ef` (scripts/add-migration.sh); no connection is opened to add a migration.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteContinuityDb>
{
    public SqliteContinuityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteContinuityDb>().UseSqlite("Data Source=design-time.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresContinuityDb>
{
    public PostgresContinuityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresContinuityDb>().UseNpgsql("Host=localhost;Database=continuity").Options);
}
