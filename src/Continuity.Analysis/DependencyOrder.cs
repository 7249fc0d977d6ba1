namespace Continuity.Analysis;

/// <summary>Every node in dependency order: what a node waits for (every group but degraded ones)
/// comes before it, except inside a <em>loop</em> — a set of nodes that wait for each other
/// (a strongly connected component with more than one node, or a node that waits for itself).
/// A loop's nodes stand together in the order, after everything the loop waits for and before
/// everything that waits for it, so an algorithm can take the order node by node and settle each
/// loop by repeating it until nothing changes (<see cref="LoopEnd"/>).</summary>
public sealed class DependencyOrder
{
    private readonly int[] _order;
    private readonly int[] _loopOf;
    private readonly int[] _loopEnd;
    private readonly int _loopCount;

    private DependencyOrder(int[] order, int[] loopOf, int[] loopEnd, int loopCount)
    {
        _order = order;
        _loopOf = loopOf;
        _loopEnd = loopEnd;
        _loopCount = loopCount;
    }

    /// <summary>Every node, dependencies first: the nodes in no loop and behind none breadth-first
    /// from those that need nothing (in index order), then the rest with each loop's nodes
    /// together. The same for the same graph.</summary>
    public ReadOnlySpan<int> Order => _order;

    /// <summary>How many loops the graph has.</summary>
    public int LoopCount => _loopCount;

    /// <summary>True when <paramref name="node"/> is in a loop.</summary>
    public bool InLoop(int node) => _loopOf.Length > 0 && _loopOf[node] >= 0;

    private int[]? _position;

    /// <summary>Where <paramref name="node"/> stands in <see cref="Order"/> (the inverse of the order,
    /// built on first use and kept; building it twice at once is harmless: both are equal).</summary>
    internal int PositionOf(int node)
    {
        var position = _position;
        if (position is null)
        {
            position = new int[_order.Length];
            for (var i = 0; i < _order.Length; i++)
            {
                position[_order[i]] = i;
            }
            _position = position;
        }
        return position[node];
    }

    /// <summary>How many nodes the loop of <paramref name="node"/> has (1 for a node in no loop).</summary>
    internal int LoopSize(int node)
    {
        var loop = LoopOf(node);
        if (loop < 0)
        {
            return 1;
        }
        var first = PositionOf(node);
        while (first > 0 && _loopOf[_order[first - 1]] == loop)
        {
            first--;
        }
        return LoopEnd(first) - first;
    }

    /// <summary>The loop <paramref name="node"/> is in, or -1.</summary>
    internal int LoopOf(int node) => _loopOf.Length > 0 ? _loopOf[node] : -1;

    /// <summary>When the node at <paramref name="position"/> of <see cref="Order"/> starts a loop,
    /// the position just past the loop's last node; otherwise <paramref name="position"/> + 1.</summary>
    public int LoopEnd(int position) => _loopEnd.Length > 0 && _loopEnd[position] > 0 ? _loopEnd[position] : position + 1;

    /// <summary>Calls <paramref name="settle"/> on every node in dependency order, once each, except
    /// in a loop: its nodes are first handed to <paramref name="enterLoop"/> (to start from "never"
    /// or "nothing"), then settled round after round until a round changes nothing. The passes that
    /// use it only move one way (times fall, sets grow), so they stop; at most size² + 1 rounds.
    /// <paramref name="settle"/> returns whether the node's value changed.</summary>
    public void Settle(Func<int, bool> settle, Action<int>? enterLoop = null)
    {
        ArgumentNullException.ThrowIfNull(settle);
        for (var position = 0; position < _order.Length;)
        {
            var end = LoopEnd(position);
            if (end == position + 1 && !InLoop(_order[position]))
            {
                settle(_order[position]);
                position = end;
                continue;
            }
            for (var i = position; enterLoop is not null && i < end; i++)
            {
                enterLoop(_order[i]);
            }
            var size = end - position;
            var changed = true;
            for (var round = 0; changed && round <= (size * size) + 1; round++)
            {
                changed = false;
                for (var i = position; i < end; i++)
                {
                    changed |= settle(_order[i]);
                }
            }
            position = end;
        }
    }

