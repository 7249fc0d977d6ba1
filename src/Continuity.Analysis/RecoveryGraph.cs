namespace Continuity.Analysis;

/// <summary>What a node of the recovery graph stands for.</summary>
public enum NodeKind : byte { Function, System, Vendor, Site, Person, Role }

/// <summary>How a requirement group binds its owner.</summary>
public enum RequirementKind : byte
{
    /// <summary>The owner is down while every member is down, and back (with no restore of its own)
    /// once the first member is back.</summary>
    Required,

    /// <summary>The owner runs at reduced capacity while every member is down; never takes it down.</summary>
    Degraded,

    /// <summary>Where the owner runs (a system's hosting sites): while every member is down the owner
    /// is down and must be restored itself, starting once the first member is back — or at once into
    /// a member of its <see cref="RecoverySite"/> group that is up.</summary>
    Hosting,

    /// <summary>Where the owner can be restored when its hosting is lost (a system's recovery sites).
    /// Never takes the owner down; only lets its restore start earlier. At most one per node.</summary>
    RecoverySite,

    /// <summary>Who restores the owner (a SaaS system restored by its vendor): the owner is down
    /// while every member is down, and then needs no restore of its own — the provider's return is
    /// its restore. Failing on its own, the owner restores in its own restore time.</summary>
    Provider,
}

/// <summary>What each <see cref="RequirementKind"/> means for the algorithms.</summary>
public static class RequirementKinds
{
    /// <summary>True when every member down takes the owner down (required and hosting groups).</summary>
    public static bool TakesDown(this RequirementKind kind) => kind is RequirementKind.Required or RequirementKind.Hosting or RequirementKind.Provider;

    /// <summary>True when the owner's return waits for the group (every kind but degraded).</summary>
    public static bool Orders(this RequirementKind kind) => kind != RequirementKind.Degraded;
}

/// <summary>The plan as the analysis sees it: nodes 0..N-1 on flat arrays, and for each node its
/// requirement groups. A group is satisfied while at least one of its members is up; a plain
/// dependency is a group of one, a redundancy group ("any one of") has several members. Node <c>n</c>'s
/// groups are <c>GroupStart[n]..GroupStart[n+1]</c>; group <c>g</c>'s members are
/// <c>Members[MemberStart[g]..MemberStart[g+1]]</c>. Build one with <see cref="RecoveryGraphBuilder"/>.</summary>
public sealed class RecoveryGraph
{
    internal RecoveryGraph(NodeKind[] kinds, int[] restoreMinutes, bool[] restoreKnown, int[] tiers, int[] teams, int[] groupStart,
        RequirementKind[] groupKinds, int[] memberStart, int[] members)
    {
        _kinds = kinds;
        _restoreMinutes = restoreMinutes;
        _restoreKnown = restoreKnown;
        _tiers = tiers;
        _teams = teams;
        _groupStart = groupStart;
        _groupKinds = groupKinds;
        _memberStart = memberStart;
        _members = members;
    }

    // The graph is shared between threads (caches): the arrays never change after Build, and
    // callers see them only as read-only views.
    private readonly NodeKind[] _kinds;
    private readonly int[] _restoreMinutes;
    private readonly bool[] _restoreKnown;
    private readonly int[] _tiers;
    private readonly int[] _teams;
    private readonly int[] _groupStart;
    private readonly RequirementKind[] _groupKinds;
    private readonly int[] _memberStart;
    private readonly int[] _members;

    public int NodeCount => _kinds.Length;

    public ReadOnlySpan<NodeKind> Kinds => _kinds;

    /// <summary>Minutes a node needs to come back once everything it requires is back (0 when nothing to do).</summary>
    public ReadOnlySpan<int> RestoreMinutes => _restoreMinutes;

    /// <summary>False for a node whose restore duration the plan does not state, so that
    /// <see cref="RestoreMinutes"/> (0) is an assumption, not a number.</summary>
    public ReadOnlySpan<bool> RestoreKnown => _restoreKnown;

    /// <summary>Criticality tier 1 (mission critical) … 4; 0 when not tiered (people, sites …).</summary>
    public ReadOnlySpan<int> Tiers => _tiers;

    /// <summary>The team that restores the node (an index the caller assigns), or -1.</summary>
    public ReadOnlySpan<int> Teams => _teams;

    public ReadOnlySpan<int> GroupStart => _groupStart;

    public ReadOnlySpan<RequirementKind> GroupKinds => _groupKinds;

    public ReadOnlySpan<int> MemberStart => _memberStart;

    public ReadOnlySpan<int> Members => _members;

    public int GroupCount => _groupKinds.Length;

    public ReadOnlySpan<int> MembersOf(int group) => _members.AsSpan(_memberStart[group], _memberStart[group + 1] - _memberStart[group]);

    /// <summary>True when every member of <paramref name="group"/> is down.</summary>
    public bool AllDown(int group, ReadOnlySpan<bool> down)
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

