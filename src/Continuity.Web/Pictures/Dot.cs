using System.Globalization;
using System.Text;
using Continuity.Analysis;

namespace Continuity.Web.Pictures;

/// <summary>How a node of a picture is drawn.</summary>
[Flags]
public enum NodeMarks
{
    None = 0,
    Focus = 1,
    CriticalPath = 2,
    SinglePoint = 4,
    Group = 8,

    /// <summary>Runs degraded (not down) without the picture's focus: a dashed outline.</summary>
    Degraded = 16,
}

/// <summary>A node to draw: <see cref="Id"/> is generated (never plan text); everything else is
/// plan text and is escaped when written.</summary>
public sealed record DotNode(string Id, string Label, string? Detail, string? Href, string Tooltip, NodeKind? Kind, NodeMarks Marks, string? Cluster = null);

/// <summary>A dependency to draw: <see cref="From"/> depends on <see cref="To"/>.</summary>
public sealed record DotEdge(string From, string To, RequirementKind Kind, bool AnyOf, bool Critical, string? Label = null);

/// <summary>A box around nodes (a recovery wave), drawn in the order given.</summary>
public sealed record DotCluster(string Id, string Label);

/// <summary>Writes the DOT text of a picture. Every string that comes from the plan (titles,
/// names, teams, links) is written as a quoted DOT string with backslashes, quotes and line
/// breaks escaped, so no plan text can end a string, add an attribute or a statement, or use
/// Graphviz's own escapes (<c>\N</c>, <c>\G</c>, <c>\l</c>).</summary>
public static class Dot
{
    /// <summary>The longest line of a node's detail (kind and team), cut beyond.</summary>
    public const int LabelLength = 48;

    /// <summary>A node's title is wrapped at this many characters a line …</summary>
    public const int LineLength = 28;

    /// <summary>… onto at most this many lines, and cut with an ellipsis beyond.</summary>
    public const int MaxLines = 3;

