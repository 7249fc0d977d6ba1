using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Benchmarks;

/// <summary>Stopwatch commands for the analysis engine: the sizes of the generated
/// organisations, peak memory of the full analysis in a fresh process, a database to try the
/// command line on, and the snapshot from SQLite in a fresh process (EF Core start-up included).</summary>
public static class EngineCommands
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary><c>engine-sizes [SIZE…]</c>: what each size generates, and how long generating takes.</summary>
    public static int Sizes(IReadOnlyList<string> sizes)
    {
        foreach (var size in sizes.Count > 0 ? sizes.Select(EngineOrganisations.Parse) : Enum.GetValues<EngineSize>())
        {
            var watch = Stopwatch.StartNew();
            var plan = SyntheticOrganisation.Generate(EngineOrganisations.Options(size));
            var generated = watch.Elapsed;
            watch.Restart();
            var snapshot = PlanSnapshot.From(plan);
            Console.WriteLine(EngineOrganisations.Describe(size, snapshot));
            Console.WriteLine(string.Create(Invariant, $"  generated in {generated.TotalSeconds:F1} s, snapshot from the plan in {watch.Elapsed.TotalSeconds:F2} s, {plan.Documents.Count:N0} documents"));
        }
        return 0;
    }

    /// <summary><c>analysis-peak [SIZE] [RUNS]</c>: in this (fresh) process, generate the organisation,
    /// build its snapshot, then run the full analysis once cold and RUNS times warm, reporting the
    /// resident set (VmRSS, and VmHWM reset before each analysis through /proc/self/clear_refs), the
    /// live managed heap after a full collection, and the bytes the analysis allocates.</summary>
    public static int Peak(EngineSize size, int runs)
    {
        static double Mb(long bytes) => bytes / 1e6;

        Console.WriteLine($"{size}, {runs} warm runs; MB = 10^6 bytes; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, "
            + $"{(System.Runtime.GCSettings.LatencyMode)}; {Environment.ProcessorCount} processors");
        Report("start", Mb(Proc("VmRSS")), Mb(Proc("VmHWM")), Mb(GC.GetTotalMemory(true)));

        var plan = SyntheticOrganisation.Generate(EngineOrganisations.Options(size));
        var planLive = GC.GetTotalMemory(true);
        Report("plan generated", Mb(Proc("VmRSS")), Mb(Proc("VmHWM")), Mb(planLive));

        var snapshot = PlanSnapshot.From(plan);
        var snapshotLive = GC.GetTotalMemory(true);
        Report("snapshot built", Mb(Proc("VmRSS")), Mb(Proc("VmHWM")), Mb(snapshotLive));
        Console.WriteLine(string.Create(Invariant, $"  the snapshot alone holds {Mb(snapshotLive - planLive):F0} MB of live heap"));
        Console.WriteLine("  " + EngineOrganisations.Describe(size, snapshot));

        var times = new List<double>();
        var peaks = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var (elapsed, peak) = MeasureOnce(plan, snapshot, snapshotLive, run == 0 ? "cold" : $"warm {run}");
            if (run > 0)
            {
                times.Add(elapsed);
                peaks.Add(peak);
            }
        }
        times.Sort();
        Console.WriteLine(string.Create(Invariant,
            $"full analysis, warm: median {times[times.Count / 2]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms; peak RSS during an analysis: max {peaks.Max():F0} MB; process peak so far {Mb(Proc("VmHWM")):F0} MB"));
        GC.KeepAlive(plan);
        return 0;
    }

    /// <summary>One full analysis; a method of its own so that its result is garbage once it returns.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (double Milliseconds, double PeakMb) MeasureOnce(Plan plan, PlanSnapshot snapshot, long snapshotLive, string label)
    {
        static double Mb(long bytes) => bytes / 1e6;

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var rssBefore = Proc("VmRSS");
        var peakReset = ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);
        var gen0 = GC.CollectionCount(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = EngineWork.FullAnalysis(plan, snapshot);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var peak = Proc("VmHWM");
        var allocatedNow = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var gen0Count = GC.CollectionCount(0) - gen0;
        var gen2Count = GC.CollectionCount(2) - gen2;
        var resultLive = GC.GetTotalMemory(true) - snapshotLive;
        Console.WriteLine(string.Create(Invariant,
            $"  {label,-8} {elapsed,6:F0} ms (CPU {cpuMs,5:F0} ms, all threads); RSS before {Mb(rssBefore),5:F0} MB, peak during {(peakReset ? $"{Mb(peak),5:F0} MB" : "n/a (clear_refs refused)")}; "
            + $"allocated {Mb(allocatedNow),5:F0} MB; result holds {Mb(resultLive),4:F0} MB; gen0 {gen0Count}, gen2 {gen2Count}; "
            + $"{result.Analysis.Findings.Count:N0} findings; checksum {result.Checksum}"));
        GC.KeepAlive(result);
        return (elapsed, Mb(peak));
    }

    /// <summary><c>spof [SIZE] [RUNS]</c>: <c>SinglePoints.Find</c> (what <c>continuity spof</c>
    /// computes) timed RUNS times after 2 warm-up runs, with CPU time and allocation per call.</summary>
    public static int Spof(EngineSize size, int runs)
    {
        var snapshot = PlanSnapshot.From(SyntheticOrganisation.Generate(EngineOrganisations.Options(size)));
        var rows = 0;
        for (var i = 0; i < 2; i++)
        {
            rows = Impact.SinglePoints.Find(snapshot).Functions.Sum(f => f.SinglePoints.Count);
        }
        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            Impact.SinglePoints.Find(snapshot);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        var allocatedPerRun = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6 / runs;
        times.Sort();
        Console.WriteLine(string.Create(Invariant,
            $"spof on {size}: {rows:N0} single points listed; median {times[times.Count / 2]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms, CPU {cpuPerRun:F0} ms, allocated {allocatedPerRun:F0} MB per call ({runs} runs)"));
        return 0;
    }

    /// <summary><c>what-if [SIZE] [RUNS] [SELECTOR]</c>: one what-if query on a prepared model, timed
    /// RUNS times after 5 warm-up runs (default selector: the first region tag).</summary>
    public static int WhatIf(EngineSize size, int runs, string? selector)
    {
        var plan = SyntheticOrganisation.Generate(EngineOrganisations.Options(size));
        var snapshot = PlanSnapshot.From(plan);
        var model = Impact.ImpactModel.Prepare(plan, snapshot);
        var capacity = Impact.ImpactAnalysis.CapacityPerTeam(plan);
        string[] fail = [selector ?? EngineWork.WhatIfSelectors(snapshot).Region];
        var down = 0;
        for (var i = 0; i < 5; i++)
        {
            down = Impact.ImpactAnalysis.Run(model, fail, capacity).DownCount;
        }
        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (gen0, gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            Impact.ImpactAnalysis.Run(model, fail, capacity);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        var allocatedPerRun = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6 / runs;
        times.Sort();
        Console.WriteLine(string.Create(Invariant,
            $"what-if {fail[0]} on {size}: {down:N0} nodes down; median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms, CPU {cpuPerRun:F1} ms, "
            + $"allocated {allocatedPerRun:F2} MB per query; {GC.CollectionCount(0) - gen0} gen-0 and {GC.CollectionCount(2) - gen2} gen-2 collections ({runs} runs)"));
        return 0;
    }

    /// <summary><c>engine-db FILE [SIZE]</c>: generate the organisation and import it into a new SQLite database.</summary>
    public static async Task<int> DatabaseAsync(string path, EngineSize size)
    {
        var watch = Stopwatch.StartNew();
        var plan = SyntheticOrganisation.Generate(EngineOrganisations.Options(size));
        Console.WriteLine(string.Create(Invariant, $"generated in {watch.Elapsed.TotalSeconds:F1} s"));
        watch.Restart();
        await EngineDatabase.CreateAsync(path, plan);
        Console.WriteLine(string.Create(Invariant, $"imported into {path} in {watch.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary><c>snapshot-cold FILE [RUNS]</c>: in this fresh process, the first
    /// <see cref="PlanSnapshot.LoadAsync"/> (EF Core start-up and JIT included), then RUNS warm ones.</summary>
    public static async Task<int> SnapshotColdAsync(string path, int runs)
    {
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await using var db = Sqlite.Open(path);
            var snapshot = await PlanSnapshot.LoadAsync(db, CancellationToken.None);
            Console.WriteLine(string.Create(Invariant,
                $"{(run == 0 ? "cold" : $"warm {run}"),-8} {watch.Elapsed.TotalMilliseconds,8:F0} ms, {snapshot.NodeCount:N0} nodes, {snapshot.Graph.Members.Length:N0} edges; process peak RSS {Proc("VmHWM") / 1e6:F0} MB"));
        }
        return 0;
    }

    private static void Report(string what, double rss, double peak, double live) =>
        Console.WriteLine(string.Create(Invariant, $"  {what,-16} RSS {rss,5:F0} MB, peak RSS {peak,5:F0} MB, live heap {live,5:F0} MB"));

    /// <summary>A value of /proc/self/status in bytes (0 where there is none).</summary>
    private static long Proc(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                var number = line[(key.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(number, Invariant) * 1024;
            }
        }
        return 0;
    }

    /// <summary>Resets VmHWM to the current RSS (Linux 4.0+: write 5 to clear_refs).</summary>
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
