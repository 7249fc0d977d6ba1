using Continuity.Analysis;

namespace Continuity.Impact;

/// <summary>When each down node is back when some failures are open-ended (a region, a person, a
/// vendor with no contractual RTO): <see cref="AchievableRecovery.AfterFailure"/> counts their
/// restore as 0 minutes, which would have a function hosted in a lost region back as soon as its
/// own restores are done. Here a node that cannot come back until such an outage ends is timed
/// from the moment it ends (<see cref="RecoveryKind.AfterOutage"/>); every other node is timed
/// from the failure, exactly as the engine does, except that a redundancy group prefers a member
/// that comes back on its own to one that waits for the outage. The outages are taken to end
/// together. O(V + E) in dependency order.</summary>
internal sealed class OutageClock
{
    private readonly DependencyOrder _order;
    private int[]?[]? _awaited;

    private OutageClock(DependencyOrder order, RecoveryKind[] kinds, int[] minutes, int[] via)
    {
        _order = order;
        Kinds = kinds;
        Minutes = minutes;
        Via = via;
    }

    public RecoveryKind[] Kinds { get; }

    /// <summary>From the failure (<see cref="RecoveryKind.At"/>) or from the end of the outage (<see cref="RecoveryKind.AfterOutage"/>).</summary>
    public int[] Minutes { get; }

    /// <summary>The dependency each node waits for last, or -1.</summary>
    public int[] Via { get; }

    public IReadOnlyList<int> CriticalPath(int node)
    {
        var path = new List<int>();
        for (var current = node; current >= 0 && path.Count <= Minutes.Length; current = Via[current])
        {
            path.Add(current);
        }
        return path;
    }

    public static OutageClock Compute(RecoveryGraph graph, DependencyOrder order, bool[] down, bool[] failed, bool[] openEnded)
    {
        var n = graph.NodeCount;
        var kinds = new RecoveryKind[n];
        var minutes = new int[n];
        var via = new int[n];
        Array.Fill(via, -1);
        for (var node = 0; node < n; node++)
        {
            if (down[node] && order.Blocked[node])
            {
                kinds[node] = RecoveryKind.Never;
            }
        }

        foreach (var node in order.Order)
        {
            if (!down[node])
            {
                continue;
            }
            if (openEnded[node])
            {
                kinds[node] = RecoveryKind.AfterOutage;
                continue;
            }
            var settled = 0;
            var settledVia = -1;
            var waiting = -1;
            var waitingVia = -1;
            var never = false;
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (graph.GroupKinds[g] != RequirementKind.Required)
                {
                    continue;
                }
                var at = int.MaxValue;
                var atMember = -1;
                var after = int.MaxValue;
                var afterMember = -1;
                foreach (var member in graph.MembersOf(g))
                {
                    if (!down[member] || kinds[member] == RecoveryKind.At)
                    {
                        var back = down[member] ? minutes[member] : 0;
                        if (back < at)
                        {
                            at = back;
                            atMember = member;
                        }
                    }
                    else if (kinds[member] == RecoveryKind.AfterOutage && minutes[member] < after)
                    {
                        after = minutes[member];
                        afterMember = member;
                    }
                }
                if (atMember >= 0)
                {
                    // As the engine: the latest group decides; on a tie the first down member found.
                    if (at > settled || (at == settled && settledVia < 0 && down[atMember]))
                    {
                        settled = at;
                        settledVia = down[atMember] ? atMember : settledVia;
                    }
                }
                else if (afterMember >= 0)
                {
                    if (after > waiting)
                    {
                        waiting = after;
                        waitingVia = afterMember;
                    }
                }
                else
                {
                    never = true;
                    break;
                }
            }

            var own = failed[node] ? graph.RestoreMinutes[node] : 0;
            if (never)
            {
                kinds[node] = RecoveryKind.Never;
            }
            else if (waiting >= 0)
            {
                kinds[node] = RecoveryKind.AfterOutage;
                minutes[node] = checked(waiting + own);
                via[node] = waitingVia;
            }
            else
            {
                minutes[node] = checked(settled + own);
                via[node] = settledVia;
            }
        }
        return new OutageClock(order, kinds, minutes, via);
    }

    /// <summary>The open-ended outages that <paramref name="node"/> waits for: those reached
    /// through requirement groups none of whose members comes back on its own. Ascending. The
    /// first call works them out for every node at once, in dependency order (each node's list is
    /// the union of its waiting groups' lists, shared when there is only one), so a report that
    /// asks for every down function costs O(V + E) plus the unions, not a search per function.</summary>
    public IReadOnlyList<int> OutagesAwaitedBy(RecoveryGraph graph, int node, bool[] down, bool[] openEnded)
    {
        _awaited ??= Awaited(graph, down, openEnded);
        return _awaited[node] ?? [];
    }

    private int[]?[] Awaited(RecoveryGraph graph, bool[] down, bool[] openEnded)
    {
        var awaited = new int[]?[graph.NodeCount];
        var union = new SortedSet<int>();
        foreach (var node in _order.Order)
        {
            if (!down[node] || Kinds[node] != RecoveryKind.AfterOutage)
            {
                continue;
            }
            if (openEnded[node])
            {
                awaited[node] = [node];
                continue;
            }
            int[]? only = null;
            var several = false;
            union.Clear();
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (graph.GroupKinds[g] != RequirementKind.Required)
                {
                    continue;
                }
                var members = graph.MembersOf(g);
                var waits = true;
                foreach (var member in members)
                {
                    waits &= down[member] && Kinds[member] == RecoveryKind.AfterOutage;
                }
                if (!waits)
                {
                    continue;
                }
                foreach (var member in members)
                {
                    if (awaited[member] is not { Length: > 0 } theirs || ReferenceEquals(theirs, only))
                    {
                        continue;
                    }
                    if (only is null && !several)
                    {
                        only = theirs;
                        continue;
                    }
                    if (!several)
                    {
                        union.UnionWith(only!);
                        several = true;
                    }
                    union.UnionWith(theirs);
                }
            }
            awaited[node] = several ? [.. union] : only;
        }
        return awaited;
    }
}