    public static string Write(IReadOnlyList<DotNode> nodes, IReadOnlyList<DotEdge> edges, IReadOnlyList<DotCluster>? clusters = null, bool leftToRight = true)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var dot = new StringBuilder(256 + (nodes.Count * 200) + (edges.Count * 60));
        dot.Append("digraph picture {\n");
        dot.Append("  graph [rankdir=").Append(leftToRight ? "LR" : "TB").Append(", bgcolor=\"transparent\", fontname=\"Helvetica,Arial,sans-serif\", fontsize=11, nodesep=0.25, ranksep=0.55, pad=0.2];\n");
        dot.Append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica,Arial,sans-serif\", fontsize=10, fillcolor=\"#ffffff\", color=\"#98a2b3\", fontcolor=\"#1d2939\", margin=\"0.12,0.05\"];\n");
        dot.Append("  edge [color=\"#98a2b3\", arrowsize=0.6];\n");
        var byCluster = nodes.ToLookup(n => n.Cluster);
        foreach (var cluster in clusters ?? [])
        {
            dot.Append("  subgraph cluster_").Append(cluster.Id).Append(" {\n");
            dot.Append("    label=").Append(Quote(cluster.Label)).Append("; style=\"rounded,filled\"; fillcolor=\"#f8fafc\"; color=\"#d0d5dd\"; fontcolor=\"#475467\";\n");
            foreach (var node in byCluster[cluster.Id])
            {
                WriteNode(dot, node, "    ");
            }
            dot.Append("  }\n");
        }
        foreach (var node in nodes.Where(n => n.Cluster is null || clusters?.Any(c => c.Id == n.Cluster) != true))
        {
            WriteNode(dot, node, "  ");
        }
        foreach (var edge in edges)
        {
            dot.Append("  ").Append(edge.From).Append(" -> ").Append(edge.To).Append(" [");
            var attributes = new List<string>();
            if (edge.Critical)
            {
                attributes.Add("color=\"#b54708\", penwidth=2.4");
            }
            if (edge.Kind == RequirementKind.Degraded)
            {
                attributes.Add("style=dashed");
            }
            else if (edge.Kind == RequirementKind.RecoverySite)
            {
                attributes.Add("style=dotted");
            }
            if (edge.AnyOf)
            {
                attributes.Add("arrowhead=empty");
            }
            if (edge.Label is { } label)
            {
                attributes.Add("label=" + Quote(label) + ", fontsize=9, fontcolor=\"#475467\"");
            }
            dot.Append(string.Join(", ", attributes)).Append("];\n");
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    private static void WriteNode(StringBuilder dot, DotNode node, string indent)
    {
        var (shape, fill) = node.Kind switch
        {
            NodeKind.Function => ("box", "#eff8ff"),
            NodeKind.System => ("box", "#ffffff"),
            NodeKind.Vendor => ("hexagon", "#f9f5ff"),
            NodeKind.Site => ("house", "#f0fdf9"),
            NodeKind.Person => ("ellipse", "#fdf2fa"),
            NodeKind.Role => ("ellipse", "#fef6ee"),
            _ => ("box", "#ffffff"),
        };
        if (node.Marks.HasFlag(NodeMarks.Group))
        {
            shape = "folder";
        }
        var color = "#98a2b3";
        var penwidth = "1";
        var style = "rounded,filled";
        if (node.Marks.HasFlag(NodeMarks.SinglePoint))
        {
            fill = "#fee4e2";
            color = "#b42318";
            penwidth = "1.6";
        }
        if (node.Marks.HasFlag(NodeMarks.CriticalPath))
        {
            color = "#b54708";
            penwidth = "2.4";
        }
        if (node.Marks.HasFlag(NodeMarks.Degraded))
        {
            style = "rounded,filled,dashed";
        }
        if (node.Marks.HasFlag(NodeMarks.Focus))
        {
            color = "#0b2540";
            penwidth = "3";
            style = "rounded,filled,bold";
        }
        var label = Wrap(node.Label);
        dot.Append(indent).Append(node.Id).Append(" [label=").Append(Quote(node.Detail is null ? label : label + "\n" + Shorten(node.Detail)))
            .Append(", shape=").Append(shape)
            .Append(", style=").Append(Quote(style))
            .Append(", fillcolor=").Append(Quote(fill))
            .Append(", color=").Append(Quote(color))
            .Append(", penwidth=").Append(penwidth)
            .Append(", tooltip=").Append(Quote(node.Tooltip));
        if (node.Href is { } href)
        {
            dot.Append(", URL=").Append(Quote(href)).Append(", target=\"_top\"");
        }
        dot.Append("];\n");
    }

    /// <summary>Plan text as a quoted DOT string: <c>\</c> and <c>"</c> escaped, line breaks
    /// written as DOT's <c>\n</c> (centred line), other control characters dropped.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder(text.Length + 2);
        quoted.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    quoted.Append(@"\\");
                    break;
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\n':
                    quoted.Append(@"\n");
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        quoted.Append(c);
                    }
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>A title wrapped at word boundaries onto at most <see cref="MaxLines"/> lines of
    /// <see cref="LineLength"/> characters (a longer word is broken, after a dash if it can be), joined by line breaks that
    /// <see cref="Quote"/> writes as DOT's <c>\n</c>; what does not fit ends the last line with
    /// "…". So no title widens the whole picture, and most are shown whole (the full title is
    /// the node's tooltip).</summary>
    public static string Wrap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>(MaxLines);
        var line = new StringBuilder(LineLength);
        var cut = false;
        foreach (var whole in words)
        {
            var word = whole.AsSpan();
            while (!cut && word.Length > 0)
            {
                var room = line.Length == 0 ? LineLength : LineLength - line.Length - 1;
                if (word.Length <= room)
                {
                    (line.Length == 0 ? line : line.Append(' ')).Append(word);
                    word = [];
                }
                else if (line.Length > 0)
                {
                    cut = !NextLine(lines, line);
                }
                else
                {
                    // A word longer than a line (a name used as title): broken after a dash
                    // where there is one in the second half of the line, else where the line ends.
                    var take = word[..LineLength].LastIndexOf('-') is var dash && dash >= LineLength / 2 ? dash + 1 : LineLength;
                    if (char.IsHighSurrogate(word[take - 1]))
                    {
                        take--;
                    }
                    line.Append(word[..take]);
                    word = word[take..];
                    cut = !NextLine(lines, line);
                }
            }
            if (cut)
            {
                break;
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }
        if (cut)
        {
            // Room for the ellipsis: drop the last word of a full line rather than cut it.
            var last = lines[^1];
            var keep = last.Length;
            if (keep >= LineLength)
            {
                var space = last.LastIndexOf(' ');
                keep = space > LineLength / 2 ? space : LineLength - 1;
            }
            if (keep > 0 && keep < last.Length && char.IsHighSurrogate(last[keep - 1]))
            {
                keep--;
            }
            lines[^1] = string.Concat(last.AsSpan(0, keep).TrimEnd(), "…");
        }
        return string.Join('\n', lines);
    }

    /// <summary>Ends the line; false (and the line kept as it is) when it is the last one allowed.</summary>
    private static bool NextLine(List<string> lines, StringBuilder line)
    {
        if (lines.Count == MaxLines - 1)
        {
            return false;
        }
        lines.Add(line.ToString());
        line.Clear();
        return true;
    }

    /// <summary>A label cut to <see cref="LabelLength"/> characters, so one long title cannot widen the whole picture.</summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.ReplaceLineEndings(" ");
        return text.Length <= LabelLength ? text : string.Concat(text.AsSpan(0, LabelLength - 1), "…");
    }

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
