using System.Collections;
using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Continuity.PlanFiles;

/// <summary>Reads the documents of one plan file, binding YAML to the plan model. Every problem
/// becomes a diagnostic with file:line:column; reading goes on past a problem so that all of
/// them are reported at once.</summary>
/// <remarks>The reader binds straight from the parser's events (<see cref="DocumentEvents"/>),
/// one document at a time. Any problem in the YAML itself, anywhere in the file, makes the whole
/// file one syntax error, as loading it into a <see cref="YamlStream"/> would.</remarks>
public sealed class PlanReader
{
    private static readonly string[] EnvelopeKeys = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly Dictionary<string, ElementKind> KindsByName =
        Enum.GetValues<ElementKind>().ToDictionary(kind => kind.ToString(), StringComparer.Ordinal);
    private static readonly Dictionary<string, ElementKind> KindsBySlug =
        Enum.GetValues<ElementKind>().ToDictionary(ElementKinds.Slug, StringComparer.Ordinal);
    private static readonly object True = true;
    private static readonly object False = false;

    private readonly string _file;
    private readonly int _fileNumber;
    private readonly SourceMap _map;
    private readonly List<Diagnostic> _diagnostics;
    private readonly int _problemsBefore;
    private readonly DocumentEvents _events = new();

    // Where the value being bound is (spec.dependsOn[2].on): the path is only spelled out when a
    // message needs it, which is rare, and building it for every value was a tenth of the time.
    private readonly List<PathPart> _path = [];

    private PlanReader(string file, SourceMap map, List<Diagnostic> diagnostics)
    {
        _file = file;
        _fileNumber = map.File(file);
        _map = map;
        _diagnostics = diagnostics;
        _problemsBefore = diagnostics.Count;
    }

    /// <summary>Reads every document of one file. <paramref name="file"/> is the name shown in messages.</summary>
    public static IReadOnlyList<PlanDocument> Read(string file, string text, SourceMap map, List<Diagnostic> diagnostics)
    {
        var reader = new PlanReader(file, map, diagnostics);
        if (reader.FindTabIndentation(text))
        {
            return [];
        }
        return reader.ReadFromEvents(text) ?? reader.ReadFromNodeTree(text);
    }

    /// <summary>Reads document after document from the parser. Returns null, having reported
    /// nothing, when the file needs YamlDotNet's node tree after all (see <see cref="DocumentEvents"/>).</summary>
    private List<PlanDocument>? ReadFromEvents(string text)
    {
        var documents = new List<PlanDocument>();
        var parser = new Parser(new StringReader(text));
        var started = false;
        while (true)
        {
            try
            {
                if (!started)
                {
                    parser.Consume<StreamStart>();
                    started = true;
                }
                if (parser.TryConsume<StreamEnd>(out _))
                {
                    return documents;
                }
                if (!_events.TryRead(parser))
                {
                    ForgetProblems();
                    return null;
                }
            }
            catch (Exception problem) when (problem is YamlException or InvalidOperationException)
            {
                SyntaxError(problem, parser);
                return [];
            }
            if (ReadDocument() is { } read)
            {
                documents.Add(read);
            }
        }
    }

    private List<PlanDocument> ReadFromNodeTree(string text)
    {
        if (YamlLimits.Check(text) is { } violation)
        {
            Error(violation.Code, violation.Message, Location(violation.At), violation.Hint);
            return [];
        }
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (Exception problem) when (problem is YamlException or InvalidOperationException)
        {
            SyntaxError(problem, parser);
            return [];
        }
        catch (ArgumentException)
        {
            // YamlStream refuses some event sequences the parser accepts, such as a key with no
            // value followed by an empty key (`key:` then `:` on the next line).
            ForgetProblems();
            SyntaxError("This is not valid YAML: a key or a value is missing here.", parser.Current?.Start ?? Mark.Empty);
            return [];
        }

        var documents = new List<PlanDocument>();
        foreach (var document in stream.Documents)
        {
            _events.Load(document.RootNode);
            if (ReadDocument() is { } read)
            {
                documents.Add(read);
            }
        }
        return documents;
    }

