namespace Continuity.Analysis;

/// <summary>A directed graph on nodes 0..N-1 in compressed sparse row form: the targets of
/// node <c>n</c> are <c>Targets[Offsets[n]..Offsets[n + 1]]</c>, in ascending order.</summary>
public sealed class Digraph
{
    private Digraph(int nodeCount, int[] offsets, int[] targets)
    {
        NodeCount = nodeCount;
        Offsets = offsets;
        Targets = targets;
    }

    public int NodeCount { get; }

    public int[] Offsets { get; }

    public int[] Targets { get; }

    public int EdgeCount => Targets.Length;

    public ReadOnlySpan<int> Successors(int node) => Targets.AsSpan(Offsets[node], Offsets[node + 1] - Offsets[node]);

    /// <summary>Builds the graph in O(V + E log d). Duplicate edges are kept once.</summary>
    public static Digraph FromEdges(int nodeCount, ReadOnlySpan<int> sources, ReadOnlySpan<int> targets)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (sources.Length != targets.Length)
        {
            throw new ArgumentException("Every edge needs a source and a target.", nameof(targets));
        }

        var offsets = new int[nodeCount + 1];
        foreach (var source in sources)
        {
            offsets[source + 1]++;
        }
        for (var n = 0; n < nodeCount; n++)
        {
            offsets[n + 1] += offsets[n];
        }

        var placed = new int[targets.Length];
        var next = offsets.AsSpan(0, nodeCount).ToArray();
        for (var e = 0; e < sources.Length; e++)
        {
            placed[next[sources[e]]++] = targets[e];
        }

        // Sort each row and drop duplicates, compacting in place.
        var write = 0;
        var compactOffsets = new int[nodeCount + 1];
        for (var n = 0; n < nodeCount; n++)
        {
            var row = placed.AsSpan(offsets[n], offsets[n + 1] - offsets[n]);
            row.Sort();
            compactOffsets[n] = write;
            for (var i = 0; i < row.Length; i++)
            {
                if (i == 0 || row[i] != row[i - 1])
                {
                    placed[write++] = row[i];
                }
            }
        }
        compactOffsets[nodeCount] = write;
        return new Digraph(nodeCount, compactOffsets, write == placed.Length ? placed : placed[..write]);
    }
}
