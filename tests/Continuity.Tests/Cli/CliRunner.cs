using Continuity.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Cli;

/// <summary>Runs the real <c>continuity</c> command line in-process against a temp folder and its
/// own SQLite file, capturing what it prints.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Folder = Directory.CreateTempSubdirectory("continuity-cli-").FullName;
        DatabasePath = Path.Join(Folder, "data", "continuity.db");
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath};Pooling=False";

    public sealed record Run(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    /// <summary>Runs a command; database commands get this runner's SQLite file.</summary>
    public Task<Run> RunAsync(params string[] args) => RunAsync(services: null, args);

    /// <summary>Runs a command with <paramref name="services"/> replacing what every command gets
    /// (a fake clock), the way the web tests replace the web app's services.</summary>
    public async Task<Run> RunAsync(Action<IServiceCollection>? services, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] withDatabase = [.. args, "--connection-string", ConnectionString];
        var code = await ContinuityCli.RunAsync(NeedsDatabase(args) ? withDatabase : args, output, error, services, TestContext.Current.CancellationToken);
        return new Run(code, output.ToString(), error.ToString());
    }

    public string PathOf(string relative) => Path.Join(Folder, relative);

    private static bool NeedsDatabase(string[] args) =>
        args.Length > 0 && args[0] is "import" or "export" or "db" or "plan" or "users" or "audit" && !args.Contains("--connection-string");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
