using Continuity.Data;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void Both_providers_have_a_migration_for_the_current_model()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh NAME");
        Assert.False(postgres.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh NAME");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Contains("InitialPlanModel", Names(sqlite));
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}

/// <summary>The migrations applied to a real database of each provider.</summary>
public abstract class AppliedMigrationTests(TestDatabases databases)
{
    [Fact]
    public async Task A_new_database_has_every_migration_applied()
    {
        await using var database = await databases.CreateAsync();
        await using var db = database.Open();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken),
            id => id.EndsWith("_InitialPlanModel", StringComparison.Ordinal));
        Assert.Equal(0, await db.Systems.CountAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class SqliteAppliedMigrationTests(SqliteDatabases databases) : AppliedMigrationTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresAppliedMigrationTests(PostgresDatabases databases) : AppliedMigrationTests(databases), IClassFixture<PostgresDatabases>;
