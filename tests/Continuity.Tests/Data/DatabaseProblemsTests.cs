using Continuity.Data;
using Continuity.Store;
using Continuity.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Continuity.Tests.Data;

public sealed class DatabaseProblemsTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"continuity-problems-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder, "continuity.db");

    public async ValueTask InitializeAsync() =>
        await ContinuityDbFactory.MigrateAsync(Sqlite($"Data Source={DatabasePath}"), Ct);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Writing_to_a_read_only_sqlite_file_is_explained()
    {
        await using var db = ContinuityDbFactory.Create(Sqlite($"Data Source={DatabasePath};Mode=ReadOnly"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            PlanImport.ApplyAsync(db, SamplePlans.Full(), new FakeTimeProvider(), dryRun: false, Ct));

        Assert.Contains("read-only", DatabaseProblems.Describe(error)?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_database_locked_by_another_writer_is_explained()
    {
        await using var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await holder.OpenAsync(Ct);
        await using var transaction = holder.BeginTransaction();
        await using var holdIt = holder.CreateCommand();
        holdIt.CommandText = "DELETE FROM systems;";
        await holdIt.ExecuteNonQueryAsync(Ct);

        await using var writer = new SqliteConnection($"Data Source={DatabasePath};Pooling=False;Default Timeout=1");
        await writer.OpenAsync(Ct);
        await using var write = writer.CreateCommand();
        write.CommandText = "DELETE FROM vendors;";
        var error = await Assert.ThrowsAsync<SqliteException>(() => write.ExecuteNonQueryAsync(Ct));

        Assert.Contains("locked", DatabaseProblems.Describe(error)?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_file_in_a_folder_that_cannot_exist_is_explained()
    {
        var blocker = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder", Ct);
        await using var db = ContinuityDbFactory.Create(Sqlite($"Data Source={Path.Combine(blocker, "continuity.db")};Mode=ReadWrite"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.OpenConnectionAsync(Ct));

        Assert.Contains("cannot be opened", DatabaseProblems.Describe(error)?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_server_is_explained()
    {
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2;Pooling=false");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync(Ct));

        Assert.Contains("cannot be reached", DatabaseProblems.Describe(error)?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=a.db", "Default Timeout=5")]
    [InlineData("Data Source=a.db;Default Timeout=60", "Default Timeout=60")]
    public void A_locked_sqlite_database_is_waited_for_five_seconds_unless_the_connection_string_says_otherwise(string given, string expected) =>
        Assert.Contains(expected, ContinuityDbFactory.WithLockWait(given), StringComparison.Ordinal);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=a.db;Cache=Shared;Default Timeout=9", null)]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=a.db;Foreign Keys=maybe", "'Foreign Keys=maybe'")]
    [InlineData(DatabaseProvider.Postgres, "Host=db;Port=5433;Database=c;Username=u;Password=p", null)]
    [InlineData(DatabaseProvider.Postgres, "Host=db;Timeout=-x;Password=secret", "'Timeout=-x'")]
    [InlineData(DatabaseProvider.Postgres, "Host=db;Pasword=secret", "'Pasword'")]
    public void A_connection_string_option_that_cannot_be_used_is_named(DatabaseProvider provider, string connectionString, string? named)
    {
        var problem = DatabaseProblems.ConnectionStringProblem(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

        if (named is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(named, problem, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Other_errors_are_not_explained_away() =>
        Assert.Null(DatabaseProblems.Describe(new InvalidOperationException("A bug.")));

    [Fact]
    public void The_sqlite_folder_is_created_when_missing()
    {
        var path = Path.Combine(_folder, "new", "deeper", "continuity.db");
        using var db = ContinuityDbFactory.Create(Sqlite($"Data Source={path}"));

        db.Database.OpenConnection();
        db.Database.CloseConnection();

        Assert.True(File.Exists(path));
    }

    private static DatabaseOptions Sqlite(string connectionString) =>
        new() { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString };
}
