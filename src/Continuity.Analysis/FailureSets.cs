namespace Continuity.Analysis;

/// <summary>Which single failures take each node down (DOMAIN.md, "Single point of failure"):
/// <c>fails(n) = {n} ∪ ⋃ fails(d) over required dependencies d ∪ ⋃ over redundancy groups G of
/// ⋂ fails(m) over the members m of G</c>; degraded dependencies do not count.
/// <para>The sets are kept compactly, sharing structure the way a dominator tree does: every
/// <c>fails</c> set is closed downwards (if y takes n down, whatever takes y down takes n down
/// too), so it is the union of the sets of a few <em>generators</em>. A node's generators are its
/// plain required dependencies and, for each redundancy group, the first nodes common to all
/// members' sets. <see cref="TakesDown"/> enumerates a set by walking generators. Building costs
/// O(V + E) plus, per redundancy group, a walk of its members' sets. In a loop the sets depend on
/// each other; they are grown from the plain dependencies until nothing changes (the least
/// fixpoint, which is what a failure does: it takes a loop down only from outside or inside).
/// Read-only once computed: safe to share between threads.</para></summary>
public sealed class FailureSets
{
    private readonly int[] _generatorStart;
    private readonly int[] _generators;

    private FailureSets(int[] generatorStart, int[] generators)
    {
        _generatorStart = generatorStart;
        _generators = generators;
    }

    public int NodeCount => _generatorStart.Length - 1;

    public ReadOnlySpan<int> GeneratorsOf(int node) =>
        _generators.AsSpan(_generatorStart[node], _generatorStart[node + 1] - _generatorStart[node]);

    /// <summary>Every node whose failure alone takes <paramref name="node"/> down, itself included,
    /// in walk order. O(size of the set); its state is its own, so concurrent calls are safe.</summary>
    public List<int> TakesDown(int node)
    {
        var found = new List<int>();
        var seen = new HashSet<int> { node };
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.TryPop(out var current))
        {
            found.Add(current);
            foreach (var generator in GeneratorsOf(current))
            {
                if (seen.Add(generator))
                {
                    stack.Push(generator);
                }
            }
        }
        return found;
    }

    public static FailureSets Compute(RecoveryGraph graph, DependencyOrder order)
    {
        var n = graph.NodeCount;
        var generators = new int[n][];
        var inFirst = new int[n];
        var visited = new int[n];
        var stamp = 0;
        var scratch = new List<int>();
        var stack = new Stack<int>();

        // Marks the set of everything under the given generators with a fresh stamp in inFirst.
        int MarkUnder(IEnumerable<int> roots)
        {
            var mark = ++stamp;
            foreach (var root in roots)
            {
                if (inFirst[root] != mark)
                {
                    inFirst[root] = mark;
                    stack.Push(root);
                }
            }
            while (stack.TryPop(out var current))
            {
                foreach (var generator in generators[current] ?? [])
                {
                    if (inFirst[generator] != mark)
                    {
                        inFirst[generator] = mark;
                        stack.Push(generator);
                    }
                }
            }
            return mark;
        }

        // Walks down from a member and keeps the first nodes inside the marked set: they generate the intersection.
        List<int> FirstMarked(int member, int mark)
        {
            var walk = ++stamp;
            var common = new List<int>();
            visited[member] = walk;
            stack.Push(member);
            while (stack.TryPop(out var current))
            {
                if (inFirst[current] == mark)
                {
                    common.Add(current);
                    continue;
                }
                foreach (var generator in generators[current] ?? [])
                {
                    if (visited[generator] != walk)
                    {
                        visited[generator] = walk;
                        stack.Push(generator);
                    }
                }
            }
            return common;
        }

        // Generators from the groups that take the node down: plain dependencies, and for each
        // redundancy group the first nodes common to its members' sets. True when they changed.
        bool Settle(int node)
        {
            scratch.Clear();
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (!graph.GroupKinds[g].TakesDown())
                {
                    continue;
                }
                var members = graph.MembersOf(g);
                if (members.Length == 1)
                {
                    scratch.Add(members[0]);
                    continue;
                }
                List<int> common = [members[0]];
                for (var i = 1; i < members.Length && common.Count > 0; i++)
                {
                    var mark = MarkUnder(common);
                    common = FirstMarked(members[i], mark);
                }
                scratch.AddRange(common);
            }
            var found = SortedUnique.Of(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch));
            var changed = generators[node] is not { } before || !before.AsSpan().SequenceEqual(found);
            generators[node] = found;
            return changed;
        }

        // In a loop the sets only grow from round to round, starting from none.
        order.Settle(Settle, enterLoop: node => generators[node] = []);

        var start = new int[n + 1];
        for (var node = 0; node < n; node++)
        {
            start[node + 1] = start[node] + (generators[node]?.Length ?? 0);
        }
        var flat = new int[start[n]];
        for (var node = 0; node < n; node++)
        {
            generators[node]?.CopyTo(flat, start[node]);
        }
        return new FailureSets(start, flat);
    }
}
