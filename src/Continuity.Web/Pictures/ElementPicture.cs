using Continuity.Analysis;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Web.Pages.Shared;

namespace Continuity.Web.Pictures;

/// <summary>What is drawn of a neighbourhood: every element when there are at most
/// <see cref="ElementPicture.MaxDrawn"/>, else the focus, its critical path and single points
/// one by one and everything else as boxes of "so many systems of team X" linking to the list.</summary>
public sealed record PictureDrawing(IReadOnlyList<DotNode> Nodes, IReadOnlyList<DotEdge> Edges, bool Summarised);

public static class ElementPicture
{
    /// <summary>Above this many elements a picture is summarised: more cannot be read anyway.</summary>
    public const int MaxDrawn = 150;

    /// <summary>At most this many boxes by kind and team; with more, boxes by kind only.</summary>
    public const int MaxGroups = 40;

    public static PictureDrawing Draw(PlanSnapshot snapshot, Neighbourhood neighbourhood)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(neighbourhood);
        var summarise = neighbourhood.Nodes.Count > MaxDrawn;
        // By team while that gives a readable number of boxes, else by kind alone.
        var byTeam = !summarise || neighbourhood.Nodes
            .Where(n => n.Side != PictureSide.Focus)
            .Select(n => (n.Side, snapshot.Kinds[n.Node], snapshot.Teams[n.Node]))
            .Distinct().Take(MaxGroups + 1).Count() <= MaxGroups;
        var drawnAs = new Dictionary<int, string>(neighbourhood.Nodes.Count);
        var nodes = new List<DotNode>();
        var groups = new Dictionary<(PictureSide Side, NodeKind Kind, int Team), (string Id, int Count)>();
        foreach (var node in neighbourhood.Nodes)
        {
            var marks = (node.Side == PictureSide.Focus ? NodeMarks.Focus : NodeMarks.None)
                | (node.OnCriticalPath ? NodeMarks.CriticalPath : NodeMarks.None)
                | (node.SinglePoint ? NodeMarks.SinglePoint : NodeMarks.None);
            if (!summarise || marks != NodeMarks.None)
            {
                var id = "n" + node.Node.ToString(System.Globalization.CultureInfo.InvariantCulture);
                drawnAs[node.Node] = id;
                nodes.Add(Element(snapshot, node.Node, id, node.Side == PictureSide.RunsDegradedWithout ? marks | NodeMarks.Degraded : marks));
                continue;
            }
            var key = (node.Side, snapshot.Kinds[node.Node], byTeam ? snapshot.Teams[node.Node] : -1);
            var group = groups.TryGetValue(key, out var existing) ? existing : ("g" + groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
            groups[key] = (group.Item1, group.Item2 + 1);
            drawnAs[node.Node] = group.Item1;
        }
        foreach (var ((side, kind, team), (id, count)) in groups)
        {
            var elementKind = KindOf(kind);
            var teamName = team >= 0 ? snapshot.TeamNames[team] : null;
            var label = Format.Count(count, ElementRoutes.SingularTitle(elementKind), ElementRoutes.PluralTitle(elementKind).ToLowerInvariant());
            var detail = side switch
            {
                PictureSide.DependsOn => "depended on",
                PictureSide.RunsDegradedWithout => "running degraded without it",
                _ => "depending on it",
            } + (teamName is null ? "" : " · team " + teamName);
            var href = ElementRoutes.List(elementKind) + (teamName is null ? "" : "?team=" + Uri.EscapeDataString(teamName));
            nodes.Add(new DotNode(id, label, detail, href, label + " " + detail, kind,
                side == PictureSide.RunsDegradedWithout ? NodeMarks.Group | NodeMarks.Degraded : NodeMarks.Group));
        }

        var edges = new List<DotEdge>();
        var seen = new HashSet<(string, string)>();
        foreach (var edge in neighbourhood.Edges)
        {
            var from = drawnAs[edge.From];
            var to = drawnAs[edge.To];
            if (from != to && seen.Add((from, to)))
            {
                edges.Add(new DotEdge(from, to, edge.Kind, edge.AnyOf, edge.Critical));
            }
        }
        return new PictureDrawing(nodes, edges, summarise);
    }

    /// <summary>One element as a node: its title, its kind (and team), a link to its page, and as
    /// tooltip the whole title with the element's id.</summary>
    public static DotNode Element(PlanSnapshot snapshot, int node, string id, NodeMarks marks, string? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var kind = snapshot.ElementKindOf(node);
        var team = snapshot.Teams[node];
        var detail = Format.Kind(kind) + (team >= 0 ? " · " + snapshot.TeamNames[team] : "");
        var title = snapshot.Titles[node];
        // The tooltip carries the whole title: the label wraps it, and cuts a very long one.
        var tooltip = title == snapshot.Names[node] ? snapshot.Ids[node] : $"{title} ({snapshot.Ids[node]})";
        return new DotNode(id, title, detail, ElementRoutes.Details(kind, snapshot.Names[node]), tooltip, snapshot.Kinds[node], marks, cluster);
    }

    /// <summary>Minutes from the disruption, read as a person says them ("0m" for at once).</summary>
    public static string Moment(int minutes) => minutes <= 0 ? "0m" : Format.Elapsed(minutes);

    public static ElementKind KindOf(NodeKind kind) => kind switch
    {
        NodeKind.Function => ElementKind.BusinessFunction,
        NodeKind.System => ElementKind.System,
        NodeKind.Vendor => ElementKind.Vendor,
        NodeKind.Site => ElementKind.Site,
        NodeKind.Person => ElementKind.Person,
        NodeKind.Role => ElementKind.Role,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
