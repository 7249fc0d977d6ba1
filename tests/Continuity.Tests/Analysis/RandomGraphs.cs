using Continuity.Analysis;

namespace Continuity.Tests.Analysis;

/// <summary>Random plans for property tests that reach the awkward shapes: dependency loops (a
/// group may name any node, itself included), redundancy groups, degraded dependencies, sites that
/// host systems and recovery sites, providers that restore what they provide, restores of 0
/// minutes and restores with no estimate.</summary>
internal sealed record RandomPlan(int Nodes, NodeKind[] Kinds, int[] Restore, bool[] Known, int[] Tier, int[] Team,
    List<(int Node, RequirementKind Kind, int[] Members)> Groups)
{
    public RecoveryGraph Build(int[]? relabel = null, int[]? restore = null)
    {
        relabel ??= [.. Enumerable.Range(0, Nodes)];
        var inverse = new int[Nodes];
        for (var i = 0; i < Nodes; i++)
        {
            inverse[relabel[i]] = i;
        }
        var builder = new RecoveryGraphBuilder();
        for (var label = 0; label < Nodes; label++)
        {
            var node = inverse[label];
            builder.AddNode(Kinds[node], (restore ?? Restore)[node], Tier[node], Team[node], Known[node]);
        }
        // Groups in the order of their (relabelled) owner, so that a node's groups keep their order.
        foreach (var (node, kind, members) in Groups.OrderBy(g => relabel[g.Node]))
        {
            builder.Add(relabel[node], kind, [.. members.Select(m => relabel[m])]);
        }
        return builder.Build();
    }

    public IEnumerable<int> Sites => Enumerable.Range(0, Nodes).Where(n => Kinds[n] == NodeKind.Site);
}

