using Continuity.Cli;
using Continuity.Tests.Support;
using Npgsql;

namespace Continuity.Tests.Cli;

/// <summary>PostgreSQL failing under a running command, through the real command line; runs when
/// CONTINUITY_TEST_POSTGRES names a server (see <see cref="PostgresDatabases"/>).</summary>
public sealed class PostgresFailureCliTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>, IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backend_ended_in_the_middle_of_an_import_is_explained_and_nothing_changes()
    {
        await using var database = await databases.CreateAsync();
        (await _cli.RunAsync("generate", _cli.PathOf("plan"), "--functions", "400", "--systems", "4000")).AssertSuccess();
        var before = await database.FingerprintAsync();
        var application = $"continuity-test-{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString) { ApplicationName = application }.ConnectionString;

        var import = _cli.RunAsync("import", _cli.PathOf("plan"), "--database-provider", "postgres", "--connection-string", connectionString);
        var terminated = await TerminateOnceWritingAsync(application, import);
        var run = await import;

        Assert.True(terminated, $"The import ended before it wrote anything, so it could not be interrupted (exit {run.ExitCode}); use a larger plan.");
        Assert.True(run.ExitCode == ExitCodes.Environment, $"exit {run.ExitCode}\n{run.All}");
        // PostgreSQL's goodbye (57P01) or, when the socket closes first, the broken connection: both say nothing changed.
        // The terminal wraps long lines: compare with the whitespace folded.
        var error = System.Text.RegularExpressions.Regex.Replace(run.Error, @"\s+", " ");
        Assert.Matches("PostgreSQL ended the connection|did not answer as PostgreSQL, or the connection", error);
        Assert.Contains("nothing was changed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(before, await database.FingerprintAsync());
    }

    // Ends the import's backend from another session as soon as its transaction has written
    // something (it has a transaction id), the way an administrator or a failover would.
    private static async Task<bool> TerminateOnceWritingAsync(string application, Task import)
    {
        var server = Environment.GetEnvironmentVariable(PostgresDatabases.Variable)!;
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var terminate = new NpgsqlCommand(
            "SELECT coalesce(bool_or(pg_terminate_backend(pid)), false) FROM pg_stat_activity "
            + "WHERE application_name = @application AND backend_xid IS NOT NULL", admin);
        terminate.Parameters.AddWithValue("application", application);
        while (!import.IsCompleted)
        {
            if ((bool)(await terminate.ExecuteScalarAsync(Ct))!)
            {
                return true;
            }
            await Task.Delay(10, Ct);
        }
        return false;
    }
}
