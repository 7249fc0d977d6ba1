namespace Continuity.Analysis;

/// <summary>When each node can be back, in minutes from the disruption, with restores of
/// independent nodes running in parallel. Open-ended outages (a region, an office: the plan does
/// not say when they are back) are taken to end together, at some unknown time E.
/// A node with <see cref="AfterOutage"/> = <see cref="NoOutage"/> is back by <see cref="Minutes"/>
/// whatever E is (sooner, perhaps, when an outage it could also have waited for ends early). A node
/// that waits for the outages is back at the latest of <see cref="Minutes"/> (its time when they
/// end at once) and E + <see cref="AfterOutage"/>: exact when they end at once and when they last
/// long. <see cref="Minutes"/> is 0 for a node that is not down and <see cref="Never"/> for a node
/// that cannot recover (it waits on a loop). <see cref="Via"/> is the dependency that a node waits
/// for last (-1 when none), so following it gives the critical path. Read-only: safe to share
/// between threads.</summary>
public sealed class RecoveryTimes
{
    public const int Never = -1;

    public const int NoOutage = -1;

    private readonly int[] _minutes;
    private readonly int[] _afterOutage;
    private readonly int[] _via;
    private readonly bool[] _down;
    private readonly bool[] _restores;
    private readonly bool[] _assumed;

    internal RecoveryTimes(int[] minutes, int[] afterOutage, int[] via, bool[] down, bool[] restores, bool[] assumed)
    {
        _minutes = minutes;
        _afterOutage = afterOutage;
        _via = via;
        _down = down;
        _restores = restores;
        _assumed = assumed;
    }

    public ReadOnlySpan<int> Minutes => _minutes;

    /// <summary>Minutes after the end of the open-ended outages a node waits for, or <see cref="NoOutage"/>.</summary>
    public ReadOnlySpan<int> AfterOutage => _afterOutage;

    public ReadOnlySpan<int> Via => _via;

    /// <summary>True for nodes that the failure takes down (all of them in the worst case).</summary>
    public ReadOnlySpan<bool> Down => _down;

    /// <summary>True for down nodes that need a restore of their own: they failed, or every site
    /// they run in is down (<see cref="RequirementKind.Hosting"/>) — unless their provider is down
    /// (<see cref="RequirementKind.Provider"/>), whose return is their restore. Others are back as
    /// soon as what they require is back.</summary>
    public ReadOnlySpan<bool> Restores => _restores;

    /// <summary>True when a node's time counts a restore the plan gives no duration for as instant
    /// (its own, or one on the way to it): the real time may be later.</summary>
    public ReadOnlySpan<bool> Assumed => _assumed;

    /// <summary>The chain that decides when <paramref name="node"/> is back: the node, then what it
    /// waits for last, and so on down to a node that waits for nothing.</summary>
    public IReadOnlyList<int> CriticalPath(int node)
    {
        var path = new List<int>();
        for (var current = node; current >= 0 && path.Count <= _minutes.Length; current = _via[current])
        {
            path.Add(current);
        }
        return path;
    }
}

