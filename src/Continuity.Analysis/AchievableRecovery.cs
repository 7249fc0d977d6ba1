namespace Continuity.Analysis;

/// <summary>When each node can be back, in minutes from the disruption, with restores of
/// independent nodes running in parallel. <see cref="Minutes"/> is 0 for a node that is not
/// down and <see cref="Never"/> for a node that cannot recover (it waits on a loop).
/// <see cref="Via"/> is the dependency that a node waits for last (-1 when none), so following
/// it gives the critical path.</summary>
public sealed class RecoveryTimes
{
    public const int Never = -1;

    internal RecoveryTimes(int[] minutes, int[] via, bool[] down)
    {
        Minutes = minutes;
        Via = via;
        Down = down;
    }

    public int[] Minutes { get; }

    public int[] Via { get; }

    /// <summary>True for nodes that the failure takes down (all of them in the worst case).</summary>
    public bool[] Down { get; }

    /// <summary>The chain that decides when <paramref name="node"/> is back: the node, then what it
    /// waits for last, and so on down to a node that waits for nothing.</summary>
    public IReadOnlyList<int> CriticalPath(int node)
    {
        var path = new List<int>();
        for (var current = node; current >= 0 && path.Count <= Minutes.Length; current = Via[current])
        {
            path.Add(current);
        }
        return path;
    }
}

/// <summary>Achievable recovery time (DOMAIN.md, "Analysis semantics"): a node is back once every
/// required group has a member back (the first member of a redundancy group suffices), plus its
/// own restore duration. O(V + E) over a <see cref="DependencyOrder"/>.</summary>
public static class AchievableRecovery
{
    /// <summary>The worst case: everything has failed, so every node waits for its whole chain.</summary>
    public static RecoveryTimes WorstCase(RecoveryGraph graph, DependencyOrder order)
    {
        var down = new bool[graph.NodeCount];
        Array.Fill(down, true);
        return Compute(graph, order, down, failed: down);
    }

    /// <summary>The nodes in <paramref name="failed"/> have failed: which others go down with them,
    /// and when each is back. A node taken down only by its dependencies needs no restore of its own.</summary>
    public static RecoveryTimes AfterFailure(RecoveryGraph graph, DependencyOrder order, ReadOnlySpan<int> failed)
    {
        var isFailed = new bool[graph.NodeCount];
        foreach (var node in failed)
        {
            isFailed[node] = true;
        }
        // Up from the failures: a node goes down once one of its required groups has every member
        // down. Only what the failure reaches is visited, so a small failure costs little however
        // large the plan. Nodes behind a loop are left to the pessimistic rule below.
        var down = (bool[])isFailed.Clone();
        var reached = new Stack<int>(failed.Length);
        foreach (var node in failed)
        {
            reached.Push(node);
        }
        while (reached.TryPop(out var member))
        {
            foreach (var g in graph.RequiredGroupsWith(member))
            {
                var owner = graph.OwnerOf(g);
                if (!down[owner] && !order.Blocked[owner] && graph.AllDown(g, down))
                {
                    down[owner] = true;
                    reached.Push(owner);
                }
            }
        }
        for (var node = 0; node < graph.NodeCount; node++)
        {
            // A node behind a loop is down if it failed or anything it depends on did; be pessimistic.
            if (order.Blocked[node])
            {
                down[node] = isFailed[node] || BlockedNodeDown(graph, node, isFailed);
            }
        }
        return Compute(graph, order, down, isFailed);
    }

    private static RecoveryTimes Compute(RecoveryGraph graph, DependencyOrder order, bool[] down, bool[] failed)
    {
        var n = graph.NodeCount;
        var minutes = new int[n];
        var via = new int[n];
        Array.Fill(via, -1);
        for (var node = 0; node < n; node++)
        {
            if (order.Blocked[node] && down[node])
            {
                minutes[node] = RecoveryTimes.Never;
            }
        }

        foreach (var node in order.Order)
        {
            if (!down[node])
            {
                continue;
            }
            var waitUntil = 0;
            var waitFor = -1;
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (graph.GroupKinds[g] != RequirementKind.Required)
                {
                    continue;
                }
                // The group is back when its first member is back; members that are up count as 0.
                var groupBack = int.MaxValue;
                var first = -1;
                foreach (var member in graph.MembersOf(g))
                {
                    var back = down[member] ? minutes[member] : 0;
                    if (back != RecoveryTimes.Never && back < groupBack)
                    {
                        groupBack = back;
                        first = member;
                    }
                }
                if (first < 0)
                {
                    waitUntil = RecoveryTimes.Never;
                    break;
                }
                if (groupBack > waitUntil || (groupBack == waitUntil && waitFor < 0 && down[first]))
                {
                    waitUntil = groupBack;
                    waitFor = down[first] ? first : waitFor;
                }
            }

            if (waitUntil == RecoveryTimes.Never)
            {
                minutes[node] = RecoveryTimes.Never;
                continue;
            }
            minutes[node] = checked(waitUntil + (failed[node] ? graph.RestoreMinutes[node] : 0));
            via[node] = waitFor;
        }
        return new RecoveryTimes(minutes, via, down);
    }

    private static bool BlockedNodeDown(RecoveryGraph graph, int start, bool[] failed)
    {
        // Rare (plans with loops): a plain search through required dependencies.
        var seen = new HashSet<int> { start };
        var stack = new Stack<int>();
        stack.Push(start);
        while (stack.TryPop(out var node))
        {
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (graph.GroupKinds[g] != RequirementKind.Required)
                {
                    continue;
                }
                foreach (var member in graph.MembersOf(g))
                {
                    if (failed[member])
                    {
                        return true;
                    }
                    if (seen.Add(member))
                    {
                        stack.Push(member);
                    }
                }
            }
        }
        return false;
    }
}
