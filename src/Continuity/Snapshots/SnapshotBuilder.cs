using System.Runtime.InteropServices;
using Continuity.Analysis;
using Continuity.PlanFiles;

namespace Continuity.Snapshots;

/// <summary>Turns the rows of a plan into a <see cref="PlanSnapshot"/>: numbers the nodes (when
/// created), takes the dependency rows (from the source, or streamed in by the caller), then
/// fills the per-node arrays and builds the requirement groups and the tags. O(V + E) apart from
/// sorting the names once, with arrays indexed by node and one name lookup per reference.</summary>
internal sealed class SnapshotBuilder
{
    private const int KindCount = 6;

    private readonly SnapshotSource _source;
    private readonly int _nodeCount;
    private readonly int[] _kindStart = new int[KindCount + 1];

    // _rowOf[node]: the node's row in its kind's list.
    private readonly int[] _rowOf;
    private readonly Dictionary<string, int>[] _byName = new Dictionary<string, int>[KindCount];
    private readonly string[] _ids;
    private readonly string[] _names;
    private readonly string[] _titles;
    private readonly NodeKind[] _kinds;
    private readonly List<UnresolvedReference> _unresolved = [];

    // The dependency rows, resolved as they arrive; a target that is not in the plan is
    // ~(its index in _missingTargets).
    private readonly List<Edge> _edges = [];
    private readonly List<string> _missingTargets = [];
    private int _lastDependentKind = -1;
    private string? _lastDependentName;
    private int _lastDependent;

    private SnapshotBuilder(SnapshotSource source)
    {
        _source = source;
        _kindStart[(int)NodeKind.Function + 1] = source.Functions.Count;
        _kindStart[(int)NodeKind.System + 1] = source.Systems.Count;
        _kindStart[(int)NodeKind.Vendor + 1] = source.Vendors.Count;
        _kindStart[(int)NodeKind.Site + 1] = source.Sites.Count;
        _kindStart[(int)NodeKind.Person + 1] = source.People.Count;
        _kindStart[(int)NodeKind.Role + 1] = source.Roles.Count;
        for (var k = 0; k < KindCount; k++)
        {
            _kindStart[k + 1] += _kindStart[k];
        }
        _nodeCount = _kindStart[KindCount];
        _rowOf = new int[_nodeCount];
        _ids = new string[_nodeCount];
        _names = new string[_nodeCount];
        _titles = new string[_nodeCount];
        _kinds = new NodeKind[_nodeCount];
        Number(NodeKind.Function, source.Functions, static r => (r.Name, r.Title));
        Number(NodeKind.System, source.Systems, static r => (r.Name, r.Title));
        Number(NodeKind.Vendor, source.Vendors, static r => (r.Name, r.Title));
        Number(NodeKind.Site, source.Sites, static r => (r.Name, r.Title));
        Number(NodeKind.Person, source.People, static r => (r.Name, r.Title));
        Number(NodeKind.Role, source.Roles, static r => (r.Name, r.Title));
    }

    /// <summary>Numbers the nodes of <paramref name="source"/>; its dependency rows, and any
    /// given to <see cref="AddDependency"/>, are added by <see cref="Build()"/>.</summary>
    public static SnapshotBuilder For(SnapshotSource source) => new(source);

    public static PlanSnapshot Build(SnapshotSource source) => new SnapshotBuilder(source).Build();

    /// <summary>Takes one dependency row, resolving its names to nodes at once, so that a large
    /// organisation's rows need not be kept with their names. Rows may come in any order.</summary>
    public void AddDependency(int dependentKind, string dependentName, int position, int? group, int targetKind, string targetName, bool degraded)
    {
        // A dependent's rows come one after the other, from the plan and from the table alike.
        int dependent;
        if (dependentKind == _lastDependentKind && string.Equals(dependentName, _lastDependentName, StringComparison.Ordinal))
        {
            dependent = _lastDependent;
        }
        else if (dependentKind is >= 0 and < KindCount && TryResolve((NodeKind)dependentKind, dependentName, out dependent))
        {
            (_lastDependentKind, _lastDependentName, _lastDependent) = (dependentKind, dependentName, dependent);
        }
        else
        {
            return;                                 // its owner is gone: the database cascades, a plan cannot have it
        }
        if (targetKind is < 0 or >= KindCount || !TryResolve((NodeKind)targetKind, targetName, out var target))
        {
            target = ~_missingTargets.Count;
            _missingTargets.Add(Describe(targetKind, targetName));
        }
        _edges.Add(new Edge(dependent, position, group ?? -1, target, degraded));
    }