internal static class RandomGraphs
{
    /// <summary>Sites first (they need nothing), then systems hosted in one or two of them (some
    /// with a recovery site), then other nodes; dependencies point anywhere except at sites when
    /// <paramref name="loops"/>, else only at lower nodes.</summary>
    public static RandomPlan Generate(int seed, bool loops = true)
    {
        var random = new Random(seed);
        var nodes = random.Next(1, 36);
        var sites = Math.Min(nodes, random.Next(0, 5));
        var kinds = new NodeKind[nodes];
        var restore = new int[nodes];
        var known = new bool[nodes];
        var groups = new List<(int, RequirementKind, int[])>();
        for (var node = 0; node < nodes; node++)
        {
            kinds[node] = node < sites ? NodeKind.Site : random.Next(4) == 0 ? NodeKind.Function : NodeKind.System;
            restore[node] = kinds[node] == NodeKind.System ? random.Next(4) == 0 ? 0 : random.Next(1, 500) : 0;
            known[node] = kinds[node] != NodeKind.System || random.Next(8) > 0;
            if (node < sites)
            {
                continue;
            }
            if (kinds[node] == NodeKind.System && sites > 0 && random.Next(3) > 0)
            {
                groups.Add((node, RequirementKind.Hosting, Pick(random, sites, random.Next(1, 3))));
                if (random.Next(3) == 0)
                {
                    groups.Add((node, RequirementKind.RecoverySite, Pick(random, sites, 1)));
                }
            }
            for (var g = random.Next(0, 4); g > 0; g--)
            {
                // With loops, a member is any non-site node (itself included) one time in five.
                var upper = loops && random.Next(5) == 0 ? nodes : node;
                if (upper <= sites && sites == 0)
                {
                    continue;
                }
                var members = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(0, upper)).Distinct().ToArray();
                var kind = random.Next(10) switch
                {
                    0 or 1 => RequirementKind.Degraded,
                    2 when kinds[node] == NodeKind.System => RequirementKind.Provider,
                    _ => RequirementKind.Required,
                };
                groups.Add((node, kind, members));
            }
        }
        return new RandomPlan(nodes, kinds, restore, known,
            [.. Enumerable.Range(0, nodes).Select(_ => random.Next(0, 5))],
            [.. Enumerable.Range(0, nodes).Select(_ => random.Next(-1, 3))],
            groups);
    }

    private static int[] Pick(Random random, int below, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => random.Next(0, below)).Distinct()];

    /// <summary>The rule applied naively until nothing changes: down when failed, or when every
    /// member of a group that takes it down is down.</summary>
    public static bool[] NaiveDown(RandomPlan plan, IEnumerable<int> failed)
    {
        var down = new bool[plan.Nodes];
        foreach (var node in failed)
        {
            down[node] = true;
        }
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (node, kind, members) in plan.Groups)
            {
                if (!down[node] && kind is RequirementKind.Required or RequirementKind.Hosting or RequirementKind.Provider && members.All(m => down[m]))
                {
                    down[node] = changed = true;
                }
            }
        }
        return down;
    }

    /// <summary>Recovery times by the definition, naively: every down node starts at "never" and is
    /// recomputed from its groups, all nodes at once, until nothing changes; once for the outages
    /// ending at once (a failed open-ended node is back at 0) and once for outages that last long
    /// (a failed open-ended node is back at E; a time that does not wait for E is below every time
    /// that does). A group is back with its first member; a node with the last of its groups, plus
    /// its own restore when it failed or lost every site it runs in (then a recovery site counts as
    /// a member of its hosting group). Reported as the engine reports: (Minutes, AfterOutage).</summary>
    public static (long Minutes, long After)[] NaiveTimes(RandomPlan plan, bool[] failed, bool[] openEnded)
    {
        const long e = 1L << 50;
        var down = NaiveDown(plan, Enumerable.Range(0, plan.Nodes).Where(n => failed[n]));
        var restores = new bool[plan.Nodes];
        for (var node = 0; node < plan.Nodes; node++)
        {
            restores[node] = down[node]
                && (failed[node] || plan.Groups.Any(g => g.Node == node && g.Kind == RequirementKind.Hosting && g.Members.All(m => down[m])))
                && !plan.Groups.Any(g => g.Node == node && g.Kind == RequirementKind.Provider && g.Members.All(m => down[m]));
        }
        var atOnce = Pass(plan, down, restores, node => failed[node] && openEnded[node] ? 0 : 0);
        var longOutage = Pass(plan, down, restores, node => failed[node] && openEnded[node] ? e : 0);
        return [.. atOnce.Zip(longOutage, (now, later) =>
            now == long.MaxValue || later == long.MaxValue ? (long.MaxValue, -1L)
            : later >= e ? (now, later - e)
            : (later, -1L))];
    }

    private static long[] Pass(RandomPlan plan, bool[] down, bool[] restores, Func<int, long> ownOutage)
    {
        const long never = long.MaxValue;
        var value = new long[plan.Nodes];
        for (var node = 0; node < plan.Nodes; node++)
        {
            value[node] = down[node] ? never : 0;
        }
        for (var round = 0; round <= plan.Nodes + 1; round++)
        {
            var next = (long[])value.Clone();
            for (var node = 0; node < plan.Nodes; node++)
            {
                if (!down[node])
                {
                    continue;
                }
                var result = ownOutage(node);
                var recovery = plan.Groups.Where(g => g.Node == node && g.Kind == RequirementKind.RecoverySite).SelectMany(g => g.Members).ToArray();
                foreach (var (owner, kind, members) in plan.Groups)
                {
                    if (owner != node || kind is RequirementKind.Degraded or RequirementKind.RecoverySite)
                    {
                        continue;
                    }
                    var candidates = kind == RequirementKind.Hosting && restores[node] ? members.Concat(recovery) : members;
                    var first = candidates.Min(m => value[m]);
                    result = first == never || result == never ? never : Math.Max(result, first);
                }
                next[node] = result == never || !restores[node] ? result : result + plan.Restore[node];
            }
            value = next;
        }
        return value;
    }
}
