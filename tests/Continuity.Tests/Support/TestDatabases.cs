using System.Security.Cryptography;
using System.Text;
using Continuity.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Continuity.Tests.Support;

/// <summary>Hands out fresh, migrated databases of one provider: one per test, copied from a
/// template database that the fixture migrates once per test class (with the real migrations,
/// never EnsureCreated). Every database it made is deleted when the class is done.</summary>
public abstract class TestDatabases : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    public abstract ValueTask<TestDatabase> CreateAsync();

    public abstract ValueTask InitializeAsync();

    public abstract ValueTask DisposeAsync();
}

/// <summary>One empty, migrated database of its own.</summary>
public sealed class TestDatabase(DatabaseOptions options, Func<Task<string>> fingerprint, Func<ValueTask> delete) : IAsyncDisposable
{
    public DatabaseOptions Options { get; } = options;

    public ContinuityDb Open(params IInterceptor[] interceptors) => ContinuityDbFactory.Create(Options, interceptors);

    /// <summary>A hash of everything stored: equal hashes mean nothing was written in between.</summary>
    public Task<string> FingerprintAsync() => fingerprint();

    public ValueTask DisposeAsync() => delete();
}

public sealed class SqliteDatabases : TestDatabases
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"continuity-tests-{Guid.NewGuid():N}");

    private string TemplatePath => Path.Combine(_folder, "template.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async ValueTask InitializeAsync()
    {
        await ContinuityDbFactory.MigrateAsync(Options(TemplatePath), TestContext.Current.CancellationToken);
        await CheckpointAsync(TemplatePath);
    }

    public override async ValueTask<TestDatabase> CreateAsync()
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
        File.Copy(TemplatePath, path);
        return new TestDatabase(Options(path), () => FingerprintAsync(path), () =>
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
            return ValueTask.CompletedTask;
        });
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static DatabaseOptions Options(string path) =>
        new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" };

    // The SHA-256 of the database file once every committed change is in it (not in the -wal file).
    private static async Task<string> FingerprintAsync(string path)
    {
        await CheckpointAsync(path);
        return Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));
    }

    private static async Task CheckpointAsync(string path)
    {
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>Databases on the PostgreSQL server named by CONTINUITY_TEST_POSTGRES (a connection
/// string to a database the tests may create databases from, such as <c>postgres</c>). Without
/// it the tests are skipped, except under CI, where they fail: CI must test both engines.</summary>
public sealed class PostgresDatabases : TestDatabases
{
    public const string Variable = "CONTINUITY_TEST_POSTGRES";

    private readonly string? _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
    private readonly string _template = $"continuity_test_{Guid.NewGuid():N}";
    private readonly List<string> _created = [];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async ValueTask InitializeAsync()
    {
        if (_server is null)
        {
            return;                                   // each test reports the missing server itself
        }
        await ExecuteAsync($"CREATE DATABASE {_template}");
        _created.Add(_template);
        await ContinuityDbFactory.MigrateAsync(Options(_template), TestContext.Current.CancellationToken);
        NpgsqlConnection.ClearAllPools();             // a template database must have no connections
    }

    public override async ValueTask<TestDatabase> CreateAsync()
    {
        if (_server is null)
        {
            const string missing = $"{Variable} is not set, so the PostgreSQL tests cannot run. Start a server with "
                + "scripts/postgres.sh start and set the variable to its connection string.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing + " Under CI the PostgreSQL tests must run.");
            }
            Assert.Skip(missing);
        }

        var name = $"continuity_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {_template}");
        _created.Add(name);
        return new TestDatabase(Options(name), () => FingerprintAsync(name), async () =>
        {
            await DropAsync(name);
            _created.Remove(name);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var name in _created.AsEnumerable().Reverse().ToList())
        {
            await DropAsync(name);
        }
    }

    private DatabaseOptions Options(string database) => new()
    {
        Provider = DatabaseProvider.Postgres,
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString,
    };

    private async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // Every row of every table, as PostgreSQL prints it, in a stable order.
    private async Task<string> FingerprintAsync(string database)
    {
        await using var db = ContinuityDbFactory.Create(Options(database));
        var tables = await db.Database
            .SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
            .ToListAsync();
        var all = new StringBuilder();
        foreach (var table in tables)
        {
#pragma warning disable EF1002 // table names come from the catalogue, not from input
            var rows = await db.Database
                .SqlQueryRaw<string>($"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') AS \"Value\" FROM \"{table}\" t")
                .SingleAsync();
#pragma warning restore EF1002
            all.Append(table).Append('\n').Append(rows).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())));
    }
}
