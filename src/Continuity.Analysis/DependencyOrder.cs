namespace Continuity.Analysis;

/// <summary>Nodes in dependency order (everything a node requires comes before it), and the
/// nodes that can never be ordered because they sit in or behind a loop of required dependencies.</summary>
public sealed class DependencyOrder
{
    private DependencyOrder(int[] order, bool[] blocked)
    {
        Order = order;
        Blocked = blocked;
    }

    /// <summary>The orderable nodes, dependencies first (breadth-first from the nodes that need
    /// nothing, those in index order), the same for the same graph.</summary>
    public int[] Order { get; }

    /// <summary>True for nodes in or behind a loop.</summary>
    public bool[] Blocked { get; }

    /// <summary>Kahn's algorithm over required dependencies, on the graph's own arrays and its
    /// reverse index (no copy of the edges). O(V + E).</summary>
    public static DependencyOrder Of(RecoveryGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var unmet = new int[n];
        for (var node = 0; node < n; node++)
        {
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (graph.GroupKinds[g] == RequirementKind.Required)
                {
                    unmet[node] += graph.MemberStart[g + 1] - graph.MemberStart[g];
                }
            }
        }

        // The order itself is the queue: nodes with nothing to wait for first, in index order,
        // then each node as its last requirement is placed. Deterministic for a given graph.
        var order = new int[n];
        var count = 0;
        for (var node = 0; node < n; node++)
        {
            if (unmet[node] == 0)
            {
                order[count++] = node;
            }
        }
        for (var next = 0; next < count; next++)
        {
            foreach (var g in graph.RequiredGroupsWith(order[next]))
            {
                var dependent = graph.OwnerOf(g);
                if (--unmet[dependent] == 0)
                {
                    order[count++] = dependent;
                }
            }
        }

        var blocked = new bool[n];
        for (var node = 0; node < n; node++)
        {
            blocked[node] = unmet[node] > 0;
        }
        return new DependencyOrder(order[..count], blocked);
    }
}
