namespace Continuity.Analysis;

/// <summary>Achievable recovery point (DOMAIN.md): the most data a node can lose is the worst
/// recovery point among the data it requires — its own (backup interval + replication lag) and,
/// through each required group, the best member of the group. O(V + E).</summary>
public static class AchievableRecoveryPoint
{
    /// <summary>No data of its own (or nothing known): adds nothing.</summary>
    public const int None = -1;

    /// <summary>Data with no protection at all: everything since the beginning can be lost.</summary>
    public const int Unbounded = int.MaxValue;

    /// <summary>Minutes of data that can be lost per node (<see cref="None"/> when it holds no data and
    /// requires none; <see cref="Unbounded"/> when some required data is unprotected), and through
    /// which dependency (-1 when the node's own data decides it).</summary>
    public static (int[] Minutes, int[] Via) Compute(RecoveryGraph graph, DependencyOrder order, ReadOnlySpan<int> ownRecoveryPoint)
    {
        if (ownRecoveryPoint.Length != graph.NodeCount)
        {
            throw new ArgumentException("One recovery point per node is needed.", nameof(ownRecoveryPoint));
        }
        var n = graph.NodeCount;
        var minutes = ownRecoveryPoint.ToArray();
        var via = new int[n];
        Array.Fill(via, -1);
        bool Settle(int node)
        {
            var changed = false;
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (!graph.GroupKinds[g].TakesDown())
                {
                    continue;
                }
                var best = int.MaxValue;
                var bestMember = -1;
                foreach (var member in graph.MembersOf(g))
                {
                    // A member that holds no data does not bound the group (None sorts as "no loss").
                    var loss = minutes[member] == None ? 0 : minutes[member];
                    if (bestMember < 0 || loss < best)
                    {
                        best = loss;
                        bestMember = member;
                    }
                }
                if (bestMember >= 0 && minutes[bestMember] != None && best > minutes[node])
                {
                    minutes[node] = best;
                    via[node] = bestMember;
                    changed = true;
                }
            }
            return changed;
        }

        // In a loop the losses only grow, so repeating until none changes ends.
        order.Settle(Settle);
        return (minutes, via);
    }
}