    /// <summary>The groups other than degraded ones that have <paramref name="node"/> as a member —
    /// the way up from a failure to what it may take down or delay. Built on first use (O(V + E)),
    /// then kept (building it twice at once is harmless: both results are equal).</summary>
    public ReadOnlySpan<int> GroupsWith(int node)
    {
        var dependents = _dependents ??= Dependents.Of(this);
        return dependents.Groups.AsSpan(dependents.Start[node], dependents.Start[node + 1] - dependents.Start[node]);
    }

    /// <summary>The node whose requirement <paramref name="group"/> is.</summary>
    public int OwnerOf(int group) => (_dependents ??= Dependents.Of(this)).Owner[group];

    private Dependents? _degradedDependents;

    /// <summary>The degraded groups that have <paramref name="node"/> as a member (the way up
    /// <see cref="GroupsWith"/> leaves out: what only runs degraded without it). Built on first
    /// use, then kept.</summary>
    public ReadOnlySpan<int> DegradedGroupsWith(int node)
    {
        var dependents = _degradedDependents ??= Dependents.Of(this, degraded: true);
        return dependents.Groups.AsSpan(dependents.Start[node], dependents.Start[node + 1] - dependents.Start[node]);
    }

    /// <summary>The reverse of the member lists, as a CSR: per node, the required groups it is in.</summary>
    private sealed record Dependents(int[] Start, int[] Groups, int[] Owner)
    {
        public static Dependents Of(RecoveryGraph graph, bool degraded = false)
        {
            var n = graph.NodeCount;
            var owner = new int[graph.GroupCount];
            var start = new int[n + 1];
            for (var node = 0; node < n; node++)
            {
                for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
                {
                    owner[g] = node;
                    if (graph.GroupKinds[g].Orders() != degraded)
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
                if (graph.GroupKinds[g].Orders() != degraded)
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

    /// <summary>Every edge dependent → dependency (each member of each group), as a plain digraph;
    /// with <paramref name="requiredOnly"/>, only the groups that take their owner down.</summary>
    public Digraph ToDigraph(bool requiredOnly = false)
    {
        var sources = new List<int>(_members.Length);
        var targets = new List<int>(_members.Length);
        for (var n = 0; n < NodeCount; n++)
        {
            for (var g = GroupStart[n]; g < GroupStart[n + 1]; g++)
            {
                if (requiredOnly && !GroupKinds[g].TakesDown())
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
    private readonly List<bool> _restoreKnown = [];
    private readonly List<int> _tiers = [];
    private readonly List<int> _teams = [];
    private readonly List<(int Node, RequirementKind Kind, int[] Members)> _groups = [];

    public int NodeCount => _kinds.Count;

    /// <summary>Adds a node and returns its index. <paramref name="restoreKnown"/> false: the plan
    /// states no restore duration, and <paramref name="restoreMinutes"/> is an assumption.</summary>
    public int AddNode(NodeKind kind, int restoreMinutes = 0, int tier = 0, int team = -1, bool restoreKnown = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(restoreMinutes);
        _kinds.Add(kind);
        _restore.Add(restoreMinutes);
        _restoreKnown.Add(restoreKnown);
        _tiers.Add(tier);
        _teams.Add(team);
        return _kinds.Count - 1;
    }

    /// <summary><paramref name="node"/> needs any one of <paramref name="anyOf"/> (one member: a plain dependency).</summary>
    public void Require(int node, params int[] anyOf) => Add(node, RequirementKind.Required, anyOf);

    /// <summary><paramref name="node"/> runs at reduced capacity while all of <paramref name="anyOf"/> are down.</summary>
    public void Degrade(int node, params int[] anyOf) => Add(node, RequirementKind.Degraded, anyOf);

    /// <summary><paramref name="node"/> runs in any one of <paramref name="sites"/>; when all are down it
    /// must be restored itself (<see cref="RequirementKind.Hosting"/>).</summary>
    public void HostIn(int node, params int[] sites) => Add(node, RequirementKind.Hosting, sites);

    /// <summary><paramref name="node"/> can be restored into any one of <paramref name="sites"/> when its
    /// hosting is lost (<see cref="RequirementKind.RecoverySite"/>).</summary>
    public void RecoverIn(int node, params int[] sites) => Add(node, RequirementKind.RecoverySite, sites);

    /// <summary><paramref name="node"/> is provided and restored by any one of <paramref name="providers"/>
    /// (<see cref="RequirementKind.Provider"/>).</summary>
    public void ProvidedBy(int node, params int[] providers) => Add(node, RequirementKind.Provider, providers);

    /// <summary>Adds a group of the given kind.</summary>
    public void Add(int node, RequirementKind kind, int[] members)
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
        return new RecoveryGraph([.. _kinds], [.. _restore], [.. _restoreKnown], [.. _tiers], [.. _teams], groupStart, kinds, memberStart, members);
    }
}
