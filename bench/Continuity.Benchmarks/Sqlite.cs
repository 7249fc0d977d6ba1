using Continuity.Data;
using Microsoft.Data.Sqlite;

namespace Continuity.Benchmarks;

/// <summary>SQLite database files for the benchmarks, opened the way the command line opens them.</summary>
public static class Sqlite
{
    public static ContinuityDb Open(string path) =>
        ContinuityDbFactory.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });

    /// <summary>Deletes the file and its write-ahead log, closing pooled connections first.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
