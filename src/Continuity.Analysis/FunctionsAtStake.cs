namespace Continuity.Analysis;

/// <summary>For every node, the business functions at stake when it is lost: those that need it
/// directly or through any chain of requirements, hosting and providers (degraded dependencies
/// left out), and those its failure alone takes down (<c>node ∈ fails(f)</c>, see
/// <see cref="FailureSets"/>). Each list is counted in full and kept up to its first
/// <see cref="Kept"/> functions in the order the functions were given (a page shows those), so the
/// whole costs at most <c>Kept</c> entries per node however much of the plan rests on one vendor.
/// Built in one pass over the functions: per function, one walk down its requirements and one of
/// its failure set. Read-only once built: safe to share between threads.</summary>
public sealed class FunctionsAtStake
{
    public const int Kept = 50;

    private readonly int[] _needCount;
    private readonly int[][] _needFirst;
    private readonly int[] _downCount;
    private readonly int[][] _downFirst;

    private FunctionsAtStake(int[] needCount, int[][] needFirst, int[] downCount, int[][] downFirst)
    {
        _needCount = needCount;
        _needFirst = needFirst;
        _downCount = downCount;
        _downFirst = downFirst;
    }

    /// <summary>The functions that need <paramref name="node"/> through any path, itself excluded:
    /// how many, and the first <see cref="Kept"/> of them in the given order.</summary>
    public (int Count, ReadOnlyMemory<int> First) NeededBy(int node) => (_needCount[node], _needFirst[node]);

    /// <summary>The functions the failure of <paramref name="node"/> alone takes down, itself
    /// excluded: how many, and the first <see cref="Kept"/> of them in the given order.</summary>
    public (int Count, ReadOnlyMemory<int> First) TakenDownBy(int node) => (_downCount[node], _downFirst[node]);

    /// <summary>Counts and keeps the functions at stake for every node of <paramref name="graph"/>.</summary>
    /// <param name="graph">The plan's recovery graph.</param>
    /// <param name="fails">Its failure sets.</param>
    /// <param name="functions">The function nodes in the order lists should keep (a page's label
    /// order); nodes not listed are not counted as functions.</param>
    public static FunctionsAtStake Of(RecoveryGraph graph, FailureSets fails, IReadOnlyList<int> functions)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(fails);
        ArgumentNullException.ThrowIfNull(functions);
        var n = graph.NodeCount;
        var needCount = new int[n];
        var needFirst = new List<int>?[n];
        var downCount = new int[n];
        var downFirst = new List<int>?[n];
        var seen = new int[n];
        var stamp = 0;
        var stack = new Stack<int>();

        static void Count(int node, int function, int[] count, List<int>?[] first)
        {
            if (count[node]++ < Kept)
            {
                (first[node] ??= []).Add(function);
            }
        }

        foreach (var function in functions)
        {
            // Down the requirements of every kind but degraded.
            var mark = ++stamp;
            seen[function] = mark;
            stack.Push(function);
            while (stack.TryPop(out var current))
            {
                var start = graph.GroupStart[current];
                var end = graph.GroupStart[current + 1];
                for (var group = start; group < end; group++)
                {
                    if (graph.GroupKinds[group] == RequirementKind.Degraded)
                    {
                        continue;
                    }
                    foreach (var member in graph.MembersOf(group))
                    {
                        if (seen[member] != mark)
                        {
                            seen[member] = mark;
                            stack.Push(member);
                            Count(member, function, needCount, needFirst);
                        }
                    }
                }
            }

            // Down the failure set: every node whose failure alone takes the function down.
            mark = ++stamp;
            seen[function] = mark;
            stack.Push(function);
            while (stack.TryPop(out var current))
            {
                foreach (var generator in fails.GeneratorsOf(current))
                {
                    if (seen[generator] != mark)
                    {
                        seen[generator] = mark;
                        stack.Push(generator);
                        Count(generator, function, downCount, downFirst);
                    }
                }
            }
        }

        return new FunctionsAtStake(needCount, Freeze(needFirst), downCount, Freeze(downFirst));
    }

    private static int[][] Freeze(List<int>?[] lists) => [.. lists.Select(l => l is null ? [] : l.ToArray())];
}
