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

    /// <summary>The orderable nodes, dependencies first; ties by node index, so the order is stable.</summary>
    public int[] Order { get; }

    /// <summary>True for nodes in or behind a loop.</summary>
    public bool[] Blocked { get; }

    /// <summary>Kahn's algorithm over required dependencies. O(V + E).</summary>
    public static DependencyOrder Of(RecoveryGraph graph)
    {
        var n = graph.NodeCount;
        var digraph = graph.ToDigraph(requiredOnly: true);
        var unmet = new int[n];
        var dependentsStart = new int[n + 1];
        for (var node = 0; node < n; node++)
        {
            foreach (var dependency in digraph.Successors(node))
            {
                unmet[node]++;
                dependentsStart[dependency + 1]++;
            }
        }
        for (var node = 0; node < n; node++)
        {
            dependentsStart[node + 1] += dependentsStart[node];
        }
        var dependents = new int[digraph.EdgeCount];
        var fill = dependentsStart[..n];
        for (var node = 0; node < n; node++)
        {
            foreach (var dependency in digraph.Successors(node))
            {
                dependents[fill[dependency]++] = node;
            }
        }

        var order = new int[n];
        var count = 0;
        var ready = new PriorityQueue<int, int>();
        for (var node = 0; node < n; node++)
        {
            if (unmet[node] == 0)
            {
                ready.Enqueue(node, node);
            }
        }
        while (ready.TryDequeue(out var node, out _))
        {
            order[count++] = node;
            for (var i = dependentsStart[node]; i < dependentsStart[node + 1]; i++)
            {
                if (--unmet[dependents[i]] == 0)
                {
                    ready.Enqueue(dependents[i], dependents[i]);
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
