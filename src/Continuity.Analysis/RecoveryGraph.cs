namespace Continuity.Analysis;

/// <summary>What a node of the recovery graph stands for.</summary>
public enum NodeKind : byte { Function, System, Vendor, Site, Person, Role }

/// <summary>Required: the dependent is down while the dependency is down. Degraded: it runs at
/// reduced capacity; degraded edges never take anything down.</summary>
public enum RequirementKind : byte { Required, Degraded }

/// <summary>The plan as the analysis sees it: nodes 0..N-1 on flat arrays, and for each node its
/// requirement groups. A group is satisfied while at least one of its members is up; a plain
/// dependency is a group of one, a redundancy group ("any one of") has several members. Node <c>n</c>'s
/// groups are <c>GroupStart[n]..GroupStart[n+1]</c>; group <c>g</c>'s members are
/// <c>Members[MemberStart[g]..MemberStart[g+1]]</c>. Build one with <see cref="RecoveryGraphBuilder"/>.</summary>
public sealed class RecoveryGraph
{
    internal RecoveryGraph(NodeKind[] kinds, int[] restoreMinutes, int[] tiers, int[] teams, int[] groupStart,
        RequirementKind[] groupKinds, int[] memberStart, int[] members)
    {
        Kinds = kinds;
        RestoreMinutes = restoreMinutes;
        Tiers = tiers;
        Teams = teams;
        GroupStart = groupStart;
        GroupKinds = groupKinds;
        MemberStart = memberStart;
        Members = members;
    }

    public int NodeCount => Kinds.Length;

    public NodeKind[] Kinds { get; }

    /// <summary>Minutes a node needs to come back once everything it requires is back (0 when nothing to do).</summary>
    public int[] RestoreMinutes { get; }

    /// <summary>Criticality tier 1 (mission critical) … 4; 0 when not tiered (people, sites …).</summary>
    public int[] Tiers { get; }

    /// <summary>The team that restores the node (an index the caller assigns), or -1.</summary>
    public int[] Teams { get; }

    public int[] GroupStart { get; }

    public RequirementKind[] GroupKinds { get; }

    public int[] MemberStart { get; }

    public int[] Members { get; }

    public int GroupCount => GroupKinds.Length;

    public ReadOnlySpan<int> MembersOf(int group) => Members.AsSpan(MemberStart[group], MemberStart[group + 1] - MemberStart[group]);

    /// <summary>True when every member of <paramref name="group"/> is down.</summary>
    public bool AllDown(int group, bool[] down)
    {
        foreach (var member in MembersOf(group))
        {
            if (!down[member])
            {
                return false;
            }
        }
        return true;
    }

    private Dependents? _dependents;

    /// <summary>The required groups that have <paramref name="node"/> as a member — the way up from
    /// a failure to what it may take down. Built on first use (O(V + E)), then kept.</summary>
    public ReadOnlySpan<int> RequiredGroupsWith(int node)
    {
        var dependents = _dependents ??= Dependents.Of(this);
        return dependents.Groups.AsSpan(dependents.Start[node], dependents.Start[node + 1] - dependents.Start[node]);
    }

    /// <summary>The node whose requirement <paramref name="group"/> is.</summary>
    public int OwnerOf(int group) => (_dependents ??= Dependents.Of(this)).Owner[group];

    /// <summary>The reverse of the member lists, as a CSR: per node, the required groups it is in.</summary>
    private sealed record Dependents(int[] Start, int[] Groups, int[] Owner)
    {
        public static Dependents Of(RecoveryGraph graph)
        {
            var n = graph.NodeCount;
            var owner = new int[graph.GroupCount];
            var start = new int[n + 1];
            for (var node = 0; node < n; node++)
            {
                for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
                {
                    owner[g] = node;
                    if (graph.GroupKinds[g] == RequirementKind.Required)
                    {
                        foreach (var member in graph.MembersOf(g))
                        {
                            start[member + 1]++;
                        }
                    }
                }
            }
            for (var node = 0; node < n; node++)
            {
                start[node + 1] += start[node];
            }
            var groups = new int[start[n]];
            var next = start[..n];
            for (var g = 0; g < graph.GroupCount; g++)
            {
                if (graph.GroupKinds[g] == RequirementKind.Required)
                {
                    foreach (var member in graph.MembersOf(g))
                    {
                        groups[next[member]++] = g;
                    }
                }
            }
            return new Dependents(start, groups, owner);
        }
    }

