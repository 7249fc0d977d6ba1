using System.Collections;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Continuity.PlanFiles;

/// <summary>Reads the documents of one plan file, binding YAML to the plan model. Every problem
/// becomes a diagnostic with file:line:column; reading goes on past a problem so that all of
/// them are reported at once.</summary>
public sealed class PlanReader
{
    private static readonly string[] EnvelopeKeys = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly Dictionary<string, ElementKind> KindsByName =
        Enum.GetValues<ElementKind>().ToDictionary(kind => kind.ToString(), StringComparer.Ordinal);

    private readonly string _file;
    private readonly SourceMap _map;
    private readonly List<Diagnostic> _diagnostics;

    private PlanReader(string file, SourceMap map, List<Diagnostic> diagnostics)
    {
        _file = file;
        _map = map;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads every document of one file. <paramref name="file"/> is the name shown in messages.</summary>
    public static IReadOnlyList<PlanDocument> Read(string file, string text, SourceMap map, List<Diagnostic> diagnostics)
    {
        var reader = new PlanReader(file, map, diagnostics);
        if (reader.FindTabIndentation(text))
        {
            return [];
        }

        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException problem)
        {
            var message = (problem.InnerException?.Message ?? problem.Message).Trim();
            reader.SyntaxError($"This is not valid YAML: {Unprefixed(message)}", problem.Start);
            return [];
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated constructs at the end of a file.
            reader.SyntaxError("This is not valid YAML: the file ends inside an unfinished list or mapping.", parser.Current?.End ?? Mark.Empty);
            return [];
        }

        var documents = new List<PlanDocument>();
        foreach (var document in stream.Documents)
        {
            if (reader.ReadDocument(document.RootNode) is { } read)
            {
                documents.Add(read);
            }
        }
        return documents;
    }

