using System.Diagnostics;
using System.Globalization;
using System.Text;
using Continuity.Analysis;
using Continuity.Generation;
using Continuity.Snapshots;

namespace Continuity.Benchmarks;

/// <summary>The recovery graph of a generated organisation as a plain edge list, and Continuity's
/// engine timed on it, for <c>bench/networkx-compare.sh</c>.
/// <para>File format (text, one item per line): <c>#</c> comments; <c>nodes N</c> then N lines,
/// each the restore minutes of node 0..N-1; <c>edges E</c> then E lines <c>dependent dependency</c>;
/// <c>sources K</c> then K node indices, the nodes whose failure the reachability test follows.</para>
/// <para>networkx has no "any one of" requirement, so every member of every required group is
/// written as a plain required edge (a redundancy group becomes "needs all of"), and degraded
/// edges are left out. Continuity reads the same file back into a graph of plain dependencies,
/// so both sides answer the same questions on the same graph.</para></summary>
public static class EngineGraph
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const int Sources = 20;

    /// <summary><c>engine-graph export FILE [SIZE]</c>.</summary>
    public static int Export(string path, EngineSize size)
    {
        var snapshot = PlanSnapshot.From(SyntheticOrganisation.Generate(EngineOrganisations.Options(size)));
        var graph = snapshot.Graph;
        var text = new StringBuilder();
        text.Append("# ").AppendLine(EngineOrganisations.Describe(size, snapshot));
        text.AppendLine("# every member of every required group as a plain required edge; degraded edges left out");
        text.Append("nodes ").Append(graph.NodeCount).AppendLine();
        foreach (var minutes in graph.RestoreMinutes)
        {
            text.Append(minutes).AppendLine();
        }
        var edges = new List<(int, int)>();
        for (var node = 0; node < graph.NodeCount; node++)
        {
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (!graph.GroupKinds[g].TakesDown())
                {
                    continue;
                }
                foreach (var member in graph.MembersOf(g))
                {
                    edges.Add((node, member));
                }
            }
        }
        var distinct = edges.Distinct().ToList();
        text.Append("edges ").Append(distinct.Count).AppendLine();
        foreach (var (dependent, dependency) in distinct)
        {
            text.Append(dependent).Append(' ').Append(dependency).AppendLine();
        }
        // Half the sources at random over the whole graph (mostly nodes few others need), half
        // the nodes most others name directly (the hubs whose failure takes down the most); the
        // same on every run.
        var fanIn = new int[graph.NodeCount];
        foreach (var (_, dependency) in distinct)
        {
            fanIn[dependency]++;
        }
        var random = new Random(42);
        var sources = Enumerable.Range(0, graph.NodeCount).OrderByDescending(n => fanIn[n]).ThenBy(n => n).Take(Sources / 2)
            .Concat(Enumerable.Range(0, Sources).Select(_ => random.Next(graph.NodeCount)))
            .Distinct().Take(Sources).ToList();
        text.Append("sources ").Append(sources.Count).AppendLine();
        foreach (var source in sources)
        {
            text.Append(source).AppendLine();
        }
        File.WriteAllText(path, text.ToString());
        Console.WriteLine(string.Create(Invariant, $"Wrote {graph.NodeCount:N0} nodes, {distinct.Count:N0} required edges and {sources.Count} sources to {path}."));
        return 0;
    }

    /// <summary><c>engine-graph time FILE [RUNS]</c>: reads the file into a <see cref="RecoveryGraph"/>
    /// and times, in this warm process (see <see cref="Measure"/>), each operation; prints one
    /// tab-separated line per operation: name, median ms, min ms, runs, checksum.</summary>
    public static int Time(string path, int runs)
    {
        var (graph, sources) = Read(path);
        var order = DependencyOrder.Of(graph);
        if (order.LoopCount > 0)
        {
            Console.Error.WriteLine($"The graph has loops: {order.LoopCount} loops.");
        }

        // Reachability, downstream: everything a failure of each source takes down (the what-if
        // query's first step, AchievableRecovery.AfterFailure; networkx: nx.ancestors).
        Measure("reachability: what a failure takes down (AfterFailure)", runs, () =>
        {
            long count = 0;
            foreach (var source in sources)
            {
                count += AchievableRecovery.AfterFailure(graph, order, [source]).Down.Count(true);
            }
            return count;
        });

        // Reachability, upstream: every node whose failure takes each source down (FailureSets;
        // with plain edges that is every node the source reaches; networkx: nx.descendants).
        Measure("reachability: what takes a node down (FailureSets)", runs, () =>
        {
            var fails = FailureSets.Compute(graph, order);
            long count = 0;
            foreach (var source in sources)
            {
                count += fails.TakesDown(source).Count;
            }
            return count;
        });

        // All that the failure of the whole set takes down at once.
        Measure("reachability: what a failure of the whole set takes down (AfterFailure)", runs, () =>
            AchievableRecovery.AfterFailure(graph, order, [.. sources]).Down.Count(true));

        // As the analysis uses them: the failure sets computed once, then walked per source.
        var precomputed = FailureSets.Compute(graph, order);
        Measure("reachability: what takes a node down, sets computed once (TakesDown)", runs, () =>
        {
            long count = 0;
            foreach (var source in sources)
            {
                count += precomputed.TakesDown(source).Count;
            }
            return count;
        });

        Measure("topological order (DependencyOrder.Of)", runs, () => DependencyOrder.Of(graph).Order.Length);

        // Longest path with restore minutes as node weights = worst-case achievable RTO; the
        // topological order is part of the work, as it is for networkx.
        Measure("longest path: worst-case RTO of every node (order + WorstCase)", runs, () =>
        {
            var minutes = AchievableRecovery.WorstCase(graph, DependencyOrder.Of(graph)).Minutes;
            long max = 0;
            long sum = 0;
            foreach (var m in minutes)
            {
                max = Math.Max(max, m);
                sum += m;
            }
            return (max * 1_000_000_000_000L) + sum;
        });
        return 0;
    }

    /// <summary>Warms up until the code is fully optimised (tiered compilation promotes a method
    /// after 30 calls, in the background: at least 40 calls and 1 s, then a pause), then times RUNS calls.</summary>
    private static void Measure(string name, int runs, Func<long> action)
    {
        long checksum = 0;
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 40 || warmUp.ElapsedMilliseconds < 1000; i++)
        {
            checksum = action();
        }
        Thread.Sleep(300);
        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var value = action();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (value != checksum)
            {
                throw new InvalidOperationException($"{name}: the answer changed between runs.");
            }
        }
        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        times.Sort();
        Console.WriteLine(string.Create(Invariant, $"{name}\t{times[times.Count / 2]:F3}\t{times[0]:F3}\t{cpuPerRun:F3}\t{runs}\t{checksum}"));
    }

    private static (RecoveryGraph Graph, List<int> Sources) Read(string path)
    {
        var builder = new RecoveryGraphBuilder();
        var sources = new List<int>();
        using var reader = new StreamReader(path);
        string? section = null;
        var left = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (left == 0)
            {
                var parts = line.Split(' ');
                section = parts[0];
                left = int.Parse(parts[1], Invariant);
                continue;
            }
            left--;
            switch (section)
            {
                case "nodes":
                    builder.AddNode(NodeKind.System, int.Parse(line, Invariant));
                    break;
                case "edges":
                    var space = line.IndexOf(' ', StringComparison.Ordinal);
                    builder.Require(int.Parse(line.AsSpan(0, space), Invariant), int.Parse(line.AsSpan(space + 1), Invariant));
                    break;
                case "sources":
                    sources.Add(int.Parse(line, Invariant));
                    break;
                default:
                    throw new InvalidDataException($"Unknown section '{section}'.");
            }
        }
        return (builder.Build(), sources);
    }
}