    /// <summary>A file that is not valid YAML has that one problem: what its documents read so far reported goes.</summary>
    private void SyntaxError(Exception problem, Parser parser)
    {
        ForgetProblems();
        if (problem is YamlException yaml)
        {
            var message = (yaml.InnerException?.Message ?? yaml.Message).Trim();
            SyntaxError($"This is not valid YAML: {Unprefixed(message)}", yaml.Start);
        }
        else
        {
            // YamlDotNet's scanner fails this way on some unterminated constructs at the end of a file.
            SyntaxError("This is not valid YAML: the file ends inside an unfinished list or mapping.", parser.Current?.End ?? Mark.Empty);
        }
    }

    private void ForgetProblems() => _diagnostics.RemoveRange(_problemsBefore, _diagnostics.Count - _problemsBefore);

    private void SyntaxError(string message, Mark mark) =>
        Error(PlanFileCodes.YamlSyntax, message, Location(mark),
            "check the indentation, brackets and quoting around this place; text containing ': ' or ' #' needs quotes");

    private SourceLocation Location(Mark mark) => new(_file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string Unprefixed(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 40) - (Line: …): "; the location is shown separately.
        var dash = message.LastIndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && dash > 0 ? message[(dash + 3)..] : message;
    }

    private bool FindTabIndentation(string text)
    {
        var line = 1;
        var start = 0;
        var found = false;
        while (start < text.Length)
        {
            var column = 0;
            while (start + column < text.Length && text[start + column] is ' ' or '\t')
            {
                if (text[start + column] == '\t')
                {
                    Error(PlanFileCodes.TabIndentation, "This line is indented with a tab; YAML allows only spaces for indentation.",
                        new SourceLocation(_file, line, column + 1), "replace the tab with spaces (two per level)");
                    found = true;
                    break;
                }
                column++;
            }
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                break;
            }
            start = end + 1;
            line++;
        }
        return found;
    }

    private PlanDocument? ReadDocument()
    {
        var envelope = _events.Resolve(DocumentEvents.Root);
        if (_events[envelope] is not MappingStart)
        {
            if (!IsNull(envelope))
            {
                Error(PlanFileCodes.WrongType, "A plan document must be a mapping with apiVersion, kind, metadata and spec.", At(envelope));
            }
            return null;
        }

        foreach (var (keyNode, _) in _events.EntriesOf(envelope))
        {
            var key = Scalar(keyNode) ?? "";
            if (!EnvelopeKeys.Contains(key))
            {
                UnknownKey(keyNode, key, EnvelopeKeys, "a plan document");
            }
        }

        var apiVersion = Child(envelope, "apiVersion");
        if (apiVersion is null)
        {
            Error(PlanFileCodes.MissingField, "The document has no apiVersion.", At(envelope), $"add 'apiVersion: {PlanDocument.ApiVersion}'");
        }
        else if (Scalar(apiVersion.Value) != PlanDocument.ApiVersion)
        {
            Error(PlanFileCodes.UnknownApiVersion, $"Unknown apiVersion '{Scalar(apiVersion.Value)}'.", At(apiVersion.Value), $"this version of Continuity reads '{PlanDocument.ApiVersion}'");
        }

        var kindNode = Child(envelope, "kind");
        ElementKind kind;
        if (kindNode is null)
        {
            Error(PlanFileCodes.MissingField, "The document has no kind.", At(envelope), "add 'kind:' with one of " + string.Join(", ", KindsByName.Keys));
            return null;
        }
        if (!KindsByName.TryGetValue(Scalar(kindNode.Value) ?? "", out kind))
        {
            var written = Scalar(kindNode.Value) ?? "";
            Error(PlanFileCodes.UnknownKind, $"Unknown kind '{written}'.", At(kindNode.Value),
                Naming.DidYouMean(written, KindsByName.Keys) ?? "kinds are " + string.Join(", ", KindsByName.Keys));
            return null;
        }

        var metadataNode = Child(envelope, "metadata");
        if (metadataNode is null)
        {
            Error(PlanFileCodes.MissingField, "The document has no metadata.", At(envelope), "add 'metadata:' with at least 'name:'");
            return null;
        }
        if (IsNull(metadataNode.Value))
        {
            Error(PlanFileCodes.MissingField, "The document's metadata is empty.", At(metadataNode.Value), "add 'name:' under metadata");
            return null;
        }
        if (BindAt(metadataNode.Value, TypeShape.Of(typeof(Metadata)), "metadata") is not Metadata metadata || metadata.Name.Length == 0)
        {
            return null;
        }

        var specType = PlanDocument.SpecType(kind);
        ElementSpec? spec;
        if (Child(envelope, "spec") is { } specNode && !IsNull(specNode))
        {
            spec = BindAt(specNode, TypeShape.Of(specType), "spec") as ElementSpec;
        }
        else if (TypeShape.Of(specType).Properties.Where(p => p.Required).Select(p => p.Key).ToList() is { Count: > 0 } required)
        {
            Error(PlanFileCodes.MissingField, $"The {kind} has no spec.", At(envelope), "add 'spec:' with at least " + string.Join(", ", required));
            spec = null;
        }
        else
        {
            spec = (ElementSpec)Activator.CreateInstance(specType)!;
            _map.Add(spec, Position(envelope));
        }
        if (spec is null)
        {
            return null;
        }
        _map.Add(metadata, Position(envelope));
        return new PlanDocument(kind, metadata, spec);
    }

    private object? BindAt(int node, TypeShape shape, string key, PropertyShape? property = null)
    {
        _path.Add(new PathPart(key, 0));
        var value = Bind(node, shape, property);
        _path.RemoveAt(_path.Count - 1);
        return value;
    }

    private object? BindAt(int node, TypeShape shape, int index, PropertyShape? property)
    {
        _path.Add(new PathPart(null, index));
        var value = Bind(node, shape, property);
        _path.RemoveAt(_path.Count - 1);
        return value;
    }

    /// <summary>Binds a node to a value of <paramref name="shape"/>'s type, or reports why it cannot.
    /// Returns null when the node is null or wrong (and then a diagnostic was added).</summary>
    private object? Bind(int node, TypeShape shape, PropertyShape? property)
    {
        node = _events.Resolve(node);
        if (IsNull(node))
        {
            return null;
        }

        var first = _events[node];
        switch (shape.Shape)
        {
            case ValueShape.Object:
                if (first is Scalar && shape.ScalarForm is { } scalarProperty)
                {
                    var instance = Activator.CreateInstance(shape.Bare)!;
                    _map.Add(instance, Position(node));
                    var target = shape.Property(Naming.CamelCase(scalarProperty))!;
                    target.SetValue(instance, BindAt(node, target.Type, target.Key, target));
                    _map.Add(instance, target.Key, Position(node));
                    return instance;
                }
                return first is MappingStart ? BindObject(node, shape) : WrongType(node, "a mapping (key: value lines)");

            case ValueShape.List:
                if (first is not SequenceStart)
                {
                    return WrongType(node, "a list (lines starting with '- ', or [a, b])");
                }
                var list = (IList)Activator.CreateInstance(shape.Bare)!;
                var index = 0;
                foreach (var item in _events.ItemsOf(node))
                {
                    if (BindAt(item, shape.ItemShape!, index++, property) is { } value)
                    {
                        list.Add(value);
                    }
                }
                return list;

            case ValueShape.Map:
                return first is MappingStart ? BindMap(node, shape, property) : WrongType(node, "a mapping (key: value lines)");

            default:
                return first is Scalar scalar
                    ? BindScalar(node, scalar.Value, shape, property)
                    : WrongType(node, shape.Shape switch
                    {
                        ValueShape.Integer => "a whole number",
                        ValueShape.Boolean => "true or false",
                        ValueShape.Duration => "a duration such as 4h",
                        ValueShape.Date => "a date such as 2026-05-04",
                        ValueShape.Reference => "a name",
                        _ => "a single value",
                    });
        }
    }

    private IDictionary BindMap(int mapping, TypeShape shape, PropertyShape? property)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(shape.Bare)!;
        foreach (var (keyNode, valueNode) in _events.EntriesOf(mapping))
        {
            var keyText = Scalar(keyNode) ?? "";
            object? key = keyText;
            if (shape.Key == typeof(Duration))
            {
                key = ParseDuration(keyNode, keyText, null, isKey: true);
            }
            else if (shape.KeyShape is { Shape: ValueShape.Enum } keyShape)
            {
                key = ParseEnumKey(keyNode, keyText, keyShape);
            }
            if (key is not null && dictionary.Contains(key))
            {
                Error(PlanFileCodes.DuplicateId, $"'{Path()}' has '{keyText}' twice (as {key}).", At(keyNode), "keep one of them");
                continue;
            }
            if (key is not null && BindAt(valueNode, shape.ItemShape!, keyText, property) is { } value)
            {
                dictionary[key] = value;
                _map.Add(dictionary, MapKeyText(key), Position(keyNode));
            }
        }
        return dictionary;
    }

    private object BindObject(int mapping, TypeShape shape)
    {
        var instance = Activator.CreateInstance(shape.Bare)!;
        _map.Add(instance, Position(mapping));
        // What became of each property written: bound cleanly, or with a problem reported.
        Span<Outcome> outcomes = stackalloc Outcome[shape.Properties.Count];
        foreach (var (keyNode, valueNode) in _events.EntriesOf(mapping))
        {
            var key = Scalar(keyNode) ?? "";
            if (shape.Property(key) is not { } property)
            {
                UnknownKey(keyNode, key, shape.Properties.Select(p => p.Key), Path());
                continue;
            }
            _map.Add(instance, property.Key, Position(valueNode));
            var problemsBefore = _diagnostics.Count;
            var value = BindAt(valueNode, property.Type, property.Key, property);
            outcomes[property.Index] = _diagnostics.Count == problemsBefore ? Outcome.Bound : Outcome.Failed;
            if (value is not null)
            {
                property.SetValue(instance, value);
            }
        }

        foreach (var property in shape.RequiredProperties)
        {
            if (outcomes[property.Index] == Outcome.Failed)
            {
                continue;
            }
            var value = property.GetValue(instance);
            var missing = outcomes[property.Index] == Outcome.NotWritten || value is null || (value is string text && text.Length == 0) || value is ICollection { Count: 0 };
            if (missing)
            {
                Error(PlanFileCodes.MissingField, $"'{Path()}' needs '{property.Key}'.", At(mapping),
                    property.Doc is null ? $"add '{property.Key}:'" : $"add '{property.Key}:' — {property.Doc}");
            }
        }
        return instance;
    }

    private enum Outcome : byte { NotWritten, Bound, Failed }

    private object? BindScalar(int node, string text, TypeShape shape, PropertyShape? property)
    {
        switch (shape.Shape)
        {
            case ValueShape.String:
                if (property?.IsSlug == true && !Naming.IsSlug(text))
                {
                    Error(PlanFileCodes.InvalidName, $"'{text}' is not a valid name for '{Path()}'.", At(node),
                        $"use lowercase letters, digits and dashes, at most {Naming.MaxNameLength} characters (for example '{Suggest(text)}')");
                    return null;
                }
                return text;

            case ValueShape.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ||
                    (shape.Bare == typeof(int) && number is < int.MinValue or > int.MaxValue))
                {
                    return WrongType(node, "a whole number");
                }
                if (property?.Range is { } range && (number < Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture) || number > Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture)))
                {
                    Error(PlanFileCodes.InvalidValue, $"'{Path()}' is {number}, outside the allowed range.", At(node), $"use a number from {range.Minimum} to {range.Maximum}");
                    return null;
                }
                return shape.Bare == typeof(int) ? (object)(int)number : number;

            case ValueShape.Boolean:
                return text switch
                {
                    "true" => True,
                    "false" => False,
                    _ => WrongType(node, "true or false"),
                };

            case ValueShape.Enum:
                if (shape.TryGetEnumValue(text, out var member))
                {
                    return member;
                }
                if (AcceptsNumbers(shape.Bare) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) && Enum.IsDefined(shape.Bare, numeric))
                {
                    return Enum.ToObject(shape.Bare, numeric);
                }
                var names = shape.EnumValues;
                Error(PlanFileCodes.InvalidValue, $"'{text}' is not a valid value for '{Path()}'.", At(node),
                    (Naming.DidYouMean(text, names) is { } guess ? guess + " " : "") + "allowed: " + string.Join(", ", names));
                return null;

            case ValueShape.Duration:
                return ParseDuration(node, text, property, isKey: false);

            case ValueShape.Date:
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }
                Error(PlanFileCodes.InvalidValue, $"'{text}' is not a date for '{Path()}'.", At(node), "write dates as YYYY-MM-DD, for example 2026-05-04");
                return null;

            case ValueShape.Reference:
                return ParseReference(node, text, property?.RefTo ?? []);

            default:
                return WrongType(node, "a mapping or a list");
        }
    }

    /// <summary>A map key that must be one of an enum's values (a disruption class).</summary>
    private object? ParseEnumKey(int node, string text, TypeShape keyShape)
    {
        if (keyShape.TryGetEnumValue(text, out var member))
        {
            return member;
        }
        var names = keyShape.EnumValues;
        Error(PlanFileCodes.InvalidValue, $"'{text}' is not a valid key for '{Path()}'.", At(node),
            (Naming.DidYouMean(text, names) is { } guess ? guess + " " : "") + "allowed: " + string.Join(", ", names));
        return null;
    }

    /// <summary>How a map key is spelled in plan files, and so in the source map: enum keys in kebab-case.</summary>
    internal static string MapKeyText(object key) => key is Enum ? Naming.KebabCase(key.ToString()!) : key.ToString()!;

    /// <summary>Enums whose numbers mean something to people (impact 1–5) may be written as numbers.</summary>
    internal static bool AcceptsNumbers(Type enumType) => enumType == typeof(ImpactRating);

    /// <summary>A duration of at least one minute, unless the property's <c>[Range]</c> admits
    /// zero (RTO, RPO, restore times, replication lag): an MTPD, an escalation time or an
    /// impact time point of zero means nothing.</summary>
    private Duration? ParseDuration(int node, string text, PropertyShape? property, bool isKey)
    {
        if (!Duration.TryParse(text, out var duration, out var error))
        {
            Error(PlanFileCodes.InvalidValue, error, At(node), "examples: 90m, 4h, 2d, 1w, PT4H");
            return null;
        }
        if (duration.Minutes < MinimumMinutes(property))
        {
            var what = isKey ? $"a time point of '{Path()}'" : $"'{Path()}'";
            Error(PlanFileCodes.InvalidValue, $"'{text}' is zero, but {what} must be at least one minute.", At(node),
                "only RTOs, RPOs, restore times, replication lag and the frequency of continuous backups or replication may be 0m");
            return null;
        }
        return duration;
    }

    internal static int MinimumMinutes(PropertyShape? property) =>
        property?.Range is { } range ? Convert.ToInt32(range.Minimum, CultureInfo.InvariantCulture) : 1;

    private Reference? ParseReference(int node, string text, IReadOnlyList<ElementKind> allowed)
    {
        Reference reference;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var kindText = text[..colon];
            if (!KindsBySlug.TryGetValue(kindText, out var kind))
            {
                var slugs = allowed.Select(ElementKinds.Slug);
                Error(PlanFileCodes.WrongKindOfReference, $"'{kindText}' in '{text}' is not a kind of element.", At(node),
                    (Naming.DidYouMean(kindText, slugs) is { } guess ? guess + " " : "") + "'" + Path() + "' may refer to: " + string.Join(", ", slugs));
                return null;
            }
            if (allowed.Count > 0 && !allowed.Contains(kind))
            {
                Error(PlanFileCodes.WrongKindOfReference, $"'{Path()}' cannot refer to a {ElementKinds.Slug(kind)}.", At(node),
                    "it may refer to: " + string.Join(", ", allowed.Select(ElementKinds.Slug)));
                return null;
            }
            reference = new Reference(kind, text[(colon + 1)..]);
        }
        else
        {
            reference = new Reference(allowed.Count == 1 ? allowed[0] : null, text);
        }
        if (!Naming.IsSlug(reference.Name))
        {
            Error(PlanFileCodes.InvalidName, $"'{text}' is not a valid reference for '{Path()}'.", At(node),
                "refer to an element by its metadata.name, optionally prefixed by its kind (system:customer-db)");
            return null;
        }
        _map.Add(reference, Position(node));
        return reference;
    }

    private object? WrongType(int node, string expected)
    {
        var found = _events[_events.Resolve(node)] switch
        {
            MappingStart => "a mapping",
            SequenceStart => "a list",
            Scalar scalar => $"'{scalar.Value}'",
            _ => "something else",
        };
        Error(PlanFileCodes.WrongType, $"'{Path()}' must be {expected}, not {found}.", At(node));
        return null;
    }

    private void UnknownKey(int keyNode, string key, IEnumerable<string> allowed, string where)
    {
        var keys = allowed.ToList();
        Error(PlanFileCodes.UnknownKey, $"Unknown key '{key}' in {where}.", At(keyNode),
            (Naming.DidYouMean(key, keys) is { } guess ? guess + " " : "") + "allowed keys: " + string.Join(", ", keys));
    }

    private static string Suggest(string text)
    {
        var slug = new string([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        return slug.Length == 0 ? "customer-db" : slug;
    }

    /// <summary>The value of an envelope key. As in a YamlStream lookup, a key written with a tag (<c>!!str kind</c>) is another key.</summary>
    private int? Child(int mapping, string key)
    {
        foreach (var (keyNode, valueNode) in _events.EntriesOf(mapping))
        {
            if (_events[_events.Resolve(keyNode)] is Scalar { Tag.IsEmpty: true } scalar && scalar.Value == key)
            {
                return _events.Resolve(valueNode);
            }
        }
        return null;
    }

    private string? Scalar(int node) => (_events[_events.Resolve(node)] as Scalar)?.Value;

    private bool IsNull(int node) =>
        _events[_events.Resolve(node)] is Scalar { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "" or "~" or "null" };

    private SourceLocation At(int node)
    {
        var start = _events[_events.Resolve(node)].Start;
        return new SourceLocation(_file, (int)start.Line, (int)start.Column);
    }

    private SourceMap.Position Position(int node)
    {
        var start = _events[_events.Resolve(node)].Start;
        return new SourceMap.Position(_fileNumber, (int)start.Line, (int)start.Column);
    }

    /// <summary>The path of the value being bound, as messages show it.</summary>
    private string Path()
    {
        var path = new StringBuilder();
        foreach (var part in _path)
        {
            if (part.Key is null)
            {
                path.Append('[').Append(part.Index).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? "" : ".").Append(part.Key);
            }
        }
        return path.ToString();
    }

    /// <summary>A key (<c>.dependsOn</c>) or, without one, a list index (<c>[2]</c>).</summary>
    private readonly record struct PathPart(string? Key, int Index);

    private void Error(string code, string message, SourceLocation location, string? hint = null) =>
        _diagnostics.Add(new Diagnostic(Severity.Error, code, message, location, hint));
}
