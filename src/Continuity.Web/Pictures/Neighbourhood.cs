using Continuity.Analysis;
using Continuity.Checks;
using Continuity.PlanFiles;

namespace Continuity.Web.Pictures;

/// <summary>Which way an element of a picture lies from the element the picture is of:
/// <see cref="RunsDegradedWithout"/> depends on it only through degraded dependencies (or on
/// something that does), so it keeps running, at reduced capacity, while it is down.</summary>
public enum PictureSide { Focus, DependsOn, DependedOnBy, RunsDegradedWithout }

/// <summary>An element of a picture: a node of the snapshot, how far it is from the focus, and
/// whether it is on the focus's critical path or one of its single points of failure.</summary>
public sealed record NeighbourNode(int Node, PictureSide Side, int Distance, bool OnCriticalPath, bool SinglePoint);

/// <summary>A dependency between two nodes of a picture: <paramref name="From"/> depends on
/// <paramref name="To"/> (nodes of the snapshot). <paramref name="AnyOf"/>: one of a redundancy
/// group; <paramref name="Critical"/>: a step of the critical path.</summary>
public sealed record NeighbourEdge(int From, int To, RequirementKind Kind, bool AnyOf, bool Critical);

/// <summary>The neighbourhood of one element both ways: what it depends on (through every
/// requirement: dependencies, hosting, vendors, role holders) and what depends on it, each up to
/// <see cref="Depth"/> steps away, plus the whole critical path and every single point of
/// failure of the element however far they are. Pure: computed from the cached analysis.</summary>
public sealed class Neighbourhood
{
    private Neighbourhood(int focus, int depth, IReadOnlyList<NeighbourNode> nodes, IReadOnlyList<NeighbourEdge> edges, IReadOnlyList<int> criticalPath)
    {
        Focus = focus;
        Depth = depth;
        Nodes = nodes;
        Edges = edges;
        CriticalPath = criticalPath;
    }

    public const int MinDepth = 1;
    public const int MaxDepth = 4;
    public const int DefaultDepth = 2;

    public int Focus { get; }

    public int Depth { get; }

    /// <summary>The focus first, then what it depends on, then what depends on it, each by distance, kind and name.</summary>
    public IReadOnlyList<NeighbourNode> Nodes { get; }

    /// <summary>Every dependency between two nodes of the picture, in node order.</summary>
    public IReadOnlyList<NeighbourEdge> Edges { get; }

    /// <summary>The focus, then what it waits for last, and so on (empty when it waits on a loop).</summary>
    public IReadOnlyList<int> CriticalPath { get; }

    public static Neighbourhood Of(AnalysisResult analysis, int focus, int depth)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, MinDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth);
        var snapshot = analysis.Snapshot;
        var graph = snapshot.Graph;

        var side = new Dictionary<int, (PictureSide Side, int Distance)> { [focus] = (PictureSide.Focus, 0) };
        var frontier = new List<int> { focus };
        for (var distance = 1; distance <= depth && frontier.Count > 0; distance++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
                {
                    foreach (var member in graph.MembersOf(g))
                    {
                        if (side.TryAdd(member, (PictureSide.DependsOn, distance)))
                        {
                            next.Add(member);
                        }
                    }
                }
            }
            frontier = next;
        }
        frontier = [focus];
        for (var distance = 1; distance <= depth && frontier.Count > 0; distance++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                foreach (var g in graph.GroupsWith(node))
                {
                    var owner = graph.OwnerOf(g);
                    if (side.TryAdd(owner, (PictureSide.DependedOnBy, distance)))
                    {
                        next.Add(owner);
                    }
                }
            }
            frontier = next;
        }
        // Then every way up, degraded dependencies included: whatever this finds that the walk
        // above did not only runs degraded without the focus (degradation travels up the chain).
        var reached = new HashSet<int> { focus };
        frontier = [focus];
        for (var distance = 1; distance <= depth && frontier.Count > 0; distance++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                Up(graph.GroupsWith(node), distance, next);
                Up(graph.DegradedGroupsWith(node), distance, next);
            }
            frontier = next;
        }

        void Up(ReadOnlySpan<int> groups, int distance, List<int> next)
        {
            foreach (var g in groups)
            {
                var owner = graph.OwnerOf(g);
                if (reached.Add(owner))
                {
                    side.TryAdd(owner, (PictureSide.RunsDegradedWithout, distance));
                    next.Add(owner);
                }
            }
        }

        var path = analysis.WorstCase.Minutes[focus] == RecoveryTimes.Never ? [] : analysis.WorstCase.CriticalPath(focus);
        var onPath = new HashSet<int>(path);
        for (var i = 1; i < path.Count; i++)
        {
            side.TryAdd(path[i], (PictureSide.DependsOn, i));
        }
        var singlePoints = new HashSet<int>();
        if (snapshot.Kinds[focus] is NodeKind.Function or NodeKind.System)
        {
            foreach (var point in Impact.SinglePoints.Of(snapshot, analysis.Fails, focus))
            {
                var node = snapshot.IndexOf(point.Id);
                if (node >= 0 && node != focus)
                {
                    singlePoints.Add(node);
                    side.TryAdd(node, (PictureSide.DependsOn, MaxDepth + 1));
                }
            }
        }

        var nodes = side
            .Select(s => new NeighbourNode(s.Key, s.Value.Side, s.Value.Distance, onPath.Contains(s.Key), singlePoints.Contains(s.Key)))
            .OrderBy(n => n.Side).ThenBy(n => n.Distance).ThenBy(n => n.Node)
            .ToList();

        var critical = new HashSet<(int, int)>();
        for (var i = 0; i + 1 < path.Count; i++)
        {
            critical.Add((path[i], path[i + 1]));
        }
        var edges = new List<NeighbourEdge>();
        var seen = new HashSet<(int, int)>();
        foreach (var node in nodes.Select(n => n.Node).Order())
        {
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                var members = graph.MembersOf(g);
                foreach (var member in members)
                {
                    if (side.ContainsKey(member) && seen.Add((node, member)))
                    {
                        edges.Add(new NeighbourEdge(node, member, graph.GroupKinds[g], members.Length > 1, critical.Contains((node, member))));
                    }
                }
            }
        }
        return new Neighbourhood(focus, depth, nodes, edges, path);
    }

    /// <summary>The element kinds that have a picture: those the recovery graph is drawn around.</summary>
    public static bool HasPicture(ElementKind kind) =>
        kind is ElementKind.BusinessFunction or ElementKind.System or ElementKind.Vendor or ElementKind.Site;
}
