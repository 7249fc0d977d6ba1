namespace Continuity.Analysis;

public static class Cycles
{
    /// <summary>One cycle for every strongly connected component that has one (a node that
    /// depends on itself counts), as the path of nodes around it, starting and ending at the
    /// component's smallest node. Deterministic: the cycle is the shortest through that node
    /// (fewest edges; ties by smallest next node), and cycles are ordered by their first node.
    /// O(V + E).</summary>
    public static IReadOnlyList<int[]> Find(Digraph graph)
    {
        var component = StronglyConnectedComponents(graph, out var componentCount);
        var size = new int[componentCount];
        var smallest = new int[componentCount];
        Array.Fill(smallest, int.MaxValue);
        for (var n = 0; n < graph.NodeCount; n++)
        {
            size[component[n]]++;
            smallest[component[n]] = Math.Min(smallest[component[n]], n);
        }

        var cycles = new List<int[]>();
        var parent = new int[graph.NodeCount];
        Array.Fill(parent, -1);
        var queue = new int[graph.NodeCount];
        var starts = new List<int>();
        for (var c = 0; c < componentCount; c++)
        {
            var start = smallest[c];
            if (size[c] > 1 || graph.Successors(start).Contains(start))
            {
                starts.Add(start);
            }
        }
        starts.Sort();

        foreach (var start in starts)
        {
            if (graph.Successors(start).Contains(start))
            {
                cycles.Add([start, start]);
                continue;
            }

            // Breadth-first search inside the component, from start back to start.
            var head = 0;
            var tail = 0;
            queue[tail++] = start;
            parent[start] = start;
            var closing = -1;
            while (head < tail && closing < 0)
            {
                var node = queue[head++];
                foreach (var next in graph.Successors(node))
                {
                    if (component[next] != component[start])
                    {
                        continue;
                    }
                    if (next == start)
                    {
                        closing = node;
                        break;
                    }
                    if (parent[next] < 0)
                    {
                        parent[next] = node;
                        queue[tail++] = next;
                    }
                }
            }

            var path = new List<int> { start };
            for (var node = closing; node != start; node = parent[node])
            {
                path.Add(node);
            }
            path.Add(start);
            path.Reverse(1, path.Count - 2);
            cycles.Add([.. path]);

            for (var i = 0; i < tail; i++)
            {
                parent[queue[i]] = -1;
            }
        }
        return cycles;
    }

    /// <summary>Tarjan's algorithm, iterative so that deep graphs cannot overflow the stack.</summary>
    public static int[] StronglyConnectedComponents(Digraph graph, out int componentCount)
    {
        var n = graph.NodeCount;
        var index = new int[n];
        var low = new int[n];
        var component = new int[n];
        Array.Fill(index, -1);
        var onStack = new bool[n];
        var stack = new int[n];
        var stackSize = 0;
        var callNode = new int[n];
        var callEdge = new int[n];
        var counter = 0;
        componentCount = 0;

        for (var root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }
            var depth = 0;
            callNode[0] = root;
            callEdge[0] = graph.Offsets[root];
            index[root] = low[root] = counter++;
            stack[stackSize++] = root;
            onStack[root] = true;

            while (depth >= 0)
            {
                var node = callNode[depth];
                if (callEdge[depth] < graph.Offsets[node + 1])
                {
                    var next = graph.Targets[callEdge[depth]++];
                    if (index[next] < 0)
                    {
                        index[next] = low[next] = counter++;
                        stack[stackSize++] = next;
                        onStack[next] = true;
                        depth++;
                        callNode[depth] = next;
                        callEdge[depth] = graph.Offsets[next];
                    }
                    else if (onStack[next])
                    {
                        low[node] = Math.Min(low[node], index[next]);
                    }
                    continue;
                }

                if (low[node] == index[node])
                {
                    int member;
                    do
                    {
                        member = stack[--stackSize];
                        onStack[member] = false;
                        component[member] = componentCount;
                    }
                    while (member != node);
                    componentCount++;
                }
                depth--;
                if (depth >= 0)
                {
                    var caller = callNode[depth];
                    low[caller] = Math.Min(low[caller], low[node]);
                }
            }
        }
        return component;
    }
}
