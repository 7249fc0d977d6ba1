using Continuity.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Continuity.Tests.Data;

/// <summary>The one rule for opening the database, whoever opens it (ADR 008).</summary>
public sealed class DatabaseOpeningTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("continuity-opening-").FullName;

    private DatabaseOptions Options(bool migrate = true) => new()
    {
        ConnectionString = $"Data Source={Path.Join(_folder, "plan.db")}",
        MigrateOnStartup = migrate,
    };

    [Fact]
    public async Task A_reader_never_creates_a_missing_database_and_says_which_file()
    {
        var options = Options();
        await using var db = ContinuityDbFactory.Create(options);

        var refused = await Assert.ThrowsAsync<DatabaseNotReadyException>(() => DatabaseOpening.PrepareAsync(db, options, DatabaseUse.Read, Ct));

        Assert.Contains("plan.db", refused.Message);
        Assert.False(File.Exists(Path.Join(_folder, "plan.db")));
    }

    [Fact]
    public async Task A_writer_creates_and_migrates_the_database()
    {
        var options = Options();
        await using var db = ContinuityDbFactory.Create(options);

        await DatabaseOpening.PrepareAsync(db, options, DatabaseUse.Write, Ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }

    [Fact]
    public async Task With_migrations_switched_off_a_database_that_is_behind_is_refused_and_left_as_it_was()
    {
        var options = Options(migrate: false);
        await using (var db = ContinuityDbFactory.Create(options))
        {
            var first = (await db.Database.GetPendingMigrationsAsync(Ct)).First();
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(first, cancellationToken: Ct);
        }
        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(Path.Join(_folder, "plan.db"), Ct);

        await using (var db = ContinuityDbFactory.Create(options))
        {
            var refused = await Assert.ThrowsAsync<DatabaseNotReadyException>(() => DatabaseOpening.PrepareAsync(db, options, DatabaseUse.Write, Ct));
            Assert.Contains("continuity db migrate", refused.Message);
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Join(_folder, "plan.db"), Ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
