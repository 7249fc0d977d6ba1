using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Continuity.Analysis;
using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Snapshots;

/// <summary>Why a requirement group of the <see cref="RecoveryGraph"/> exists, so that a finding
/// about it can point at the part of the plan that made it.</summary>
public enum GroupOrigin : byte
{
    /// <summary>An entry of the node's <c>dependsOn</c> (see <see cref="PlanSnapshot.GroupDependsOnIndex"/>).</summary>
    DependsOn,

    /// <summary>A system's <c>vendor</c>.</summary>
    Vendor,

    /// <summary>A system's <c>hosting.sites</c>: it runs while any one of them is up; when all are
    /// down it must be restored itself.</summary>
    Hosting,

    /// <summary>A site's <c>within</c> (a zone in its region).</summary>
    Within,

    /// <summary>A site's <c>vendor</c> (the provider that runs it).</summary>
    SiteVendor,

    /// <summary>A role's holders, in every assignment: the role is filled while any one of them is available.</summary>
    Holders,

    /// <summary>A system's <c>hosting.recoverySites</c>: where it can be restored when its hosting sites are lost.</summary>
    RecoverySites,
}

/// <summary>A reference the snapshot could not follow: a name that is not in the plan. A loaded
/// plan has none (the loader refuses them); a database written by something else might.</summary>
/// <param name="From">The id of the element that refers (<c>system:web-app</c>, <c>backup-policy:web-db</c>).</param>
/// <param name="Property">Where: <c>dependsOn[2]</c>, <c>vendor</c>, <c>hosting.sites</c>, <c>within</c>, <c>team</c>, <c>assignments.holders</c>, <c>system</c>.</param>
/// <param name="Target">What it names, as <c>kind:name</c>.</param>
public sealed record UnresolvedReference(string From, string Property, string Target);

/// <summary>The plan as the analysis reads it: every business function, system, vendor, site,
/// person and role as a node <c>0..NodeCount-1</c>, with flat arrays indexed by node and the
/// <see cref="RecoveryGraph"/> of their requirements. Immutable and safe to share between threads.
/// Nodes are ordered by kind (<see cref="NodeKind"/> order: functions first, roles last), then
/// by name (ordinal), so the same plan always gives the same indices, whichever source and
/// whatever the order of its documents or rows. Numbers are whole minutes; -1 means "not set".
/// Build one with <see cref="From"/> (plan files) or <see cref="LoadAsync"/> (the database):
/// both give the same snapshot for the same plan.</summary>
public sealed class PlanSnapshot
{
    private readonly Dictionary<string, int> _nodeIndex;
    private readonly Dictionary<string, int> _tagIndex;
    private readonly int[] _kindStart;
    private readonly int[] _nodeTagStart;
    private readonly int[] _nodeTags;
    private readonly IReadOnlyList<int>[] _tagNodes;
    private readonly IReadOnlyList<int>[] _tagOwnNodes;

