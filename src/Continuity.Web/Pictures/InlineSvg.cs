using System.Xml;
using System.Xml.Linq;

namespace Continuity.Web.Pictures;

/// <summary>Makes Graphviz's SVG safe to put inside a page: the XML prolog, doctype and comments
/// go; only the drawing elements Graphviz writes are kept (no script, no foreignObject, no
/// external image); event attributes are dropped; links are kept only when they point into the
/// app (a path starting with one <c>/</c>). Graphviz already escapes the labels, and the parse
/// and re-serialisation escape every text and attribute again, so plan text stays text.</summary>
public static class InlineSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "svg", "g", "title", "a", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "tspan",
    };

    /// <summary>The sanitised <c>&lt;svg&gt;</c> element, or null when <paramref name="svg"/> is not an SVG document.</summary>
    public static string? Sanitise(string svg, string label)
    {
        ArgumentNullException.ThrowIfNull(svg);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
        var root = document.Root;
        if (root is null || root.Name != Svg + "svg")
        {
            return null;
        }
        Clean(root);
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue("aria-label", label);
        root.SetAttributeValue("class", "picture-svg");
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static void Clean(XElement element)
    {
        foreach (var child in element.Elements().ToList())
        {
            if (child.Name.Namespace != Svg || !Elements.Contains(child.Name.LocalName))
            {
                child.Remove();
                continue;
            }
            Clean(child);
        }
        foreach (var attribute in element.Attributes().ToList())
        {
            if (attribute.IsNamespaceDeclaration)
            {
                continue;
            }
            var name = attribute.Name.LocalName;
            var unsafeAttribute = name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                || (name == "href" && !InApp(attribute.Value))
                || (attribute.Name.Namespace != XNamespace.None && attribute.Name.Namespace != XLink)
                || name is "style" or "target";
            if (unsafeAttribute)
            {
                attribute.Remove();
            }
        }
    }

    private static bool InApp(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.Contains('\\', StringComparison.Ordinal);
}
