using System.Collections.Immutable;
using Continuity.Analysis;
using Continuity.Snapshots;

namespace Continuity.Tests.Snapshots;

/// <summary>Structural equality of snapshots: every array, the graph, the tags and the
/// unresolved references, with the first difference named (field and node) when they differ.</summary>
public static class SnapshotAssert
{
    public static void Equal(PlanSnapshot expected, PlanSnapshot actual)
    {
        if (FirstDifference(expected, actual) is { } difference)
        {
            Assert.Fail($"The snapshots differ: {difference}");
        }
    }

    public static string? FirstDifference(PlanSnapshot a, PlanSnapshot b)
    {
        if (a.NodeCount != b.NodeCount)
        {
            return $"{a.NodeCount} nodes vs {b.NodeCount}";
        }
        return Compare(nameof(a.Ids), a.Ids, b.Ids, a)
            ?? Compare(nameof(a.Names), a.Names, b.Names, a)
            ?? Compare(nameof(a.Titles), a.Titles, b.Titles, a)
            ?? Compare(nameof(a.Kinds), a.Kinds, b.Kinds, a)
            ?? Compare(nameof(a.RtoMinutes), a.RtoMinutes, b.RtoMinutes, a)
            ?? Compare(nameof(a.RpoMinutes), a.RpoMinutes, b.RpoMinutes, a)
            ?? Compare(nameof(a.MtpdMinutes), a.MtpdMinutes, b.MtpdMinutes, a)
            ?? Compare(nameof(a.ContractualRtoMinutes), a.ContractualRtoMinutes, b.ContractualRtoMinutes, a)
            ?? Compare(nameof(a.Tiers), a.Tiers, b.Tiers, a)
            ?? Compare(nameof(a.Teams), a.Teams, b.Teams, a)
            ?? Compare(nameof(a.TeamNames), a.TeamNames, b.TeamNames, null)
            ?? Compare(nameof(a.RestoreMinutes), a.RestoreMinutes, b.RestoreMinutes, a)
            ?? Compare(nameof(a.RestoreKnown), a.RestoreKnown, b.RestoreKnown, a)
            ?? Compare(nameof(a.RecoveryPointMinutes), a.RecoveryPointMinutes, b.RecoveryPointMinutes, a)
            ?? Compare(nameof(a.Unprotected), a.Unprotected, b.Unprotected, a)
            ?? Compare(nameof(a.Active), a.Active, b.Active, a)
            ?? CompareGraphs(a, b)
            ?? Compare(nameof(a.GroupOrigins), a.GroupOrigins, b.GroupOrigins, null)
            ?? Compare(nameof(a.GroupDependsOnIndex), a.GroupDependsOnIndex, b.GroupDependsOnIndex, null)
            ?? CompareIndex(a, b)
            ?? CompareTags(a, b)
            ?? Compare(nameof(a.Unresolved), a.Unresolved, b.Unresolved, null);
    }

    private static string? CompareGraphs(PlanSnapshot a, PlanSnapshot b)
    {
        RecoveryGraph x = a.Graph, y = b.Graph;
        return Compare("Graph.Kinds", [.. x.Kinds], [.. y.Kinds], a)
            ?? Compare("Graph.RestoreMinutes", [.. x.RestoreMinutes], [.. y.RestoreMinutes], a)
            ?? Compare("Graph.Tiers", [.. x.Tiers], [.. y.Tiers], a)
            ?? Compare("Graph.Teams", [.. x.Teams], [.. y.Teams], a)
            ?? Compare("Graph.GroupStart", [.. x.GroupStart], [.. y.GroupStart], null)
            ?? Compare("Graph.GroupKinds", [.. x.GroupKinds], [.. y.GroupKinds], null)
            ?? Compare("Graph.MemberStart", [.. x.MemberStart], [.. y.MemberStart], null)
            ?? Compare("Graph.Members", [.. x.Members], [.. y.Members], null)
            ?? Compare("the snapshot's restore minutes and the graph's", a.RestoreMinutes, [.. x.RestoreMinutes], a);
    }

    private static string? CompareIndex(PlanSnapshot a, PlanSnapshot b)
    {
        for (var n = 0; n < a.NodeCount; n++)
        {
            if (a.IndexOf(a.Ids[n]) != n || b.IndexOf(a.Ids[n]) != n)
            {
                return $"NodeIndex differs at {a.Ids[n]}";
            }
        }
        return a.NodeIndex.Count == b.NodeIndex.Count ? null : $"NodeIndex has {a.NodeIndex.Count} entries vs {b.NodeIndex.Count}";
    }

    private static string? CompareTags(PlanSnapshot a, PlanSnapshot b)
    {
        if (Compare(nameof(a.Tags), a.Tags, b.Tags, null) is { } tags)
        {
            return tags;
        }
        foreach (var tag in a.Tags)
        {
            if (!a.Select(tag).SequenceEqual(b.Select(tag)))
            {
                return $"Select({tag}) differs";
            }
            if (!a.SelectOwn(tag).SequenceEqual(b.SelectOwn(tag)))
            {
                return $"SelectOwn({tag}) differs";
            }
        }
        for (var n = 0; n < a.NodeCount; n++)
        {
            if (!a.TagsOf(n).SequenceEqual(b.TagsOf(n)))
            {
                return $"TagsOf({a.Ids[n]}): [{string.Join(", ", a.TagsOf(n))}] vs [{string.Join(", ", b.TagsOf(n))}]";
            }
        }
        return null;
    }

    private static string? Compare<T>(string field, ImmutableArray<T> a, ImmutableArray<T> b, PlanSnapshot? nodes)
    {
        if (a.Length != b.Length)
        {
            return $"{field} has {a.Length} items vs {b.Length}";
        }
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                var at = nodes is null ? $"[{i}]" : $"[{nodes.Ids[i]}]";
                return $"{field}{at}: {a[i]} vs {b[i]}";
            }
        }
        return null;
    }
}