    /// <summary>Every edge dependent → dependency (each member of each group), as a plain digraph.</summary>
    public Digraph ToDigraph(bool requiredOnly = false)
    {
        var sources = new List<int>(Members.Length);
        var targets = new List<int>(Members.Length);
        for (var n = 0; n < NodeCount; n++)
        {
            for (var g = GroupStart[n]; g < GroupStart[n + 1]; g++)
            {
                if (requiredOnly && GroupKinds[g] != RequirementKind.Required)
                {
                    continue;
                }
                foreach (var member in MembersOf(g))
                {
                    sources.Add(n);
                    targets.Add(member);
                }
            }
        }
        return Digraph.FromEdges(NodeCount, [.. sources], [.. targets]);
    }
}

/// <summary>Collects nodes and requirements, then packs them into a <see cref="RecoveryGraph"/>.</summary>
public sealed class RecoveryGraphBuilder
{
    private readonly List<NodeKind> _kinds = [];
    private readonly List<int> _restore = [];
    private readonly List<int> _tiers = [];
    private readonly List<int> _teams = [];
    private readonly List<(int Node, RequirementKind Kind, int[] Members)> _groups = [];

    public int NodeCount => _kinds.Count;

    /// <summary>Adds a node and returns its index.</summary>
    public int AddNode(NodeKind kind, int restoreMinutes = 0, int tier = 0, int team = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(restoreMinutes);
        _kinds.Add(kind);
        _restore.Add(restoreMinutes);
        _tiers.Add(tier);
        _teams.Add(team);
        return _kinds.Count - 1;
    }

    /// <summary><paramref name="node"/> needs any one of <paramref name="anyOf"/> (one member: a plain dependency).</summary>
    public void Require(int node, params int[] anyOf) => Add(node, RequirementKind.Required, anyOf);

    /// <summary><paramref name="node"/> runs at reduced capacity while all of <paramref name="anyOf"/> are down.</summary>
    public void Degrade(int node, params int[] anyOf) => Add(node, RequirementKind.Degraded, anyOf);

    private void Add(int node, RequirementKind kind, int[] members)
    {
        if (members.Length == 0)
        {
            throw new ArgumentException("A requirement needs at least one member.", nameof(members));
        }
        _groups.Add((node, kind, SortedUnique.Of(members)));
    }

    public RecoveryGraph Build()
    {
        var n = _kinds.Count;
        var groupStart = new int[n + 1];
        foreach (var group in _groups)
        {
            groupStart[group.Node + 1]++;
        }
        for (var i = 0; i < n; i++)
        {
            groupStart[i + 1] += groupStart[i];
        }

        // Stable placement: a node's groups keep the order they were added in.
        var next = groupStart[..n];
        var placed = new (RequirementKind Kind, int[] Members)[_groups.Count];
        foreach (var group in _groups)
        {
            placed[next[group.Node]++] = (group.Kind, group.Members);
        }

        var memberStart = new int[placed.Length + 1];
        var members = new int[placed.Sum(p => p.Members.Length)];
        var kinds = new RequirementKind[placed.Length];
        for (var g = 0; g < placed.Length; g++)
        {
            kinds[g] = placed[g].Kind;
            memberStart[g + 1] = memberStart[g] + placed[g].Members.Length;
            placed[g].Members.CopyTo(members, memberStart[g]);
        }
        return new RecoveryGraph([.. _kinds], [.. _restore], [.. _tiers], [.. _teams], groupStart, kinds, memberStart, members);
    }
}