    internal PlanSnapshot(SnapshotArrays arrays)
    {
        Graph = arrays.Graph;
        Ids = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Ids);
        Names = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Names);
        Titles = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Titles);
        Kinds = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Kinds);
        RtoMinutes = ImmutableCollectionsMarshal.AsImmutableArray(arrays.RtoMinutes);
        RpoMinutes = ImmutableCollectionsMarshal.AsImmutableArray(arrays.RpoMinutes);
        MtpdMinutes = ImmutableCollectionsMarshal.AsImmutableArray(arrays.MtpdMinutes);
        ContractualRtoMinutes = ImmutableCollectionsMarshal.AsImmutableArray(arrays.ContractualRtoMinutes);
        Tiers = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Tiers);
        Teams = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Teams);
        TeamNames = ImmutableCollectionsMarshal.AsImmutableArray(arrays.TeamNames);
        RestoreMinutes = ImmutableCollectionsMarshal.AsImmutableArray(arrays.RestoreMinutes);
        RestoreKnown = ImmutableCollectionsMarshal.AsImmutableArray(arrays.RestoreKnown);
        RecoveryPointMinutes = ImmutableCollectionsMarshal.AsImmutableArray(arrays.RecoveryPointMinutes);
        Unprotected = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Unprotected);
        Active = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Active);
        GroupOrigins = ImmutableCollectionsMarshal.AsImmutableArray(arrays.GroupOrigins);
        GroupDependsOnIndex = ImmutableCollectionsMarshal.AsImmutableArray(arrays.GroupDependsOnIndex);
        Tags = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Tags);
        Unresolved = ImmutableCollectionsMarshal.AsImmutableArray(arrays.Unresolved);
        _nodeIndex = arrays.NodeIndex;
        _kindStart = arrays.KindStart;
        _nodeTagStart = arrays.NodeTagStart;
        _nodeTags = arrays.NodeTags;
        _tagNodes = arrays.TagNodes;
        _tagOwnNodes = arrays.TagOwnNodes;
        _tagIndex = new Dictionary<string, int>(arrays.Tags.Length, StringComparer.Ordinal);
        for (var t = 0; t < arrays.Tags.Length; t++)
        {
            _tagIndex.Add(arrays.Tags[t], t);
        }
    }

    /// <summary>The requirements: group <c>g</c> of the graph was made by <see cref="GroupOrigins"/>[g].
    /// Its restore minutes, tiers and teams are <see cref="RestoreMinutes"/>, <see cref="Tiers"/> and <see cref="Teams"/>.</summary>
    public RecoveryGraph Graph { get; }

    public int NodeCount => Ids.Length;

    /// <summary><c>kind:name</c> of each node, as plan files write references (<c>function:course-delivery</c>).</summary>
    public ImmutableArray<string> Ids { get; }

    /// <summary>The element's name (slug), without its kind.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The element's title, or its name when it has none.</summary>
    public ImmutableArray<string> Titles { get; }

    public ImmutableArray<NodeKind> Kinds { get; }

    /// <summary>Node by id (<c>system:license-db</c>).</summary>
    public IReadOnlyDictionary<string, int> NodeIndex => _nodeIndex;

    /// <summary>Functions and systems: the recovery time objective; -1 elsewhere or when not set
    /// (a vendor's promise is in <see cref="ContractualRtoMinutes"/>).</summary>
    public ImmutableArray<int> RtoMinutes { get; }

    /// <summary>Functions and systems: the recovery point objective; -1 elsewhere or when not set.</summary>
    public ImmutableArray<int> RpoMinutes { get; }

    /// <summary>Functions: the maximum tolerable period of disruption; -1 elsewhere or when not set.</summary>
    public ImmutableArray<int> MtpdMinutes { get; }

    /// <summary>Vendors: the contractual recovery time; -1 elsewhere or when not set.</summary>
    public ImmutableArray<int> ContractualRtoMinutes { get; }

    /// <summary>Criticality tier 1 … 4 of functions and systems; 0 for other kinds.</summary>
    public ImmutableArray<int> Tiers { get; }

    /// <summary>Index into <see cref="TeamNames"/> of the team that owns a function or runs a
    /// system; -1 for other kinds and when there is none.</summary>
    public ImmutableArray<int> Teams { get; }

    /// <summary>Every team of the plan, by name (ordinal).</summary>
    public ImmutableArray<string> TeamNames { get; }

    /// <summary>Minutes a node needs once everything it requires is back: a system's measured
    /// restore time, else its estimate; a vendor's contractual RTO; 0 for everything else and
    /// where nothing is known (see <see cref="RestoreKnown"/>).</summary>
    public ImmutableArray<int> RestoreMinutes { get; }

    /// <summary>False for a system with neither an estimated nor a measured restore time and for
    /// a vendor without a contractual RTO: their 0 restore minutes mean "no estimate", not "instant".</summary>
    public ImmutableArray<bool> RestoreKnown { get; }

    /// <summary>Systems with a backup policy: the age of the newest copy in the worst case, the
    /// shortest policy frequency plus the replication lag. -1 for other nodes and where no policy
    /// states a frequency.</summary>
    public ImmutableArray<int> RecoveryPointMinutes { get; }

    /// <summary>Databases and data stores that no backup policy covers.</summary>
    public ImmutableArray<bool> Unprotected { get; }

    /// <summary>False for people who have left (<c>active: false</c>); they still appear among the
    /// holders of a role if the plan names them, but cannot be called on. True for every other node.</summary>
    public ImmutableArray<bool> Active { get; }

    /// <summary>Why each group of <see cref="Graph"/> exists.</summary>
    public ImmutableArray<GroupOrigin> GroupOrigins { get; }

    /// <summary>For a group from <c>dependsOn</c>: the index of its entry in that list; -1 for other groups.</summary>
    public ImmutableArray<int> GroupDependsOnIndex { get; }

    /// <summary>Every distinct tag (<c>key=value</c>), ordinal order.</summary>
    public ImmutableArray<string> Tags { get; }

    /// <summary>References to elements that are not in the plan, ordered by referrer. The snapshot
    /// leaves them out of the graph (a redundancy group keeps its other members).</summary>
    public ImmutableArray<UnresolvedReference> Unresolved { get; }

    /// <summary>The element kind of a node (a function node is a <see cref="ElementKind.BusinessFunction"/>).</summary>
    public ElementKind ElementKindOf(int node) => SnapshotSource.ElementKindOf(Kinds[node]);

    /// <summary>The node with this id, or -1.</summary>
    public int IndexOf(string id) => _nodeIndex.GetValueOrDefault(id, -1);

    /// <summary>The nodes of one kind: a contiguous range, since nodes are ordered by kind.</summary>
    public Range NodesOf(NodeKind kind) => new(_kindStart[(int)kind], _kindStart[(int)kind + 1]);

    /// <summary>The tags of a node, ordinal order: its metadata labels (<c>key=value</c>);
    /// <c>site=</c> and <c>region=</c> for a site and for the systems hosted there; <c>vendor=</c>
    /// for a vendor, the systems it provides and the sites it runs.</summary>
    public IReadOnlyList<string> TagsOf(int node)
    {
        var start = _nodeTagStart[node];
        var tags = new string[_nodeTagStart[node + 1] - start];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = Tags[_nodeTags[start + i]];
        }
        return tags;
    }

    /// <summary>The nodes, ascending, that carry a tag (<c>region=eu-west-1</c>, <c>vendor=aws</c>,
    /// <c>site=office</c>, any label) or that have an id (<c>system:license-db</c>): the sites of
    /// a region together with the systems hosted there, a vendor together with what it provides.
    /// For the failure set of a what-if query use <see cref="SelectOwn"/>. Empty when nothing matches.</summary>
    public IReadOnlyList<int> Select(string tagOrId) => Find(tagOrId, _tagNodes);

    /// <summary>Like <see cref="Select"/>, but only the nodes the tag describes themselves: the
    /// sites of a region, the vendor, the elements labelled so — not the systems that carry the
    /// tag because they are hosted in the region or provided by the vendor. This is what a
    /// what-if query should fail: the graph takes the rest down, and a system hosted in two
    /// regions (or with a redundant vendor) survives the loss of one.</summary>
    public IReadOnlyList<int> SelectOwn(string tagOrId) => Find(tagOrId, _tagOwnNodes);

    private IReadOnlyList<int> Find(string tagOrId, IReadOnlyList<int>[] byTag)
    {
        if (_tagIndex.TryGetValue(tagOrId, out var tag))
        {
            return byTag[tag];
        }
        return _nodeIndex.TryGetValue(tagOrId, out var node) ? [node] : [];
    }

    /// <summary>The snapshot of a loaded plan (its references resolved, as <c>PlanLoader</c> leaves them).</summary>
    public static PlanSnapshot From(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return SnapshotBuilder.Build(PlanSource.Read(plan));
    }

    /// <summary>The snapshot of the plan in the database, with one projection query per table
    /// (ten in all, whatever the size of the plan). Reads in the caller's transaction if there is
    /// one; otherwise each query sees the data as committed when it runs, so a write in between
    /// could mix two versions — <see cref="SnapshotCache"/> detects that and loads again.</summary>
    public static async Task<PlanSnapshot> LoadAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await DatabaseSource.LoadAsync(db, cancellationToken);
    }
}

