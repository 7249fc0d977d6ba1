using System.CommandLine;
using Continuity.Data;
using Microsoft.Extensions.Configuration;

namespace Continuity.Cli;

/// <summary>The database settings every command shares. They follow .NET configuration: the
/// defaults, then appsettings.json beside the executable, then environment variables
/// (<c>Database__Provider</c>, <c>Database__ConnectionString</c>), then these options.</summary>
public static class DatabaseArguments
{
    public static readonly Option<DatabaseProvider?> Provider = new("--database-provider")
    {
        Description = "Sqlite (default, embedded) or Postgres. Same as the Database__Provider environment variable.",
        Recursive = true,
        HelpName = "sqlite|postgres",
    };

    public static readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = "Database connection string (default: Data Source=data/continuity.db). Same as Database__ConnectionString.",
        Recursive = true,
    };

    public static IConfiguration Configuration(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Provider) is { } provider)
        {
            overrides["Database:Provider"] = provider.ToString();
        }
        if (parse.GetValue(ConnectionString) is { } connectionString)
        {
            overrides["Database:ConnectionString"] = connectionString;
        }
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Join(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
    }

    public static DatabaseOptions Options(ParseResult parse) =>
        Configuration(parse).GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>The same settings as command-line arguments for the web host.</summary>
    public static IEnumerable<string> AsHostArguments(ParseResult parse)
    {
        if (parse.GetValue(Provider) is { } provider)
        {
            yield return $"--Database:Provider={provider}";
        }
        if (parse.GetValue(ConnectionString) is { } connectionString)
        {
            yield return $"--Database:ConnectionString={connectionString}";
        }
    }
}