    private void SyntaxError(string message, Mark mark) =>
        Error(PlanFileCodes.YamlSyntax, message, new SourceLocation(_file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column)),
            "check the indentation, brackets and quoting around this place; text containing ': ' or ' #' needs quotes");

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

    private PlanDocument? ReadDocument(YamlNode root)
    {
        if (root is not YamlMappingNode envelope)
        {
            if (!IsNull(root))
            {
                Error(PlanFileCodes.WrongType, "A plan document must be a mapping with apiVersion, kind, metadata and spec.", At(root));
            }
            return null;
        }

        foreach (var (keyNode, _) in envelope.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
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
        else if (Scalar(apiVersion) != PlanDocument.ApiVersion)
        {
            Error(PlanFileCodes.UnknownApiVersion, $"Unknown apiVersion '{Scalar(apiVersion)}'.", At(apiVersion), $"this version of Continuity reads '{PlanDocument.ApiVersion}'");
        }

        var kindNode = Child(envelope, "kind");
        ElementKind kind;
        if (kindNode is null)
        {
            Error(PlanFileCodes.MissingField, "The document has no kind.", At(envelope), "add 'kind:' with one of " + string.Join(", ", KindsByName.Keys));
            return null;
        }
        if (!KindsByName.TryGetValue(Scalar(kindNode) ?? "", out kind))
        {
            var written = Scalar(kindNode) ?? "";
            Error(PlanFileCodes.UnknownKind, $"Unknown kind '{written}'.", At(kindNode),
                Naming.DidYouMean(written, KindsByName.Keys) ?? "kinds are " + string.Join(", ", KindsByName.Keys));
            return null;
        }

        var metadataNode = Child(envelope, "metadata");
        if (metadataNode is null)
        {
            Error(PlanFileCodes.MissingField, "The document has no metadata.", At(envelope), "add 'metadata:' with at least 'name:'");
            return null;
        }
        if (IsNull(metadataNode))
        {
            Error(PlanFileCodes.MissingField, "The document's metadata is empty.", At(metadataNode), "add 'name:' under metadata");
            return null;
        }
        if (Bind(metadataNode, typeof(Metadata), "metadata") is not Metadata metadata || metadata.Name.Length == 0)
        {
            return null;
        }

        var specType = PlanDocument.SpecType(kind);
        ElementSpec? spec;
        if (Child(envelope, "spec") is { } specNode && !IsNull(specNode))
        {
            spec = Bind(specNode, specType, "spec") as ElementSpec;
        }
        else if (TypeShape.Of(specType).Properties.Where(p => p.Required).Select(p => p.Key).ToList() is { Count: > 0 } required)
        {
            Error(PlanFileCodes.MissingField, $"The {kind} has no spec.", At(envelope), "add 'spec:' with at least " + string.Join(", ", required));
            spec = null;
        }
        else
        {
            spec = (ElementSpec)Activator.CreateInstance(specType)!;
            _map.Add(spec, At(envelope));
        }
        if (spec is null)
        {
            return null;
        }
        _map.Add(metadata, At(envelope));
        return new PlanDocument(kind, metadata, spec);
    }

    /// <summary>Binds a node to a value of <paramref name="type"/>, or reports why it cannot.
    /// Returns null when the node is null or wrong (and then a diagnostic was added).</summary>
    private object? Bind(YamlNode node, Type type, string path, PropertyShape? property = null)
    {
        var shape = TypeShape.Of(type);
        if (IsNull(node))
        {
            return null;
        }

        switch (shape.Shape)
        {
            case ValueShape.Object:
                if (node is YamlScalarNode && shape.ScalarForm is { } scalarProperty)
                {
                    var instance = Activator.CreateInstance(shape.Bare)!;
                    _map.Add(instance, At(node));
                    var target = shape.Property(Naming.CamelCase(scalarProperty))!;
                    target.SetValue(instance, Bind(node, target.Property.PropertyType, $"{path}.{target.Key}", target));
                    _map.Add(instance, target.Key, At(node));
                    return instance;
                }
                return node is YamlMappingNode mapping ? BindObject(mapping, shape, path) : WrongType(node, path, "a mapping (key: value lines)");

            case ValueShape.List:
                if (node is not YamlSequenceNode sequence)
                {
                    return WrongType(node, path, "a list (lines starting with '- ', or [a, b])");
                }
                var list = (IList)Activator.CreateInstance(shape.Bare)!;
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    if (Bind(item, shape.Item!, $"{path}[{index++}]", property) is { } value)
                    {
                        list.Add(value);
                    }
                }
                return list;

            case ValueShape.Map:
                if (node is not YamlMappingNode map)
                {
                    return WrongType(node, path, "a mapping (key: value lines)");
                }
                var dictionary = (IDictionary)Activator.CreateInstance(shape.Bare)!;
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var keyText = Scalar(keyNode) ?? "";
                    object? key = keyText;
                    if (shape.Key == typeof(Duration))
                    {
                        key = ParseDuration(keyNode, keyText);
                    }
                    if (key is not null && dictionary.Contains(key))
                    {
                        Error(PlanFileCodes.DuplicateId, $"'{path}' has '{keyText}' twice (as {key}).", At(keyNode), "keep one of them");
                        continue;
                    }
                    if (key is not null && Bind(valueNode, shape.Item!, $"{path}.{keyText}", property) is { } value)
                    {
                        dictionary[key] = value;
                        _map.Add(dictionary, key.ToString()!, At(keyNode));
                    }
                }
                return dictionary;

            default:
                return node is YamlScalarNode scalar
                    ? BindScalar(scalar, shape, path, property)
                    : WrongType(node, path, shape.Shape switch
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

    private object BindObject(YamlMappingNode mapping, TypeShape shape, string path)
    {
        var instance = Activator.CreateInstance(shape.Bare)!;
        _map.Add(instance, At(mapping));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = Scalar(keyNode) ?? "";
            if (shape.Property(key) is not { } property)
            {
                UnknownKey(keyNode, key, shape.Properties.Select(p => p.Key), path);
                continue;
            }
            _map.Add(instance, key, At(valueNode));
            var problemsBefore = _diagnostics.Count;
            var value = Bind(valueNode, property.Property.PropertyType, $"{path}.{key}", property);
            if (_diagnostics.Count == problemsBefore)
            {
                seen.Add(key);
            }
            else
            {
                failed.Add(key);
            }
            if (value is not null)
            {
                property.SetValue(instance, value);
            }
        }

        foreach (var property in shape.Properties.Where(p => p.Required && !failed.Contains(p.Key)))
        {
            var value = property.GetValue(instance);
            var missing = !seen.Contains(property.Key) || value is null || (value is string text && text.Length == 0) || value is ICollection { Count: 0 };
            if (missing)
            {
                Error(PlanFileCodes.MissingField, $"'{path}' needs '{property.Key}'.", At(mapping),
                    property.Doc is null ? $"add '{property.Key}:'" : $"add '{property.Key}:' — {property.Doc}");
            }
        }
        return instance;
    }

    private object? BindScalar(YamlScalarNode scalar, TypeShape shape, string path, PropertyShape? property)
    {
        var text = scalar.Value ?? "";
        switch (shape.Shape)
        {
            case ValueShape.String:
                if (property?.IsSlug == true && !Naming.IsSlug(text))
                {
                    Error(PlanFileCodes.InvalidName, $"'{text}' is not a valid name for '{path}'.", At(scalar),
                        $"use lowercase letters, digits and dashes, at most {Naming.MaxNameLength} characters (for example '{Suggest(text)}')");
                    return null;
                }
                return text;

            case ValueShape.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ||
                    (shape.Bare == typeof(int) && number is < int.MinValue or > int.MaxValue))
                {
                    return WrongType(scalar, path, "a whole number");
                }
                if (property?.Range is { } range && (number < Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture) || number > Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture)))
                {
                    Error(PlanFileCodes.InvalidValue, $"'{path}' is {number}, outside the allowed range.", At(scalar), $"use a number from {range.Minimum} to {range.Maximum}");
                    return null;
                }
                return shape.Bare == typeof(int) ? (object)(int)number : number;

            case ValueShape.Boolean:
                return text switch
                {
                    "true" => true,
                    "false" => false,
                    _ => WrongType(scalar, path, "true or false"),
                };

            case ValueShape.Enum:
                var names = shape.EnumValues;
                for (var at = 0; at < names.Count; at++)
                {
                    if (names[at] == text)
                    {
                        return shape.EnumMembers.GetValue(at);
                    }
                }
                if (AcceptsNumbers(shape.Bare) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) && Enum.IsDefined(shape.Bare, numeric))
                {
                    return Enum.ToObject(shape.Bare, numeric);
                }
                Error(PlanFileCodes.InvalidValue, $"'{text}' is not a valid value for '{path}'.", At(scalar),
                    (Naming.DidYouMean(text, names) is { } guess ? guess + " " : "") + "allowed: " + string.Join(", ", names));
                return null;

            case ValueShape.Duration:
                return ParseDuration(scalar, text);

            case ValueShape.Date:
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }
                Error(PlanFileCodes.InvalidValue, $"'{text}' is not a date for '{path}'.", At(scalar), "write dates as YYYY-MM-DD, for example 2026-05-04");
                return null;

            case ValueShape.Reference:
                return ParseReference(scalar, text, path, property?.RefTo ?? []);

            default:
                return WrongType(scalar, path, "a mapping or a list");
        }
    }

    /// <summary>Enums whose numbers mean something to people (impact 1–5) may be written as numbers.</summary>
    internal static bool AcceptsNumbers(Type enumType) => enumType == typeof(ImpactRating);

    private Duration? ParseDuration(YamlNode node, string text)
    {
        if (Duration.TryParse(text, out var duration, out var error))
        {
            return duration;
        }
        Error(PlanFileCodes.InvalidValue, error, At(node), "examples: 90m, 4h, 2d, 1w, PT4H");
        return null;
    }

    private Reference? ParseReference(YamlScalarNode node, string text, string path, IReadOnlyList<ElementKind> allowed)
    {
        Reference reference;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var kindText = text[..colon];
            if (!ElementKinds.TryParseSlug(kindText, out var kind))
            {
                var slugs = allowed.Select(ElementKinds.Slug);
                Error(PlanFileCodes.WrongKindOfReference, $"'{kindText}' in '{text}' is not a kind of element.", At(node),
                    (Naming.DidYouMean(kindText, slugs) is { } guess ? guess + " " : "") + "'" + path + "' may refer to: " + string.Join(", ", slugs));
                return null;
            }
            if (allowed.Count > 0 && !allowed.Contains(kind))
            {
                Error(PlanFileCodes.WrongKindOfReference, $"'{path}' cannot refer to a {ElementKinds.Slug(kind)}.", At(node),
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
            Error(PlanFileCodes.InvalidName, $"'{text}' is not a valid reference for '{path}'.", At(node),
                "refer to an element by its metadata.name, optionally prefixed by its kind (system:customer-db)");
            return null;
        }
        _map.Add(reference, At(node));
        return reference;
    }

    private object? WrongType(YamlNode node, string path, string expected)
    {
        var found = node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode scalar => $"'{scalar.Value}'",
            _ => "something else",
        };
        Error(PlanFileCodes.WrongType, $"'{path}' must be {expected}, not {found}.", At(node));
        return null;
    }

    private void UnknownKey(YamlNode keyNode, string key, IEnumerable<string> allowed, string where)
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

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };

    private SourceLocation At(YamlNode node) => new(_file, (int)node.Start.Line, (int)node.Start.Column);

    private void Error(string code, string message, SourceLocation location, string? hint = null) =>
        _diagnostics.Add(new Diagnostic(Severity.Error, code, message, location, hint));
}
