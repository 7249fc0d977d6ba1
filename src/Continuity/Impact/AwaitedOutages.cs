using Continuity.Analysis;

namespace Continuity.Impact;

/// <summary>Which open-ended outages (a region, a person, a vendor with no contractual RTO) each
/// down node waits for, from <see cref="RecoveryTimes.AfterOutage"/>: those reached through the
/// groups it waits for whose chosen way back waits for an outage. Worked out for every node at
/// once on first use, in dependency order (each node's list is the union of its waiting groups'
/// lists, shared when there is only one), so a report that asks for every down function costs
/// O(V + E) plus the unions, not a search per function.</summary>
internal sealed class AwaitedOutages(RecoveryGraph graph, DependencyOrder order, RecoveryTimes times, bool[] openEnded)
{
    private int[]?[]? _awaited;

    /// <summary>The open-ended outages <paramref name="node"/> waits for, ascending.</summary>
    public IReadOnlyList<int> Of(int node)
    {
        _awaited ??= Compute();
        return _awaited[node] ?? [];
    }

    private int[]?[] Compute()
    {
        var awaited = new int[]?[graph.NodeCount];
        var union = new SortedSet<int>();
        var down = times.Down;
        var after = times.AfterOutage;
        var ordered = order.Order;
        for (var position = 0; position < ordered.Length; position++)
        {
            var node = ordered[position];
            if (!down[node] || after[node] == RecoveryTimes.NoOutage)
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
                if (graph.GroupKinds[g] is RequirementKind.Degraded or RequirementKind.RecoverySite)
                {
                    continue;
                }
                var members = graph.MembersOf(g);
                var waits = true;
                foreach (var member in members)
                {
                    waits &= down[member] && after[member] != RecoveryTimes.NoOutage;
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