/// <summary>What <see cref="SnapshotBuilder"/> hands to the snapshot.</summary>
internal sealed class SnapshotArrays
{
    public required RecoveryGraph Graph { get; init; }

    public required string[] Ids { get; init; }

    public required string[] Names { get; init; }

    public required string[] Titles { get; init; }

    public required NodeKind[] Kinds { get; init; }

    public required int[] KindStart { get; init; }

    public required Dictionary<string, int> NodeIndex { get; init; }

    public required int[] RtoMinutes { get; init; }

    public required int[] RpoMinutes { get; init; }

    public required int[] MtpdMinutes { get; init; }

    public required int[] ContractualRtoMinutes { get; init; }

    public required int[] Tiers { get; init; }

    public required int[] Teams { get; init; }

    public required string[] TeamNames { get; init; }

    public required int[] RestoreMinutes { get; init; }

    public required bool[] RestoreKnown { get; init; }

    public required int[] RecoveryPointMinutes { get; init; }

    public required bool[] Unprotected { get; init; }

    public required bool[] Active { get; init; }

    public required GroupOrigin[] GroupOrigins { get; init; }

    public required int[] GroupDependsOnIndex { get; init; }

    public required string[] Tags { get; init; }

    public required int[] NodeTagStart { get; init; }

    public required int[] NodeTags { get; init; }

    public required IReadOnlyList<int>[] TagNodes { get; init; }

    public required IReadOnlyList<int>[] TagOwnNodes { get; init; }

    public required UnresolvedReference[] Unresolved { get; init; }
}