/// <summary>Achievable recovery time (DOMAIN.md, "Analysis semantics"): a node is back once every
/// group it waits for has a member back (the first member of a redundancy group suffices), plus its
/// own restore when it needs one. One implementation answers the worst case, a what-if and the
/// schedule's bounds alike. O(V + E) over a <see cref="DependencyOrder"/>, loops settled by
/// repetition.</summary>
public static class AchievableRecovery
{
    /// <summary>The worst case: everything has failed, so every node waits for its whole chain.</summary>
    public static RecoveryTimes WorstCase(RecoveryGraph graph, DependencyOrder order)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var all = new bool[graph.NodeCount];
        Array.Fill(all, true);
        return Compute(graph, order, order.Order, all, all, Restores(graph, all, all, order.Order), openEnded: []);
    }

    /// <summary>The nodes in <paramref name="failed"/> have failed: which others go down with them,
    /// and when each is back. A node taken down only by its dependencies needs no restore of its
    /// own — unless every site it runs in is down. Failed nodes marked in
    /// <paramref name="openEnded"/> (empty: none) have no known end.</summary>
    public static RecoveryTimes AfterFailure(RecoveryGraph graph, DependencyOrder order, ReadOnlySpan<int> failed, ReadOnlySpan<bool> openEnded = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(order);
        var isFailed = new bool[graph.NodeCount];
        foreach (var node in failed)
        {
            isFailed[node] = true;
        }
        var down = Down(graph, isFailed);

        // Only the down nodes are worked out, in dependency order: sorted by position when they
        // are few, picked from the order when they are many (the same sequence either way).
        var count = down.AsSpan().Count(true);
        var sequence = new int[count];
        if (count * 16L < down.Length)
        {
            var offset = 0;
            var next = 0;
            for (var rest = down.AsSpan(); rest.IndexOf(true) is >= 0 and var found; rest = rest[(found + 1)..])
            {
                sequence[next++] = offset + found;
                offset += found + 1;
            }
            var positions = new int[count];
            for (var i = 0; i < count; i++)
            {
                positions[i] = order.PositionOf(sequence[i]);
            }
            Array.Sort(positions, sequence);
        }
        else
        {
            var next = 0;
            foreach (var node in order.Order)
            {
                if (down[node])
                {
                    sequence[next++] = node;
                }
            }
        }

        return Compute(graph, order, sequence, isFailed, down, Restores(graph, isFailed, down, sequence), openEnded);
    }

    /// <summary>What a failure takes down: the least fixpoint of "a node is down once one of the
    /// groups that take it down has every member down", found by walking up from the failures, so
    /// a small failure costs little however large the plan. A loop stays up unless something
    /// takes it down.</summary>
    public static bool[] Down(RecoveryGraph graph, ReadOnlySpan<bool> failed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var down = failed.ToArray();
        var reached = new Stack<int>();
        for (var node = 0; node < down.Length; node++)
        {
            if (down[node])
            {
                reached.Push(node);
            }
        }
        while (reached.TryPop(out var member))
        {
            foreach (var g in graph.GroupsWith(member))
            {
                var owner = graph.OwnerOf(g);
                if (!down[owner] && graph.GroupKinds[g].TakesDown() && graph.AllDown(g, down))
                {
                    down[owner] = true;
                    reached.Push(owner);
                }
            }
        }
        return down;
    }

    /// <summary>Which nodes that are up run degraded: a degraded dependency is down, a member of a
    /// redundancy group is down (it runs on the others), or something it uses runs degraded —
    /// however far down the chain. In dependency order, loops repeated until settled; only the
    /// nodes next to a down or degraded node are looked at (in order, through the graph's reverse
    /// indexes), so a small failure costs little however large the plan.</summary>
    public static bool[] RunsDegraded(RecoveryGraph graph, DependencyOrder order, ReadOnlySpan<bool> down)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(order);
        var degraded = new bool[graph.NodeCount];
        var candidates = new PriorityQueue<int, int>();
        var queued = new HashSet<int>();

        // Whatever has a down node in one of its groups may run degraded.
        var offset = 0;
        for (var rest = down; rest.IndexOf(true) is >= 0 and var found; rest = rest[(found + 1)..])
        {
            var node = offset + found;
            offset = node + 1;
            Offer(graph, order, down, degraded, candidates, queued, node, graph.GroupsWith(node), everyOwner: true);
            Offer(graph, order, down, degraded, candidates, queued, node, graph.DegradedGroupsWith(node), everyOwner: true);
        }

        // In dependency order, as a walk of the whole order would settle them: a node sees the
        // nodes before it, and the other nodes of its loop.
        while (candidates.TryDequeue(out var node, out _))
        {
            queued.Remove(node);
            if (degraded[node] || !Degrades(graph, down, degraded, node))
            {
                continue;
            }
            degraded[node] = true;
            Offer(graph, order, down, degraded, candidates, queued, node, graph.GroupsWith(node), everyOwner: false);
            Offer(graph, order, down, degraded, candidates, queued, node, graph.DegradedGroupsWith(node), everyOwner: false);
        }
        return degraded;
    }

    /// <summary>Queues the owners of <paramref name="groups"/> that are up and not yet degraded; unless
    /// <paramref name="everyOwner"/>, only those after <paramref name="member"/> in the order or in its loop.</summary>
    private static void Offer(RecoveryGraph graph, DependencyOrder order, ReadOnlySpan<bool> down, bool[] degraded,
        PriorityQueue<int, int> candidates, HashSet<int> queued, int member, ReadOnlySpan<int> groups, bool everyOwner)
    {
        foreach (var g in groups)
        {
            var owner = graph.OwnerOf(g);
            if (down[owner] || degraded[owner] || owner == member)
            {
                continue;
            }
            var position = order.PositionOf(owner);
            if ((everyOwner || position > order.PositionOf(member) || (order.LoopOf(owner) >= 0 && order.LoopOf(owner) == order.LoopOf(member)))
                && queued.Add(owner))
            {
                candidates.Enqueue(owner, position);
            }
        }
    }

    /// <summary>True when one of the node's groups has a down member that degrades it (a degraded
    /// dependency, or a member of a redundancy group) or a member that runs degraded.</summary>
    private static bool Degrades(RecoveryGraph graph, ReadOnlySpan<bool> down, bool[] degraded, int node)
    {
        for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
        {
            var kind = graph.GroupKinds[g];
            if (kind == RequirementKind.RecoverySite)
            {
                continue;
            }
            var members = graph.MembersOf(g);
            foreach (var member in members)
            {
                if ((down[member] && (kind == RequirementKind.Degraded || members.Length > 1)) || (!down[member] && degraded[member]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Which of the down <paramref name="nodes"/> need a restore of their own (<see cref="RecoveryTimes.Restores"/>).</summary>
    private static bool[] Restores(RecoveryGraph graph, bool[] failed, bool[] down, ReadOnlySpan<int> nodes)
    {
        var restores = new bool[graph.NodeCount];
        foreach (var node in nodes)
        {
            if (!down[node])
            {
                continue;
            }
            var restore = failed[node];
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                var kind = graph.GroupKinds[g];
                if (kind is RequirementKind.Hosting or RequirementKind.Provider && graph.AllDown(g, down))
                {
                    restore = kind == RequirementKind.Hosting;
                    if (!restore)
                    {
                        break;                      // its provider is down: the provider restores it
                    }
                }
            }
            restores[node] = restore;
        }
        return restores;
    }

    // Two monotone passes in one. "back" is when a node is back if the open-ended outages end at
    // once. "late" is what it tends to when they last long: either a constant (it comes back
    // without them) or their end plus some minutes; every constant sorts before every "end plus",
    // so one long holds both (Outage + minutes for the latter). Each pass is a min over a group's
    // members, a max over a node's groups, plus the node's own restore, so repeating a loop from
    // "never" always settles on the same answer, whatever the order.
    private const int Unreachable = int.MaxValue;
    private const long Outage = 1L << 40;
    private const long Endless = long.MaxValue;

    /// <param name="graph">The graph.</param>
    /// <param name="order">Its dependency order.</param>
    /// <param name="sequence">The down nodes in dependency order (every node, for the worst case):
    /// only they are worked out; the others are up, back at 0.</param>
    /// <param name="failed">Which nodes failed.</param>
    /// <param name="down">Which nodes are down.</param>
    /// <param name="restores">Which down nodes need their own restore.</param>
    /// <param name="openEnded">Failed nodes with no known end (empty: none).</param>
    private static RecoveryTimes Compute(RecoveryGraph graph, DependencyOrder order, ReadOnlySpan<int> sequence, bool[] failed, bool[] down, bool[] restores,
        ReadOnlySpan<bool> openEnded)
    {
        var n = graph.NodeCount;
        // "back" is kept in the minutes array until the end; "late" in a pooled array, of which only
        // the down nodes' entries are read, each after it is written.
        var back = new int[n];
        var late = System.Buffers.ArrayPool<long>.Shared.Rent(n);
        var via = new int[n];
        Array.Fill(via, -1);
        var assumed = new bool[n];
        var open = System.Buffers.ArrayPool<bool>.Shared.Rent(n);
        try
        {
            if (openEnded.Length == 0)
            {
                Array.Clear(open, 0, n);
            }
            else
            {
                openEnded.CopyTo(open);
            }

            for (var i = 0; i < sequence.Length;)
            {
                var node = sequence[i];
                var loop = order.LoopOf(node);
                if (loop < 0)
                {
                    Settle(node);
                    i++;
                    continue;
                }
                // A loop: start from "never" and repeat until no node changes (each round settles at
                // least the nodes one step further from the loop's way out).
                var end = i + 1;
                while (end < sequence.Length && order.LoopOf(sequence[end]) == loop)
                {
                    end++;
                }
                for (var j = i; j < end; j++)
                {
                    back[sequence[j]] = Unreachable;
                    late[sequence[j]] = Endless;
                }
                var size = order.LoopSize(node);
                for (var round = 0; round <= size; round++)
                {
                    var changed = false;
                    for (var j = i; j < end; j++)
                    {
                        changed |= Settle(sequence[j]);
                    }
                    if (!changed)
                    {
                        break;
                    }
                }
                i = end;
            }

            // Back at a known time: the time whatever the outages do (at the latest, when they last
            // long). Waiting for an outage: at the latest of the time if it ends at once and its end
            // plus the minutes after. Nodes that are up are back at 0 and wait for nothing.
            var minutes = back;
            var after = new int[n];
            Array.Fill(after, RecoveryTimes.NoOutage);
            foreach (var node in sequence)
            {
                if (back[node] == Unreachable || late[node] == Endless)
                {
                    (minutes[node], via[node]) = (RecoveryTimes.Never, -1);
                }
                else if (late[node] >= Outage)
                {
                    after[node] = checked((int)(late[node] - Outage));
                }
                else
                {
                    minutes[node] = checked((int)late[node]);
                }
            }
            return new RecoveryTimes(minutes, after, via, down, restores, assumed);
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(late);
            System.Buffers.ArrayPool<bool>.Shared.Return(open);
        }

        // Works out one down node from what it waits for; true when its times changed.
        bool Settle(int node)
        {
            if (!down[node])
            {
                return false;
            }
            var backAt = 0;
            var lateAt = open[node] && failed[node] ? Outage : 0;
            var lateBy = -1;
            var relies = restores[node] && !graph.RestoreKnown[node];
            var recoverySite = RecoverySiteGroup(graph, node);
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                var kind = graph.GroupKinds[g];
                if (kind is RequirementKind.Degraded or RequirementKind.RecoverySite)
                {
                    continue;
                }
                // Lost hosting: the restore may start in a recovery site instead.
                var alternative = kind == RequirementKind.Hosting && restores[node] ? recoverySite : -1;
                var (groupBack, _) = First(graph, down, back, g, alternative);
                var (groupLate, firstLate) = First(graph, down, late, g, alternative);
                if (groupBack == Unreachable || groupLate == Endless)
                {
                    (backAt, lateAt) = (Unreachable, Endless);
                    break;
                }
                relies |= firstLate >= 0 && assumed[firstLate];
                backAt = Math.Max(backAt, (int)groupBack);
                if (groupLate > lateAt || (groupLate == lateAt && lateBy < 0 && firstLate >= 0))
                {
                    lateAt = groupLate;
                    lateBy = firstLate >= 0 ? firstLate : lateBy;
                }
            }
            if (backAt != Unreachable && restores[node])
            {
                backAt = checked(backAt + graph.RestoreMinutes[node]);
                lateAt = checked(lateAt + graph.RestoreMinutes[node]);
            }
            var changed = back[node] != backAt || late[node] != lateAt;
            back[node] = backAt;
            late[node] = lateAt;
            via[node] = lateBy;
            assumed[node] = relies;
            return changed;
        }
    }

    /// <summary>The earliest of a group's members (and of the alternative group's, when there is
    /// one) in one pass; members that are up count as 0. Returns the value and the down member
    /// that gives it (-1 when an up member does).</summary>
    private static (long Value, int Member) First<T>(RecoveryGraph graph, bool[] down, T[] value, int g, int alternative)
        where T : struct, System.Numerics.INumber<T>
    {
        var best = long.MaxValue;
        var member = -1;
        foreach (var group in (ReadOnlySpan<int>)[g, alternative])
        {
            if (group < 0)
            {
                continue;
            }
            foreach (var m in graph.MembersOf(group))
            {
                var v = down[m] ? long.CreateTruncating(value[m]) : 0;
                if (v < best)
                {
                    best = v;
                    member = down[m] ? m : -1;
                }
            }
        }
        return (best, member);
    }

    /// <summary>The node's recovery-site group, or -1.</summary>
    private static int RecoverySiteGroup(RecoveryGraph graph, int node)
    {
        for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
        {
            if (graph.GroupKinds[g] == RequirementKind.RecoverySite)
            {
                return g;
            }
        }
        return -1;
    }
}
