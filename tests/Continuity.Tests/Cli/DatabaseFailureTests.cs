using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Continuity.Cli;
using Microsoft.Data.Sqlite;

namespace Continuity.Tests.Cli;

/// <summary>What people can fix themselves (a wrong path, a locked file, a wrong port) ends with exit
/// code 3, or 2 for a wrong setting, and one sentence that says what is wrong and what to do:
/// never as an internal error (70), never with a stack trace, and nothing is changed.</summary>
public sealed class DatabaseFailureTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Plan => _cli.PathOf("plan");

    // Every command that uses the database, with what it needs besides the database settings.
    public static TheoryData<string> DatabaseCommands() =>
        ["import plan", "export out", "db migrate", "check --db", "impact --db --fail region=eu-west-1", "recovery-order --db", "spof --db"];

    // The commands that only read the plan from the database (import and db migrate create it).
    public static TheoryData<string> ReadingCommands() =>
        [.. DatabaseCommands().Select(c => c.Data).Where(c => !c.StartsWith("import", StringComparison.Ordinal) && !c.StartsWith("db", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(DatabaseCommands))]
    public async Task A_sqlite_path_that_is_a_folder_is_explained(string command)
    {
        await WriteDemoAsync();
        var folder = Directory.CreateDirectory(_cli.PathOf("a-folder")).FullName;

        var run = await RunAsync(command, $"Data Source={folder};Pooling=False");

        AssertEnvironmentProblem(run, $"{folder} is a folder");
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Theory]
    [MemberData(nameof(DatabaseCommands))]
    public async Task A_file_that_is_not_a_database_is_explained_and_left_as_it_was(string command)
    {
        await WriteDemoAsync();
        var notes = _cli.PathOf("notes.txt");
        await File.WriteAllTextAsync(notes, "These are notes, not a database.\n", Ct);

        var run = await RunAsync(command, $"Data Source={notes};Pooling=False");

        AssertEnvironmentProblem(run, "not a SQLite database");
        Assert.Equal("These are notes, not a database.\n", await File.ReadAllTextAsync(notes, Ct));
        Assert.False(File.Exists(notes + "-wal"));
    }

    [Theory]
    [InlineData("Sqlite", "Mode=Bogus", "Mode=Bogus")]
    [InlineData("Sqlite", "Bogus=1", "'Bogus'")]
    [InlineData("Sqlite", "Default Timeout=soon", "Default Timeout=soon")]
    [InlineData("Postgres", "Bogus=1", "'Bogus'")]
    [InlineData("Postgres", "Port=abc", "Port=abc")]
    public async Task A_bad_connection_string_option_is_invalid_input_that_names_it(string provider, string option, string named)
    {
        await WriteDemoAsync();
        var connectionString = provider == "Sqlite"
            ? $"Data Source={_cli.DatabasePath};{option}"
            : $"Host=127.0.0.1;Username=nobody;Database=nothing;{option}";

        var run = await _cli.RunAsync("import", Plan, "--database-provider", provider, "--connection-string", connectionString);

        Assert.True(run.ExitCode == ExitCodes.InvalidInput, $"exit {run.ExitCode}\n{run.All}");
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.Contains("--connection-string", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_port_that_answers_but_is_not_postgresql_is_explained(bool writesGarbage)
    {
        await WriteDemoAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var server = AnswerWithoutPostgresAsync(listener, writesGarbage, stop.Token);

        var run = await _cli.RunAsync("import", Plan, "--database-provider", "postgres",
            "--connection-string", $"Host=127.0.0.1;Port={port};Username=nobody;Database=nothing;Timeout=5;Pooling=False");

        await stop.CancelAsync();
        await server;
        AssertEnvironmentProblem(run, $"127.0.0.1:{port}");
        Assert.Contains("not answer as PostgreSQL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_says_so_whatever_the_database()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await _cli.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--connection-string", _cli.ConnectionString);

        AssertEnvironmentProblem(run, $"port {port} is in use");
        Assert.Contains("--urls", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("PostgreSQL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_database_fails_after_the_documented_five_second_wait_and_nothing_changes()
    {
        await WriteDemoAsync();
        (await _cli.RunAsync("db", "migrate")).AssertSuccess();
        var before = FileHash(_cli.DatabasePath);
        await using (var other = new SqliteConnection($"Data Source={_cli.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync(Ct);
            await using var exclusive = other.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE;";
            await exclusive.ExecuteNonQueryAsync(Ct);

            var clock = Stopwatch.StartNew();
            var run = await _cli.RunAsync("import", Plan);
            clock.Stop();

            AssertEnvironmentProblem(run, "locked");
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(15));
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, FileHash(_cli.DatabasePath));
    }

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public async Task A_command_that_reads_the_plan_does_not_create_a_database(string command)
    {
        var run = await RunAsync(command, _cli.ConnectionString);

        AssertEnvironmentProblem(run, $"no database at {_cli.DatabasePath}");
        Assert.Contains("import a plan first", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(_cli.DatabasePath)));
    }

    private async Task WriteDemoAsync() => (await _cli.RunAsync("demo", Plan)).AssertSuccess();

    private Task<CliRunner.Run> RunAsync(string command, string connectionString) =>
        _cli.RunAsync([.. command.Split(' ').Select(a => a is "plan" or "out" ? _cli.PathOf(a) : a), "--connection-string", connectionString]);

    private static void AssertEnvironmentProblem(CliRunner.Run run, string expected)
    {
        Assert.True(run.ExitCode == ExitCodes.Environment, $"exit {run.ExitCode}\n{run.All}");
        Assert.Contains(expected, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("internal error", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    // Accepts connections and, like a web server on the wrong port, answers nonsense or hangs up.
    private static async Task AnswerWithoutPostgresAsync(TcpListener listener, bool writesGarbage, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(stop);
                if (writesGarbage)
                {
                    var stream = client.GetStream();
                    _ = await stream.ReadAsync(new byte[64], stop);
                    await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), stop);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string FileHash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
