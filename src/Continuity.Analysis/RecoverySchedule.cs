namespace Continuity.Analysis;

/// <summary>A recovery schedule: when each node's restore starts and finishes, given how many
/// restores each team can run at once. <see cref="Start"/> and <see cref="Finish"/> are -1 for
/// nodes that are not down or can never start (they wait on a loop).</summary>
public sealed class RecoverySchedule
{
    private readonly int[] _start;
    private readonly int[] _finish;
    private readonly int[] _latestFinish;
    private readonly int[] _waves;

    internal RecoverySchedule(int[] start, int[] finish, int[] latestFinish, int[] waves, int makespan)
    {
        _start = start;
        _finish = finish;
        _latestFinish = latestFinish;
        _waves = waves;
        Makespan = makespan;
    }

    public ReadOnlySpan<int> Start => _start;

    public ReadOnlySpan<int> Finish => _finish;

    /// <summary>The latest a node may finish for nothing that depends on it to miss its RTO
    /// (<see cref="int.MaxValue"/> when nothing constrains it).</summary>
    public ReadOnlySpan<int> LatestFinish => _latestFinish;

    /// <summary>The dependency-respecting wave of each down node (0 first), or -1.</summary>
    public ReadOnlySpan<int> Waves => _waves;

    /// <summary>When the last node is back.</summary>
    public int Makespan { get; }

    /// <summary>Down nodes grouped by wave, in wave order; each wave sorted by node index.</summary>
    public IReadOnlyList<int[]> WaveList()
    {
        var count = 0;
        foreach (var wave in _waves)
        {
            count = Math.Max(count, wave + 1);
        }
        var lists = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            lists[i] = [];
        }
        for (var node = 0; node < _waves.Length; node++)
        {
            if (_waves[node] >= 0)
            {
                lists[_waves[node]].Add(node);
            }
        }
        return [.. lists.Select(l => l.ToArray())];
    }
}

/// <summary>Schedules the restores of down nodes by list scheduling on least slack: whenever a
/// team has a free slot it starts, among the nodes whose requirements are met, the one whose
/// latest start (latest finish minus its own restore) is earliest; ties by tier (1 first,
/// untiered last), then node index. Nodes with no restore of their own finish the moment their
/// requirements are met and take no slot; so do nodes of no team (a vendor restores its own
/// service, and nobody's slot can be planned for a system no team owns): they start as soon as
/// their requirements are met. A redundancy group is met when its first member is back.
/// Deterministic; O((V + E) log V).</summary>
public static class RecoveryScheduler
{
    public const int Unconstrained = int.MaxValue;