    public PlanSnapshot Build()
    {
        foreach (ref readonly var row in CollectionsMarshal.AsSpan(_source.Dependencies))
        {
            AddDependency(row.DependentKind, row.DependentName, row.Position, row.Group, row.TargetKind, row.TargetName, row.Degraded);
        }
        var nodeIndex = new Dictionary<string, int>(_nodeCount, StringComparer.Ordinal);
        for (var n = 0; n < _nodeCount; n++)
        {
            nodeIndex.Add(_ids[n], n);
        }

        var teamNames = _source.Teams.ToArray();
        Array.Sort(teamNames, StringComparer.Ordinal);
        var teamIndex = new Dictionary<string, int>(teamNames.Length, StringComparer.Ordinal);
        foreach (var team in teamNames)
        {
            teamIndex.TryAdd(team, teamIndex.Count);
        }
        teamNames = [.. teamIndex.Keys];

        var rto = Filled(-1);
        var rpo = Filled(-1);
        var mtpd = Filled(-1);
        var contractualRto = Filled(-1);
        var tiers = new int[_nodeCount];
        var teams = Filled(-1);
        var restore = new int[_nodeCount];
        var restoreKnown = new bool[_nodeCount];
        Array.Fill(restoreKnown, true);
        var recoveryPoint = Filled(-1);
        var unprotected = new bool[_nodeCount];
        var active = new bool[_nodeCount];
        Array.Fill(active, true);

        var functions = CollectionsMarshal.AsSpan(_source.Functions);
        for (var n = _kindStart[(int)NodeKind.Function]; n < _kindStart[(int)NodeKind.Function + 1]; n++)
        {
            ref readonly var f = ref functions[_rowOf[n]];
            rto[n] = f.RtoMinutes ?? -1;
            rpo[n] = f.RpoMinutes ?? -1;
            mtpd[n] = f.MtpdMinutes ?? -1;
            tiers[n] = f.Tier;
            teams[n] = Team(n, f.Team, teamIndex);
        }

        var shortestBackup = BackupFrequencies(out var backedUp);
        var systems = CollectionsMarshal.AsSpan(_source.Systems);
        var firstSystem = _kindStart[(int)NodeKind.System];
        for (var n = firstSystem; n < _kindStart[(int)NodeKind.System + 1]; n++)
        {
            ref readonly var s = ref systems[_rowOf[n]];
            rto[n] = s.RtoMinutes ?? -1;
            rpo[n] = s.RpoMinutes ?? -1;
            tiers[n] = s.Tier;
            teams[n] = Team(n, s.Team, teamIndex);
            if (s.RestoredByVendor)
            {
                // The vendor's return is the restore: its contractual RTO, unknown when it has none.
                var contract = s.Vendor is not null && TryResolve(NodeKind.Vendor, s.Vendor, out var vendor)
                    ? _source.Vendors[_rowOf[vendor]].ContractualRtoMinutes
                    : null;
                restore[n] = contract ?? 0;
                restoreKnown[n] = contract is not null;
            }
            else
            {
                restore[n] = s.RestoreMeasuredMinutes ?? s.RestoreEstimatedMinutes ?? 0;
                restoreKnown[n] = s.RestoreMeasuredMinutes is not null || s.RestoreEstimatedMinutes is not null;
            }
            var local = n - firstSystem;
            if (shortestBackup[local] != int.MaxValue)
            {
                recoveryPoint[n] = shortestBackup[local] + (s.ReplicationLagMinutes ?? 0);
            }
            unprotected[n] = s.IsDataStore && !backedUp[local];
        }

        var vendors = CollectionsMarshal.AsSpan(_source.Vendors);
        for (var n = _kindStart[(int)NodeKind.Vendor]; n < _kindStart[(int)NodeKind.Vendor + 1]; n++)
        {
            ref readonly var v = ref vendors[_rowOf[n]];
            contractualRto[n] = v.ContractualRtoMinutes ?? -1;
            restore[n] = v.ContractualRtoMinutes ?? 0;
            restoreKnown[n] = v.ContractualRtoMinutes is not null;
        }

        var people = CollectionsMarshal.AsSpan(_source.People);
        for (var n = _kindStart[(int)NodeKind.Person]; n < _kindStart[(int)NodeKind.Person + 1]; n++)
        {
            active[n] = people[_rowOf[n]].Active;
        }

        var graph = new RecoveryGraphBuilder();
        for (var n = 0; n < _nodeCount; n++)
        {
            graph.AddNode(_kinds[n], restore[n], tiers[n], teams[n], restoreKnown[n]);
        }
        var (origins, dependsOnIndex) = AddRequirements(graph);
        var tags = new TagCollector(_nodeCount);
        CollectTags(tags);
        var tagTable = tags.Build();

        _unresolved.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.From, b.From);
            order = order != 0 ? order : string.CompareOrdinal(a.Property, b.Property);
            return order != 0 ? order : string.CompareOrdinal(a.Target, b.Target);
        });

        return new PlanSnapshot(new SnapshotArrays
        {
            Graph = graph.Build(),
            Ids = _ids,
            Names = _names,
            Titles = _titles,
            Kinds = _kinds,
            KindStart = _kindStart,
            NodeIndex = nodeIndex,
            RtoMinutes = rto,
            RpoMinutes = rpo,
            MtpdMinutes = mtpd,
            ContractualRtoMinutes = contractualRto,
            Tiers = tiers,
            Teams = teams,
            TeamNames = teamNames,
            RestoreMinutes = restore,
            RestoreKnown = restoreKnown,
            RecoveryPointMinutes = recoveryPoint,
            Unprotected = unprotected,
            Active = active,
            GroupOrigins = origins,
            GroupDependsOnIndex = dependsOnIndex,
            Tags = tagTable.Tags,
            NodeTagStart = tagTable.NodeTagStart,
            NodeTags = tagTable.NodeTags,
            TagNodes = tagTable.TagNodes,
            TagOwnNodes = tagTable.TagOwnNodes,
            Unresolved = [.. _unresolved.Distinct()],
        });
    }

    /// <summary>Gives the rows of one kind their nodes, in name order.</summary>
    private void Number<T>(NodeKind kind, List<T> rows, Func<T, (string Name, string? Title)> describe)
    {
        var count = rows.Count;
        var sorted = new string[count];
        var order = new int[count];
        var titlesOfRows = new string?[count];
        for (var i = 0; i < count; i++)
        {
            (sorted[i], titlesOfRows[i]) = describe(rows[i]);
            order[i] = i;
        }
        Array.Sort(sorted, order, StringComparer.Ordinal);

        var slug = ElementKinds.Slug(SnapshotSource.ElementKindOf(kind)) + ":";
        var start = _kindStart[(int)kind];
        var byName = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var n = start + i;
            var name = sorted[i];
            if (!byName.TryAdd(name, n))
            {
                throw new ArgumentException($"The plan names {slug}{name} more than once.", nameof(rows));
            }
            _rowOf[n] = order[i];
            _ids[n] = slug + name;
            _names[n] = name;
            _titles[n] = titlesOfRows[order[i]] ?? name;
            _kinds[n] = kind;
        }
        _byName[(int)kind] = byName;
    }

    private int[] Filled(int value)
    {
        var array = new int[_nodeCount];
        Array.Fill(array, value);
        return array;
    }

    private int Team(int node, string? team, Dictionary<string, int> teamIndex)
    {
        if (team is null)
        {
            return -1;
        }
        if (teamIndex.TryGetValue(team, out var index))
        {
            return index;
        }
        Unresolved(node, "team", "team:" + team);
        return -1;
    }

    private bool TryResolve(NodeKind kind, string name, out int node) => _byName[(int)kind].TryGetValue(name, out node);

    private void Unresolved(int node, string property, string target) => _unresolved.Add(new UnresolvedReference(_ids[node], property, target));

    /// <summary>Per system (by position among the systems): the shortest frequency of the
    /// policies that back it up (int.MaxValue when none states one), and whether any policy does.</summary>
    private int[] BackupFrequencies(out bool[] backedUp)
    {
        var firstSystem = _kindStart[(int)NodeKind.System];
        var systems = _kindStart[(int)NodeKind.System + 1] - firstSystem;
        var shortest = new int[systems];
        Array.Fill(shortest, int.MaxValue);
        backedUp = new bool[systems];
        foreach (var policy in _source.BackupPolicies)
        {
            if (policy.System is null)
            {
                continue;
            }
            if (!TryResolve(NodeKind.System, policy.System, out var system))
            {
                _unresolved.Add(new UnresolvedReference("backup-policy:" + policy.Name, "system", "system:" + policy.System));
                continue;
            }
            var local = system - firstSystem;
            backedUp[local] = true;
            if (policy.FrequencyMinutes is { } frequency && frequency < shortest[local])
            {
                shortest[local] = frequency;
            }
        }
        return shortest;
    }

    /// <summary>Adds every node's requirement groups in node order, so that group <c>g</c> of the
    /// built graph is the <c>g</c>-th added, and returns why each exists.</summary>
    private (GroupOrigin[] Origins, int[] DependsOnIndex) AddRequirements(RecoveryGraphBuilder graph)
    {
        var origins = new List<GroupOrigin>(_edges.Count + _nodeCount);
        var dependsOnIndex = new List<int>(origins.Capacity);
        var members = new List<int>();
        var provider = false;

        void Add(int node, GroupOrigin origin, int entry, bool degraded)
        {
            if (members.Count == 0)
            {
                return;
            }
            var kind = degraded ? RequirementKind.Degraded
                : origin == GroupOrigin.Hosting ? RequirementKind.Hosting
                : origin == GroupOrigin.RecoverySites ? RequirementKind.RecoverySite
                : origin == GroupOrigin.Vendor && provider ? RequirementKind.Provider
                : RequirementKind.Required;
            graph.Add(node, kind, [.. members]);
            origins.Add(origin);
            dependsOnIndex.Add(entry);
            members.Clear();
        }

        var (rowStart, rows) = DependenciesByNode();
        var edges = CollectionsMarshal.AsSpan(_edges);
        var systems = CollectionsMarshal.AsSpan(_source.Systems);
        var sites = CollectionsMarshal.AsSpan(_source.Sites);
        var holders = HoldersByRole();
        for (var n = 0; n < _nodeCount; n++)
        {
            // dependsOn: a row without a redundancy group, or the first of a group, opens an entry.
            var entry = -1;
            var degraded = false;
            var group = -1;
            for (var i = rowStart[n]; i < rowStart[n + 1]; i++)
            {
                ref readonly var edge = ref edges[rows[i]];
                if (entry < 0 || edge.Group < 0 || edge.Group != group)
                {
                    Add(n, GroupOrigin.DependsOn, entry, degraded);
                    entry++;
                    degraded = edge.Degraded;
                }
                group = edge.Group;
                if (edge.Target >= 0)
                {
                    members.Add(edge.Target);
                }
                else
                {
                    Unresolved(n, $"dependsOn[{entry}]", _missingTargets[~edge.Target]);
                }
            }
            Add(n, GroupOrigin.DependsOn, entry, degraded);

            switch (KindOf(n))
            {
                case NodeKind.System:
                    ref readonly var system = ref systems[_rowOf[n]];
                    Resolve(n, NodeKind.Vendor, system.Vendor, "vendor");
                    provider = system.RestoredByVendor;
                    Add(n, GroupOrigin.Vendor, -1, degraded: false);
                    provider = false;
                    foreach (var site in system.HostingSites ?? [])
                    {
                        Resolve(n, NodeKind.Site, site, "hosting.sites");
                    }
                    Add(n, GroupOrigin.Hosting, -1, degraded: false);
                    foreach (var site in system.RecoverySites ?? [])
                    {
                        Resolve(n, NodeKind.Site, site, "hosting.recoverySites");
                    }
                    Add(n, GroupOrigin.RecoverySites, -1, degraded: false);
                    break;
                case NodeKind.Site:
                    ref readonly var siteRow = ref sites[_rowOf[n]];
                    Resolve(n, NodeKind.Site, siteRow.Within, "within");
                    Add(n, GroupOrigin.Within, -1, degraded: false);
                    Resolve(n, NodeKind.Vendor, siteRow.Vendor, "vendor");
                    Add(n, GroupOrigin.SiteVendor, -1, degraded: false);
                    break;
                case NodeKind.Role:
                    members.AddRange(holders[n - _kindStart[(int)NodeKind.Role]] ?? []);
                    Add(n, GroupOrigin.Holders, -1, degraded: false);
                    break;
                case NodeKind.Function:
                case NodeKind.Vendor:
                case NodeKind.Person:
                default:
                    break;
            }
        }
        return ([.. origins], [.. dependsOnIndex]);

        void Resolve(int node, NodeKind kind, string? name, string property)
        {
            if (name is null)
            {
                return;
            }
            if (TryResolve(kind, name, out var target))
            {
                members.Add(target);
            }
            else
            {
                Unresolved(node, property, Describe((int)kind, name));
            }
        }
    }

    private static string Describe(int kind, string name) =>
        kind is >= 0 and < KindCount ? $"{ElementKinds.Slug(SnapshotSource.ElementKindOf((NodeKind)kind))}:{name}" : name;

    /// <summary>The dependency rows of each node in <c>dependsOn</c> order (by position), as
    /// offsets into an array of row indices: a counting sort by node, then by position within
    /// a node where the rows did not already come in order.</summary>
    private (int[] Start, int[] Rows) DependenciesByNode()
    {
        var edges = CollectionsMarshal.AsSpan(_edges);
        var start = new int[_nodeCount + 1];
        foreach (ref readonly var edge in edges)
        {
            start[edge.Dependent + 1]++;
        }
        for (var n = 0; n < _nodeCount; n++)
        {
            start[n + 1] += start[n];
        }
        var next = start[..^1];
        var rows = new int[edges.Length];
        var positions = new int[edges.Length];
        for (var i = 0; i < edges.Length; i++)
        {
            var slot = next[edges[i].Dependent]++;
            rows[slot] = i;
            positions[slot] = edges[i].Position;
        }
        for (var n = 0; n < _nodeCount; n++)
        {
            for (var i = start[n] + 1; i < start[n + 1]; i++)
            {
                if (positions[i] < positions[i - 1])
                {
                    Array.Sort(positions, rows, start[n], start[n + 1] - start[n]);
                    break;
                }
            }
        }
        return (start, rows);
    }

    /// <summary>Per role (by position among the roles): the people holding it in any assignment
    /// who can be called on. People who have left (<c>active: false</c>) are no stand-in, so they
    /// are left out — unless nobody else holds the role: then it still depends on them, and
    /// CT301 reports that no active person holds it.</summary>
    private List<int>?[] HoldersByRole()
    {
        var holders = AllHoldersByRole();
        var people = _source.People;
        foreach (var list in holders)
        {
            if (list is not null && list.Exists(person => people[_rowOf[person]].Active))
            {
                list.RemoveAll(person => !people[_rowOf[person]].Active);
            }
        }
        return holders;
    }

    private List<int>?[] AllHoldersByRole()
    {
        var firstRole = _kindStart[(int)NodeKind.Role];
        var holders = new List<int>?[_kindStart[(int)NodeKind.Role + 1] - firstRole];
        foreach (var holder in _source.Holders)
        {
            if (!TryResolve(NodeKind.Role, holder.Role, out var role))
            {
                continue;
            }
            if (TryResolve(NodeKind.Person, holder.Person, out var person))
            {
                (holders[role - firstRole] ??= []).Add(person);
            }
            else
            {
                Unresolved(role, "assignments.holders", "person:" + holder.Person);
            }
        }
        return holders;
    }

    private void CollectTags(TagCollector tags)
    {
        var functions = CollectionsMarshal.AsSpan(_source.Functions);
        var systems = CollectionsMarshal.AsSpan(_source.Systems);
        var vendors = CollectionsMarshal.AsSpan(_source.Vendors);
        var sites = CollectionsMarshal.AsSpan(_source.Sites);
        var people = CollectionsMarshal.AsSpan(_source.People);
        var roles = CollectionsMarshal.AsSpan(_source.Roles);
        for (var n = 0; n < _nodeCount; n++)
        {
            tags.StartNode(n);
            var row = _rowOf[n];
            switch (KindOf(n))
            {
                case NodeKind.Function:
                    tags.AddLabels(functions[row].Labels);
                    break;
                case NodeKind.System:
                    ref readonly var system = ref systems[row];
                    tags.AddLabels(system.Labels);
                    foreach (var siteName in system.HostingSites ?? [])
                    {
                        tags.Add("site", siteName, own: false);
                        if (TryResolve(NodeKind.Site, siteName, out var site) && sites[_rowOf[site]].Region is { Length: > 0 } region)
                        {
                            tags.Add("region", region, own: false);
                        }
                    }
                    if (system.Vendor is not null)
                    {
                        tags.Add("vendor", system.Vendor, own: false);
                    }
                    break;
                case NodeKind.Vendor:
                    tags.AddLabels(vendors[row].Labels);
                    tags.Add("vendor", vendors[row].Name, own: true);
                    break;
                case NodeKind.Site:
                    ref readonly var siteRow = ref sites[row];
                    tags.AddLabels(siteRow.Labels);
                    tags.Add("site", siteRow.Name, own: true);
                    if (siteRow.Region is { Length: > 0 } siteRegion)
                    {
                        tags.Add("region", siteRegion, own: true);
                    }
                    if (siteRow.Vendor is not null)
                    {
                        tags.Add("vendor", siteRow.Vendor, own: false);
                    }
                    break;
                case NodeKind.Person:
                    tags.AddLabels(people[row].Labels);
                    break;
                case NodeKind.Role:
                    tags.AddLabels(roles[row].Labels);
                    break;
                default:
                    break;
            }
        }
        tags.StartNode(_nodeCount);
    }

    private NodeKind KindOf(int node)
    {
        var kind = 0;
        while (_kindStart[kind + 1] <= node)
        {
            kind++;
        }
        return (NodeKind)kind;
    }

    /// <summary>Gathers each node's tags as small integers, then sorts the distinct tags and
    /// indexes them both ways.</summary>
    private sealed class TagCollector(int nodeCount)
    {
        private readonly Dictionary<(string Key, string Value), int> _ids = [];
        private readonly List<string> _texts = [];
        private readonly int[] _nodeStart = new int[nodeCount + 1];
        private readonly List<int> _tags = [];
        private readonly List<bool> _own = [];

        public void StartNode(int node) => _nodeStart[node] = _tags.Count;

        public void AddLabels(IReadOnlyDictionary<string, string>? labels)
        {
            if (labels is null)
            {
                return;
            }
            foreach (var (key, value) in labels)
            {
                Add(key, value, own: true);
            }
        }

        public void Add(string key, string value, bool own)
        {
            if (!_ids.TryGetValue((key, value), out var id))
            {
                id = _texts.Count;
                _ids.Add((key, value), id);
                _texts.Add(key + "=" + value);
            }
            _tags.Add(id);
            _own.Add(own);
        }

        public TagTable Build()
        {
            // Number the distinct tags in ordinal order of their text.
            var texts = _texts.ToArray();
            var order = new int[texts.Length];
            for (var t = 0; t < order.Length; t++)
            {
                order[t] = t;
            }
            Array.Sort(texts, order, StringComparer.Ordinal);
            var rank = new int[texts.Length];
            for (var t = 0; t < order.Length; t++)
            {
                rank[order[t]] = t;
            }

            // Each node's tags, sorted and without repeats (a tag both own and inherited is own).
            var tags = CollectionsMarshal.AsSpan(_tags);
            var own = CollectionsMarshal.AsSpan(_own);
            var nodeStart = new int[nodeCount + 1];
            var nodeTags = new int[tags.Length];
            var nodeOwn = new bool[tags.Length];
            var count = 0;
            var allCount = new int[texts.Length];
            var ownCount = new int[texts.Length];
            for (var n = 0; n < nodeCount; n++)
            {
                nodeStart[n] = count;
                for (var i = _nodeStart[n]; i < _nodeStart[n + 1]; i++)
                {
                    // Insertion into the node's short sorted run.
                    var tag = rank[tags[i]];
                    var at = count;
                    while (at > nodeStart[n] && nodeTags[at - 1] > tag)
                    {
                        at--;
                    }
                    if (at > nodeStart[n] && nodeTags[at - 1] == tag)
                    {
                        nodeOwn[at - 1] |= own[i];
                        continue;
                    }
                    Array.Copy(nodeTags, at, nodeTags, at + 1, count - at);
                    Array.Copy(nodeOwn, at, nodeOwn, at + 1, count - at);
                    nodeTags[at] = tag;
                    nodeOwn[at] = own[i];
                    count++;
                }
                for (var i = nodeStart[n]; i < count; i++)
                {
                    allCount[nodeTags[i]]++;
                    ownCount[nodeTags[i]] += nodeOwn[i] ? 1 : 0;
                }
            }
            nodeStart[nodeCount] = count;

            // For each tag, its nodes in ascending order (nodes are visited in order).
            var all = new int[texts.Length][];
            var owned = new int[texts.Length][];
            for (var t = 0; t < texts.Length; t++)
            {
                all[t] = new int[allCount[t]];
                owned[t] = new int[ownCount[t]];
                allCount[t] = 0;
                ownCount[t] = 0;
            }
            for (var n = 0; n < nodeCount; n++)
            {
                for (var i = nodeStart[n]; i < nodeStart[n + 1]; i++)
                {
                    var t = nodeTags[i];
                    all[t][allCount[t]++] = n;
                    if (nodeOwn[i])
                    {
                        owned[t][ownCount[t]++] = n;
                    }
                }
            }

            var tagNodes = new IReadOnlyList<int>[texts.Length];
            var tagOwnNodes = new IReadOnlyList<int>[texts.Length];
            for (var t = 0; t < texts.Length; t++)
            {
                tagNodes[t] = ImmutableCollectionsMarshal.AsImmutableArray(all[t]);
                tagOwnNodes[t] = ImmutableCollectionsMarshal.AsImmutableArray(owned[t]);
            }
            return new TagTable(texts, nodeStart, nodeTags[..count], tagNodes, tagOwnNodes);
        }
    }

    /// <summary>A resolved dependency row: <see cref="Group"/> is -1 outside a redundancy group;
    /// <see cref="Target"/> is negative when the target is not in the plan.</summary>
    private readonly record struct Edge(int Dependent, int Position, int Group, int Target, bool Degraded);

    private sealed record TagTable(string[] Tags, int[] NodeTagStart, int[] NodeTags, IReadOnlyList<int>[] TagNodes, IReadOnlyList<int>[] TagOwnNodes);
}
