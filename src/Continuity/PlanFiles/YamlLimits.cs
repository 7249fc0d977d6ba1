using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Continuity.PlanFiles;

/// <summary>What the reader refuses before YamlDotNet builds its node tree (<see cref="YamlStream"/>),
/// which recurses as deep as the YAML nests and loops on aliases that point forward or into
/// their own node. The check walks the parser's events, which YamlDotNet produces without
/// recursing, once, in linear time.</summary>
internal static class YamlLimits
{
    /// <summary>Mappings and lists inside each other, counting what aliases bring in. A plan
    /// nests about ten deep; a call tree fifty levels deep still fits.</summary>
    public const int MaxDepth = 100;

    /// <summary>Aliases (<c>*name</c>) in one file.</summary>
    public const int MaxAliases = 10_000;

    /// <summary>Values in one file once every alias is counted as the value it repeats
    /// (aliases of aliases multiply: the "billion laughs").</summary>
    public const int MaxExpandedValues = 1_000_000;

    /// <summary>A reason to refuse the file, or null when it is within the limits (or has a
    /// syntax error, which <see cref="YamlStream"/> then reports as it always has).</summary>
    public static Violation? Check(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<AnchorName, Anchored>();
        var open = new List<OpenNode>();
        var aliases = 0;
        long values = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart:
                        anchors.Clear();
                        break;

                    case MappingStart or SequenceStart:
                        var start = (NodeEvent)parser.Current;
                        if (open.Count >= MaxDepth)
                        {
                            return TooDeep(start.Start);
                        }
                        if (!start.Anchor.IsEmpty)
                        {
                            anchors[start.Anchor] = Anchored.Open;
                        }
                        open.Add(new OpenNode(start is MappingStart, start.Anchor, values));
                        values++;
                        break;

                    case MappingEnd or SequenceEnd:
                        var ended = open[^1];
                        open.RemoveAt(open.Count - 1);
                        if (!ended.Anchor.IsEmpty)
                        {
                            anchors[ended.Anchor] = new Anchored(ended.Height + 1, values - ended.ValuesBefore);
                        }
                        Completed(open, ended.Height + 1);
                        break;

                    case Scalar scalar:
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor] = new Anchored(0, 1);
                        }
                        values++;
                        Completed(open, 0);
                        break;

                    case AnchorAlias alias:
                        var name = alias.Value;
                        if (++aliases > MaxAliases)
                        {
                            return new Violation(PlanFileCodes.YamlLimit, $"This file has more than {MaxAliases:N0} aliases (*name).", alias.Start,
                                "write the values out, or split the file");
                        }
                        if (open.Count > 0 && open[^1].ExpectsKey)
                        {
                            return new Violation(PlanFileCodes.YamlLimit, $"The alias *{name} is used as a key; plan files take only plain text as keys.", alias.Start,
                                $"write the key out instead of *{name}");
                        }
                        if (!anchors.TryGetValue(name, out var target))
                        {
                            return new Violation(PlanFileCodes.YamlSyntax, $"This is not valid YAML: the alias *{name} has no anchor &{name} before it.", alias.Start,
                                $"mark the value with &{name} before the first *{name}");
                        }
                        if (target.IsOpen)
                        {
                            return new Violation(PlanFileCodes.YamlLimit, $"The alias *{name} is inside the value &{name} it repeats, so it would repeat itself for ever.", alias.Start,
                                "an alias may only repeat a value that ends before it");
                        }
                        if (open.Count + target.Height > MaxDepth)
                        {
                            return TooDeep(alias.Start);
                        }
                        values += target.Values;
                        if (values > MaxExpandedValues)
                        {
                            return new Violation(PlanFileCodes.YamlLimit, $"With its aliases repeated, this file holds more than {MaxExpandedValues:N0} values.", alias.Start,
                                "aliases of aliases multiply: write the values out, or use fewer levels of aliases");
                        }
                        Completed(open, target.Height);
                        break;
                }
            }
        }
        catch (Exception problem) when (problem is YamlException or InvalidOperationException)
        {
            return null;
        }
        return null;
    }

    private static Violation TooDeep(Mark at) =>
        new(PlanFileCodes.YamlLimit, $"The lists and mappings here nest more than {MaxDepth} deep (counting what aliases repeat).", at,
            "a plan nests about ten deep: look for brackets that are opened and never closed");

    /// <summary>A value <paramref name="height"/> deep has ended inside the innermost open node:
    /// in a mapping, a key is followed by a value and a value by a key.</summary>
    private static void Completed(List<OpenNode> open, int height)
    {
        if (open.Count > 0)
        {
            var parent = open[^1];
            open[^1] = parent with { Height = Math.Max(parent.Height, height), ExpectsKey = parent.IsMapping && !parent.ExpectsKey };
        }
    }

    public sealed record Violation(string Code, string Message, Mark At, string Hint);

    /// <summary>A mapping or list not yet ended: the deepest value in it so far, how many values
    /// the file held before it, and for a mapping, whether the next node is a key.</summary>
    private readonly record struct OpenNode(bool IsMapping, AnchorName Anchor, long ValuesBefore)
    {
        public bool ExpectsKey { get; init; } = IsMapping;

        public int Height { get; init; }
    }

    /// <summary>An anchored value: open (an alias to it now would be inside it), or its height and values.</summary>
    private readonly record struct Anchored(int Height, long Values)
    {
        public static Anchored Open => new(-1, 0);

        public bool IsOpen => Height < 0;
    }
}