    /// <param name="graph">The plan.</param>
    /// <param name="order">Its dependency order.</param>
    /// <param name="down">Which nodes are down (<see cref="RecoveryTimes.Down"/>).</param>
    /// <param name="restores">Which of them need their own restore (<see cref="RecoveryTimes.Restores"/>).</param>
    /// <param name="rtoMinutes">Each node's RTO, or -1.</param>
    /// <param name="capacityPerTeam">Restores one team runs at once; nodes of no team are not limited.</param>
    public static RecoverySchedule Schedule(RecoveryGraph graph, DependencyOrder order, ReadOnlySpan<bool> down, ReadOnlySpan<bool> restores,
        ReadOnlySpan<int> rtoMinutes, int capacityPerTeam)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerTeam, 1);
        var n = graph.NodeCount;
        // Working arrays come from the shared pool (only the schedule itself is handed out): a
        // what-if on a large plan then allocates little beyond its answer.
        var isDown = System.Buffers.ArrayPool<bool>.Shared.Rent(n);
        var duration = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        var pendingGroups = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        var waiting = System.Buffers.ArrayPool<bool>.Shared.Rent(graph.GroupCount);
        try
        {
            down[..n].CopyTo(isDown);
            Array.Clear(pendingGroups, 0, n);
            Array.Clear(waiting, 0, graph.GroupCount);
            for (var node = 0; node < n; node++)
            {
                duration[node] = isDown[node] && restores[node] ? graph.RestoreMinutes[node] : 0;
            }
            return Schedule(graph, order, isDown, duration, pendingGroups, waiting, rtoMinutes, capacityPerTeam);
        }
        finally
        {
            System.Buffers.ArrayPool<bool>.Shared.Return(isDown);
            System.Buffers.ArrayPool<int>.Shared.Return(duration);
            System.Buffers.ArrayPool<int>.Shared.Return(pendingGroups);
            System.Buffers.ArrayPool<bool>.Shared.Return(waiting);
        }
    }

    private static RecoverySchedule Schedule(RecoveryGraph graph, DependencyOrder order, bool[] isDown, int[] duration, int[] pendingGroups, bool[] waiting,
        ReadOnlySpan<int> rtoMinutes, int capacityPerTeam)
    {
        var n = graph.NodeCount;
        // Which groups each down node still waits for (all their members are down; a lost hosting
        // group also needs its recovery sites down); the graph's reverse index leads from a
        // finished node to the groups it may complete.
        for (var node = 0; node < n; node++)
        {
            if (!isDown[node])
            {
                continue;
            }
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (Waits(graph, g, isDown))
                {
                    waiting[g] = true;
                    pendingGroups[node]++;
                }
            }
        }

        var latestFinish = LatestFinish(graph, order, isDown, duration, rtoMinutes);

        var start = new int[n];
        var finish = new int[n];
        var wave = new int[n];
        Array.Fill(start, -1);
        Array.Fill(finish, -1);
        Array.Fill(wave, -1);

        // Per team: restores running and the ready queue. Only teams whose queue or slots changed
        // since they were last served ("dirty") are looked at after an event, so an event costs
        // O(log V), not O(teams).
        var teamCount = 0;
        foreach (var team in graph.Teams)
        {
            teamCount = Math.Max(teamCount, team + 1);
        }
        var busy = new int[teamCount];
        var ready = new PriorityQueue<int, (long, int, int)>?[teamCount];
        var dirty = new List<int>();
        var isDirty = new bool[teamCount];
        var finishing = new PriorityQueue<int, (int Time, int Node)>();
        var makespan = 0;
        var now = 0;

        void MarkDirty(int team)
        {
            if (!isDirty[team])
            {
                isDirty[team] = true;
                dirty.Add(team);
            }
        }

        void MakeReady(int node)
        {
            var team = graph.Teams[node];
            if (duration[node] == 0 || team < 0)
            {
                start[node] = now;
                finish[node] = now + duration[node];
                finishing.Enqueue(node, (finish[node], node));
                return;
            }
            var latestStart = latestFinish[node] == Unconstrained ? long.MaxValue : (long)latestFinish[node] - duration[node];
            var tier = graph.Tiers[node] == 0 ? int.MaxValue : graph.Tiers[node];
            (ready[team] ??= new PriorityQueue<int, (long, int, int)>()).Enqueue(node, (latestStart, tier, node));
            MarkDirty(team);
        }

        foreach (var node in order.Order)
        {
            if (isDown[node] && pendingGroups[node] == 0)
            {
                MakeReady(node);
            }
        }

        while (true)
        {
            // Teams are independent pools, so the order they are served in does not matter.
            foreach (var team in dirty)
            {
                isDirty[team] = false;
                var queue = ready[team];
                while (busy[team] < capacityPerTeam && queue is not null && queue.TryDequeue(out var node, out _))
                {
                    start[node] = now;
                    finish[node] = now + duration[node];
                    busy[team]++;
                    finishing.Enqueue(node, (finish[node], node));
                }
            }
            dirty.Clear();
            if (!finishing.TryDequeue(out var done, out var at))
            {
                break;
            }
            now = at.Time;
            makespan = Math.Max(makespan, now);
            if (duration[done] > 0 && graph.Teams[done] is var doneTeam and >= 0)
            {
                busy[doneTeam]--;
                MarkDirty(doneTeam);
            }
            foreach (var group in graph.GroupsWith(done))
            {
                // A recovery site back lets the restore of a system whose hosting is lost start.
                var g = graph.GroupKinds[group] == RequirementKind.RecoverySite ? HostingGroup(graph, graph.OwnerOf(group)) : group;
                if (g < 0 || !waiting[g])
                {
                    continue;
                }
                waiting[g] = false;                 // met by its first member back
                var owner = graph.OwnerOf(g);
                if (--pendingGroups[owner] == 0)
                {
                    MakeReady(owner);
                }
            }
        }
        Waves(graph, order, isDown, wave);
        return new RecoverySchedule(start, finish, latestFinish, wave, makespan);
    }

    /// <summary>True when a down node waits for group <paramref name="g"/>: it takes the node down
    /// and every member is down — for a hosting group, every recovery site too.</summary>
    private static bool Waits(RecoveryGraph graph, int g, bool[] down)
    {
        var kind = graph.GroupKinds[g];
        if (!kind.TakesDown() || !graph.AllDown(g, down))
        {
            return false;
        }
        return kind != RequirementKind.Hosting || RecoverySite(graph, graph.OwnerOf(g)) is not (>= 0 and var site) || graph.AllDown(site, down);
    }

    private static int HostingGroup(RecoveryGraph graph, int node) => GroupOf(graph, node, RequirementKind.Hosting);

    private static int RecoverySite(RecoveryGraph graph, int node) => GroupOf(graph, node, RequirementKind.RecoverySite);

    private static int GroupOf(RecoveryGraph graph, int node, RequirementKind kind)
    {
        for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
        {
            if (graph.GroupKinds[g] == kind)
            {
                return g;
            }
        }
        return -1;
    }

    /// <summary>Layers: a down node's wave is one more than the latest of the groups it waits for,
    /// where a group is ready with its earliest member, so each wave depends only on earlier waves.
    /// A loop's nodes are repeated until their waves settle; one that can never start has -1.</summary>
    private static void Waves(RecoveryGraph graph, DependencyOrder order, bool[] down, int[] wave)
    {
        bool Settle(int node)
        {
            if (!down[node])
            {
                return false;
            }
            var value = 0;
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (!Waits(graph, g, down))
                {
                    continue;
                }
                var earliest = Earliest(g, int.MaxValue);
                if (graph.GroupKinds[g] == RequirementKind.Hosting && RecoverySite(graph, node) is >= 0 and var site)
                {
                    earliest = Earliest(site, earliest);
                }
                value = earliest == int.MaxValue ? -1 : Math.Max(value, earliest + 1);
                if (value < 0)
                {
                    break;
                }
            }
            var changed = wave[node] != value;
            wave[node] = value;
            return changed;
        }

        int Earliest(int g, int earliest)
        {
            foreach (var member in graph.MembersOf(g))
            {
                if (wave[member] >= 0)
                {
                    earliest = Math.Min(earliest, wave[member]);
                }
            }
            return earliest;
        }

        order.Settle(Settle);
    }

    /// <summary>Backward pass: a node must finish early enough for each dependent to still meet its
    /// own latest finish after its restore.</summary>
    private static int[] LatestFinish(RecoveryGraph graph, DependencyOrder order, bool[] down, int[] duration, ReadOnlySpan<int> rto)
    {
        var n = graph.NodeCount;
        var latest = new int[n];
        for (var node = 0; node < n; node++)
        {
            latest[node] = rto[node] >= 0 ? rto[node] : Unconstrained;
        }
        for (var i = order.Order.Length - 1; i >= 0; i--)
        {
            var node = order.Order[i];
            if (!down[node] || latest[node] == Unconstrained)
            {
                continue;
            }
            var bound = latest[node] - duration[node];
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (!graph.GroupKinds[g].Orders())
                {
                    continue;
                }
                foreach (var member in graph.MembersOf(g))
                {
                    if (down[member] && bound < latest[member])
                    {
                        latest[member] = bound;
                    }
                }
            }
        }
        return latest;
    }
}
