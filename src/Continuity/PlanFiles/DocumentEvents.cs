using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Continuity.PlanFiles;

/// <summary>One YAML document as a flat list of the parser's events, which is what
/// <see cref="PlanReader"/> binds from. A node is the index of its first event; the entries of a
/// mapping and the items of a list follow it, up to its end event.</summary>
/// <remarks>Holding the events costs next to nothing, where YamlDotNet's node tree
/// (<see cref="YamlStream"/>) took three times as long as parsing. Only files with anchors,
/// aliases, keys that are not scalars or events out of place still go through the node tree
/// (see <see cref="Load"/>), because its rules for them (where an alias may point, when two keys
/// are the same, what fails) are subtle and the reader keeps them exactly.</remarks>
internal sealed class DocumentEvents
{
    private readonly List<ParsingEvent> _events = [];
    private readonly List<int> _next = [];
    private readonly Dictionary<int, int> _aliases = [];

    // While reading from the parser: the mappings and lists not yet ended, and the keys of
    // mappings seen so far, to refuse a key written twice as YamlStream does.
    private readonly List<OpenNode> _open = [];
    private readonly HashSet<(int Mapping, string Tag, string Key)> _keys = [];

    /// <summary>The document's root node.</summary>
    public static int Root => 0;

    /// <summary>The event a node starts with (after <see cref="Resolve"/>: never an alias).</summary>
    public ParsingEvent this[int node] => _events[node];

    /// <summary>The node an alias repeats, or the node itself.</summary>
    public int Resolve(int node) => _aliases.Count > 0 && _aliases.TryGetValue(node, out var target) ? target : node;

    /// <summary>The key and value nodes of a mapping, in file order.</summary>
    public Entries EntriesOf(int mapping) => new(this, mapping);

    /// <summary>The item nodes of a list.</summary>
    public Items ItemsOf(int sequence) => new(this, sequence);

    /// <summary>Reads the next document from <paramref name="parser"/>, pulling its events the way
    /// <see cref="YamlStream"/> does, so that a syntax error or a duplicate key is reported at the
    /// same place. Returns false, with the document half read, at the first event it does not
    /// take (see <see cref="Fits"/>): the caller then starts over with <see cref="YamlStream"/>.</summary>
    public bool TryRead(IParser parser)
    {
        Clear();
        parser.Consume<DocumentStart>();
        while (!parser.TryConsume<DocumentEnd>(out _))
        {
            // Checked before the parser moves on, as YamlStream refuses such an event before
            // it reads any further (where it may meet a syntax error instead).
            if (!Fits(parser.Current!))
            {
                return false;
            }
            Append(parser.Consume<ParsingEvent>());
        }
        return true;
    }

    /// <summary>Takes a document YamlDotNet has loaded into its node tree. A node the tree
    /// holds twice, through an alias, is an alias of its first place here.</summary>
    public void Load(YamlNode root)
    {
        Clear();
        Flatten(root, new Dictionary<YamlNode, int>(ReferenceEqualityComparer.Instance));
    }

    private void Clear()
    {
        _events.Clear();
        _next.Clear();
        _aliases.Clear();
        _open.Clear();
        _keys.Clear();
    }

    /// <summary>Whether this reader takes <paramref name="parsed"/> as the next event. Besides
    /// anchors, aliases and keys that are not scalars, YamlStream has its own answer (an
    /// exception) to the odd event out of place that the parser lets through: a comment, or
    /// the end of a mapping right after a key (after an empty key, for example). Nesting
    /// beyond <see cref="YamlLimits.MaxDepth"/> is left to the node tree's path too, which
    /// refuses it before building the tree.</summary>
    private bool Fits(ParsingEvent parsed) => parsed switch
    {
        NodeEvent { Anchor.IsEmpty: false } => false,
        MappingStart or SequenceStart => _open.Count < YamlLimits.MaxDepth && (_open.Count == 0 || !_open[^1].ExpectsKey),
        Scalar or SequenceEnd => true,
        MappingEnd => _open[^1].ExpectsKey,
        _ => false,
    };