    /// <summary>Kahn's algorithm on the graph's own arrays and reverse index (no copy of the edges);
    /// what it cannot place (nodes in or behind a loop) is ordered by Tarjan's strongly connected
    /// components, which come dependencies first. O(V + E).</summary>
    public static DependencyOrder Of(RecoveryGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var unmet = new int[n];
        for (var node = 0; node < n; node++)
        {
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (graph.GroupKinds[g].Orders())
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
            foreach (var g in graph.GroupsWith(order[next]))
            {
                var dependent = graph.OwnerOf(g);
                if (--unmet[dependent] == 0)
                {
                    order[count++] = dependent;
                }
            }
        }
        if (count == n)
        {
            return new DependencyOrder(order, [], [], 0);
        }

        var loopOf = new int[n];
        Array.Fill(loopOf, -1);
        var loopEnd = new int[n];
        var loops = Components(graph, unmet, order, count, loopOf, loopEnd);
        return new DependencyOrder(order, loopOf, loopEnd, loops);
    }

    /// <summary>Tarjan's algorithm (iterative) over the nodes Kahn left (<c>unmet &gt; 0</c>),
    /// appending each component to <paramref name="order"/> as it completes — a component completes
    /// after every component it waits for, so dependencies come first. Returns the number of loops.</summary>
    private static int Components(RecoveryGraph graph, int[] unmet, int[] order, int count, int[] loopOf, int[] loopEnd)
    {
        var n = graph.NodeCount;
        var index = new int[n];
        var low = new int[n];
        Array.Fill(index, -1);
        var onStack = new bool[n];
        var stack = new Stack<int>();
        var calls = new Stack<(int Node, int Group, int Member)>();
        var nextIndex = 0;
        var loops = 0;

        for (var root = 0; root < n; root++)
        {
            if (unmet[root] == 0 || index[root] >= 0)
            {
                continue;
            }
            index[root] = low[root] = nextIndex++;
            stack.Push(root);
            onStack[root] = true;
            calls.Push((root, graph.GroupStart[root], 0));
            while (calls.TryPop(out var frame))
            {
                var (node, g, m) = frame;
                var descended = false;
                for (; g < graph.GroupStart[node + 1] && !descended; g++, m = 0)
                {
                    if (!graph.GroupKinds[g].Orders())
                    {
                        continue;
                    }
                    var members = graph.MembersOf(g);
                    for (; m < members.Length; m++)
                    {
                        var member = members[m];
                        if (unmet[member] == 0)
                        {
                            continue;                   // placed by Kahn: not in or behind a loop
                        }
                        if (index[member] < 0)
                        {
                            calls.Push((node, g, m + 1));
                            index[member] = low[member] = nextIndex++;
                            stack.Push(member);
                            onStack[member] = true;
                            calls.Push((member, graph.GroupStart[member], 0));
                            descended = true;
                            break;
                        }
                        if (onStack[member])
                        {
                            low[node] = Math.Min(low[node], index[member]);
                        }
                    }
                    if (descended)
                    {
                        break;
                    }
                }
                if (descended)
                {
                    continue;
                }

                if (low[node] == index[node])
                {
                    var start = count;
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        order[count++] = member;
                    }
                    while (member != node);
                    // Within a component, index order, so the order does not depend on the search.
                    Array.Sort(order, start, count - start);
                    if (count - start > 1 || WaitsForItself(graph, node))
                    {
                        for (var i = start; i < count; i++)
                        {
                            loopOf[order[i]] = loops;
                        }
                        loopEnd[start] = count;
                        loops++;
                    }
                }
                if (calls.TryPeek(out var parent))
                {
                    low[parent.Node] = Math.Min(low[parent.Node], low[node]);
                }
            }
        }
        return loops;
    }

    private static bool WaitsForItself(RecoveryGraph graph, int node)
    {
        for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
        {
            if (graph.GroupKinds[g].Orders() && graph.MembersOf(g).Contains(node))
            {
                return true;
            }
        }
        return false;
    }
}
