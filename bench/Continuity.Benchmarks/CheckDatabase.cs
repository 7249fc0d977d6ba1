using System.Diagnostics;
using System.Globalization;
using Continuity.Checks;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Benchmarks;

/// <summary><c>check-db FILE [RUNS]</c>: the phases of <c>continuity check --db</c> on a database
/// (<c>engine-db</c> makes one), timed with a stopwatch in this process: opening it, reading
/// what the rules need, the snapshot and the analysis; the first run cold, then RUNS warm.</summary>
public static class CheckDatabase
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string path, int runs)
    {
        var today = new DateOnly(2026, 1, 15);
        for (var run = 0; run <= runs; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await using var db = Sqlite.Open(path);
            await using var second = Sqlite.Open(path);
            _ = await db.Database.GetPendingMigrationsAsync();
            var open = watch.Elapsed.TotalMilliseconds;
            var (plan, snapshot) = await PlanAnalysis.LoadAsync(db, CancellationToken.None, second);
            var documents = watch.Elapsed.TotalMilliseconds;
            var snapshotted = documents;
            var result = PlanAnalysis.Run(plan, snapshot, new AnalysisOptions(today));
            var analysed = watch.Elapsed.TotalMilliseconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine(string.Create(Invariant,
                $"{(run == 0 ? "cold" : $"warm {run}"),-8} open {open,6:F0} ms, snapshot and documents {documents - open,6:F0} ms, "
                + $"analysis {analysed - snapshotted,6:F0} ms; total {analysed,6:F0} ms (CPU {cpuMs,6:F0} ms); {result.Findings.Count:N0} findings; "
                + $"peak RSS {Peak() / 1e6:F0} MB"));
        }
        return 0;
    }

    private static long Peak()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], Invariant) * 1024;
            }
        }
        return 0;
    }
}