    private void Append(ParsingEvent parsed)
    {
        var index = Add(parsed);
        switch (parsed)
        {
            case MappingStart or SequenceStart:
                _open.Add(new OpenNode(index, parsed is MappingStart));
                break;
            case MappingEnd or SequenceEnd:
                var start = _open[^1].Start;
                _open.RemoveAt(_open.Count - 1);
                _next[start] = index + 1;
                Completed(start);
                break;
            default:
                Completed(index);
                break;
        }
    }

    /// <summary>A node has ended: a key is remembered, and a value checks that its key is new.
    /// YamlStream checks in the same order (after the value), so the same problem comes first.</summary>
    private void Completed(int node)
    {
        if (_open.Count == 0 || !_open[^1].IsMapping)
        {
            return;
        }
        var mapping = _open[^1];
        if (mapping.ExpectsKey)
        {
            _open[^1] = mapping with { ExpectsKey = false, Key = node };
            return;
        }
        var key = (Scalar)_events[mapping.Key];
        if (!_keys.Add((mapping.Start, key.Tag.IsEmpty ? "" : key.Tag.Value, key.Value)))
        {
            throw new YamlException(key.Start, key.End, $"Duplicate key {key.Value}");
        }
        _open[^1] = mapping with { ExpectsKey = true };
    }

    private void Flatten(YamlNode node, Dictionary<YamlNode, int> placed)
    {
        if (placed.TryGetValue(node, out var first))
        {
            _aliases[Add(new AnchorAlias(node.Anchor, node.Start, node.End))] = first;
            return;
        }
        placed[node] = _events.Count;
        switch (node)
        {
            case YamlScalarNode scalar:
                Add(new Scalar(scalar.Anchor, scalar.Tag, scalar.Value ?? "", scalar.Style, true, false, scalar.Start, scalar.End, false));
                break;
            case YamlSequenceNode sequence:
                var list = Add(new SequenceStart(sequence.Anchor, sequence.Tag, false, sequence.Style, sequence.Start, sequence.End));
                foreach (var item in sequence.Children)
                {
                    Flatten(item, placed);
                }
                _next[list] = Add(new SequenceEnd(sequence.End, sequence.End)) + 1;
                break;
            case YamlMappingNode mapping:
                var map = Add(new MappingStart(mapping.Anchor, mapping.Tag, false, mapping.Style, mapping.Start, mapping.End));
                foreach (var (key, value) in mapping.Children)
                {
                    Flatten(key, placed);
                    Flatten(value, placed);
                }
                _next[map] = Add(new MappingEnd(mapping.End, mapping.End)) + 1;
                break;
            default:
                throw new InvalidOperationException($"YamlStream left an unresolved {node.NodeType} node.");
        }
    }

    private int Add(ParsingEvent parsed)
    {
        _events.Add(parsed);
        _next.Add(_events.Count);
        return _events.Count - 1;
    }

    private readonly record struct OpenNode(int Start, bool IsMapping)
    {
        public bool ExpectsKey { get; init; } = IsMapping;

        public int Key { get; init; } = -1;
    }

    /// <summary>Enumerates a mapping's entries without allocating.</summary>
    public struct Entries(DocumentEvents events, int mapping)
    {
        private readonly int _end = events._next[mapping] - 1;
        private int _key = -1;
        private int _nextKey = mapping + 1;

        public readonly (int Key, int Value) Current => (_key, events._next[_key]);

        public readonly Entries GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_nextKey >= _end)
            {
                return false;
            }
            _key = _nextKey;
            _nextKey = events._next[events._next[_key]];
            return true;
        }
    }

    /// <summary>Enumerates a list's items without allocating.</summary>
    public struct Items(DocumentEvents events, int sequence)
    {
        private readonly int _end = events._next[sequence] - 1;
        private int _item = -1;
        private int _nextItem = sequence + 1;

        public readonly int Current => _item;

        public readonly Items GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_nextItem >= _end)
            {
                return false;
            }
            _item = _nextItem;
            _nextItem = events._next[_item];
            return true;
        }
    }
}
