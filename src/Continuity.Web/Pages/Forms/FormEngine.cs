using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Continuity.PlanFiles;
using Continuity.Store;

namespace Continuity.Web.Pages.Forms;

/// <summary>The form of every kind of element, generated from the plan-file model itself
/// (<see cref="TypeShape"/>, <see cref="PropertyShape"/>): one set of rules for plan files, the API
/// and the browser. Each input is named by its field path as plan files and <see cref="FieldError"/>
/// spell it (<c>spec.objectives.rto</c>, <c>spec.dependsOn[0].on</c>). Posted values are turned back
/// into a plan document by the plan-file reader, so a wrong type, range or missing field gets the
/// plan-file message, next to its input.</summary>
public static class FormEngine
{
    /// <summary>The hidden input holding how many items a list of objects has: <c>_n.spec.steps</c>.</summary>
    public const string CountPrefix = "_n.";

    /// <summary>Spec keys edited elsewhere (the BIA editor, the waiver pages): left out of the form,
    /// their stored values kept on save.</summary>
    public static IReadOnlySet<string> Excluded(ElementKind kind) => kind switch
    {
        ElementKind.BusinessFunction => new HashSet<string>(StringComparer.Ordinal) { "impact", "financialLoss" },
        ElementKind.Organisation => new HashSet<string>(StringComparer.Ordinal) { "waivers" },
        _ => new HashSet<string>(StringComparer.Ordinal),
    };

    private static readonly HashSet<string> LongTexts = new(StringComparer.Ordinal)
    {
        "description", "scope", "instructions", "body", "treatmentPlan", "exitStrategy", "restorationCheck", "ifUnreachable",
        "verification", "minimumCapacity", "reason", "evidence", "note", "fallback",
    };

    // ------------------------------------------------------------------ document → values

    /// <summary>The form values of a stored document, as plan files spell each value.</summary>
    public static Dictionary<string, string> ValuesOf(PlanDocument document)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(document.Metadata, TypeShape.Of(typeof(Metadata)), "metadata", values, new HashSet<string>());
        Collect(document.Spec, TypeShape.Of(document.Spec.GetType()), "spec", values, Excluded(document.Kind));
        return values;
    }

    private static void Collect(object instance, TypeShape shape, string path, Dictionary<string, string> values, IReadOnlySet<string> excluded)
    {
        foreach (var property in shape.Properties)
        {
            if (excluded.Contains(property.Key) || property.IsRecord || property.GetValue(instance) is not { } value)
            {
                continue;
            }
            CollectValue(value, property.Type, $"{path}.{property.Key}", values);
        }
    }

    private static void CollectValue(object value, TypeShape shape, string path, Dictionary<string, string> values)
    {
        switch (shape.Shape)
        {
            case ValueShape.Object:
                Collect(value, shape, path, values, new HashSet<string>());
                break;
            case ValueShape.List when IsObjectList(shape):
                var index = 0;
                foreach (var item in (IList)value)
                {
                    CollectValue(item, TypeShape.Of(shape.Item!), $"{path}[{index++}]", values);
                }
                values[CountPrefix + path] = index.ToString(CultureInfo.InvariantCulture);
                break;
            case ValueShape.List:
                var lines = ((IList)value).Cast<object>().Select(Scalar).ToList();
                if (lines.Count > 0)
                {
                    values[path] = string.Join('\n', lines);
                }
                break;
            case ValueShape.Map when TypeShape.Of(shape.Key!).Shape == ValueShape.Enum:
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    if (entry.Value is not null)
                    {
                        CollectValue(entry.Value, TypeShape.Of(shape.Item!), $"{path}.{MapKey(entry.Key)}", values);
                    }
                }
                break;
            case ValueShape.Map:
                var pairs = new List<string>();
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    pairs.Add($"{MapKey(entry.Key)}: {Scalar(entry.Value!)}");
                }
                if (pairs.Count > 0)
                {
                    values[path] = string.Join('\n', pairs);
                }
                break;
            default:
                values[path] = Scalar(value);
                break;
        }
    }

    private static string MapKey(object key) => key is Enum ? Naming.KebabCase(key.ToString()!) : key.ToString()!;

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        Enum e => Naming.KebabCase(e.ToString()),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    internal static bool IsObjectList(TypeShape shape) => shape.Shape == ValueShape.List && TypeShape.Of(shape.Item!).Shape == ValueShape.Object;

    private static bool IsEditableMap(TypeShape shape) =>
        TypeShape.Of(shape.Key!).Shape == ValueShape.Enum || (TypeShape.Of(shape.Key!).Shape == ValueShape.String && TypeShape.Of(shape.Item!).Shape == ValueShape.String);

    // ------------------------------------------------------------------ posted values

    /// <summary>The values of a posted form: inputs named by field path, and the list counts.</summary>
    public static Dictionary<string, string> FromPost(IFormCollection form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if ((key.StartsWith("metadata.", StringComparison.Ordinal) || key.StartsWith("spec.", StringComparison.Ordinal)
                || key.StartsWith(CountPrefix, StringComparison.Ordinal)) && value.LastOrDefault() is { } text)
            {
                values[key] = text.Replace("\r\n", "\n", StringComparison.Ordinal);
            }
        }
        return values;
    }

    /// <summary>Adds an empty item to the list of objects at <paramref name="list"/>.</summary>
    public static void Add(Dictionary<string, string> values, string list) =>
        values[CountPrefix + list] = (Count(values, list) + 1).ToString(CultureInfo.InvariantCulture);

    public static int Count(IReadOnlyDictionary<string, string> values, string list) =>
        values.TryGetValue(CountPrefix + list, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 500) : 0;

    /// <summary>Removes the item at <paramref name="item"/> (<c>spec.dependsOn[2]</c>): its values go, the
    /// items after it move up one place.</summary>
    public static void Remove(Dictionary<string, string> values, string item)
    {
        var open = item.LastIndexOf('[');
        if (open <= 0 || !item.EndsWith(']') || !int.TryParse(item[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var removed))
        {
            return;
        }
        var list = item[..open];
        var count = Count(values, list);
        if (removed >= count)
        {
            return;
        }
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            var counted = key.StartsWith(CountPrefix, StringComparison.Ordinal);
            var path = counted ? key[CountPrefix.Length..] : key;
            if (!path.StartsWith(list + "[", StringComparison.Ordinal))
            {
                moved[key] = value;
                continue;
            }
            var close = path.IndexOf(']', list.Length);
            if (close < 0 || !int.TryParse(path.AsSpan(list.Length + 1, close - list.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                continue;
            }
            if (index == removed)
            {
                continue;
            }
            var newPath = index < removed ? path : $"{list}[{index - 1}]{path[(close + 1)..]}";
            moved[counted ? CountPrefix + newPath : newPath] = value;
        }
        values.Clear();
        foreach (var (key, value) in moved)
        {
            values[key] = value;
        }
        values[CountPrefix + list] = (count - 1).ToString(CultureInfo.InvariantCulture);
    }

    // ------------------------------------------------------------------ values → document

    /// <summary>The document the values describe, read by the plan-file reader; or the reader's
    /// errors, each at the field path of its input.</summary>
    public static (PlanDocument? Document, List<FieldError> Errors) Bind(ElementKind kind, Dictionary<string, string> values)
    {
        var lines = new List<(string Text, string Path)>();
        var errors = new List<FieldError>();
        var metadata = EmitObject(TypeShape.Of(typeof(Metadata)), "metadata", values, new HashSet<string>(), errors) ?? [("{", "metadata"), ("}", "metadata")];
        var spec = EmitObject(TypeShape.Of(PlanDocument.SpecType(kind)), "spec", values, Excluded(kind), errors) ?? [("{", "spec"), ("}", "spec")];
        lines.Add(("{", ""));
        lines.Add(($"\"apiVersion\": {Json(PlanDocument.ApiVersion)},", ""));
        lines.Add(($"\"kind\": {Json(kind.ToString())},", ""));
        Member(lines, "metadata", metadata, last: false);
        Member(lines, "spec", spec, last: true);
        lines.Add(("}", ""));

        var text = string.Join('\n', lines.Select(l => l.Text)) + "\n";
        var loaded = PlanLoader.LoadTexts([("form", text)]);
        foreach (var problem in loaded.Diagnostics.Where(d => d.Severity == Severity.Error && string.CompareOrdinal(d.Code, PlanFileCodes.DuplicateId) < 0))
        {
            var path = problem.Location is { Line: > 0 } at && at.Line <= lines.Count ? lines[at.Line - 1].Path : "";
            if (problem.Code == PlanFileCodes.MissingField && NeededKey(problem.Message) is { } needed)
            {
                path = path.Length == 0 ? needed : $"{path}.{needed}";
            }
            errors.Add(new FieldError(path, problem.Hint is null ? problem.Message : $"{problem.Message} ({problem.Hint})"));
        }
        if (errors.Count > 0 || loaded.Plan.Documents.Count != 1)
        {
            return (null, errors);
        }
        return (loaded.Plan.Documents[0], errors);
    }

    /// <summary>Keeps the values of keys the form leaves out (edited elsewhere) as stored.</summary>
    public static PlanDocument WithKeptValues(PlanDocument posted, PlanDocument? stored)
    {
        if (stored is null)
        {
            return posted;
        }
        var shape = TypeShape.Of(posted.Spec.GetType());
        foreach (var key in Excluded(posted.Kind))
        {
            var property = shape.Property(key)!;
            property.SetValue(posted.Spec, property.GetValue(stored.Spec));
        }
        return posted;
    }

    private static string? NeededKey(string message)
    {
        const string marker = "needs '";
        var at = message.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var end = message.IndexOf('\'', at + marker.Length);
        return end < 0 ? null : message[(at + marker.Length)..end];
    }

    private static void Member(List<(string Text, string Path)> lines, string key, List<(string Text, string Path)> value, bool last)
    {
        lines.Add(($"{Json(key)}: {value[0].Text}", value[0].Path));
        lines.AddRange(value.Skip(1));
        if (!last)
        {
            var (text, path) = lines[^1];
            lines[^1] = (text + ",", path);
        }
    }

    private static string Json(string text) => JsonSerializer.Serialize(text, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<(string, string)>? EmitObject(TypeShape shape, string path, Dictionary<string, string> values, IReadOnlySet<string> excluded, List<FieldError> errors)
    {
        var members = new List<(string Key, List<(string, string)> Lines)>();
        foreach (var property in shape.Properties)
        {
            if (excluded.Contains(property.Key) || property.IsRecord)
            {
                continue;
            }
            if (EmitValue(property.Type, property, $"{path}.{property.Key}", values, errors) is { } lines)
            {
                members.Add((property.Key, lines));
            }
        }
        if (members.Count == 0)
        {
            return null;
        }
        var result = new List<(string Text, string Path)> { ("{", path) };
        for (var i = 0; i < members.Count; i++)
        {
            Member(result, members[i].Key, members[i].Lines, last: i == members.Count - 1);
        }
        result.Add(("}", path));
        return result;
    }

    private static List<(string, string)>? EmitValue(TypeShape shape, PropertyShape? property, string path, Dictionary<string, string> values, List<FieldError> errors)
    {
        switch (shape.Shape)
        {
            case ValueShape.Object:
                return EmitObject(shape, path, values, new HashSet<string>(), errors);

            case ValueShape.Boolean:
                var isTrue = values.TryGetValue(path, out var flag) && flag is "true" or "on";
                return property?.Default is bool standard && standard == isTrue ? null : [(isTrue ? "true" : "false", path)];

            case ValueShape.List when IsObjectList(shape):
                {
                    var count = Count(values, path);
                    var items = new List<List<(string, string)>>();
                    for (var i = 0; i < count; i++)
                    {
                        // An item left empty ("Add another" not filled in) is no item.
                        if (EmitValue(TypeShape.Of(shape.Item!), property, $"{path}[{i}]", values, errors) is { } item)
                        {
                            items.Add(item);
                        }
                    }
                    return items.Count == 0 ? null : Array(items, path);
                }

            case ValueShape.List:
                {
                    var lines = Lines(values.GetValueOrDefault(path));
                    return lines.Count == 0 ? null : [("[" + string.Join(", ", lines.Select(Json)) + "]", path)];
                }

            case ValueShape.Map when TypeShape.Of(shape.Key!).Shape == ValueShape.Enum:
                {
                    var members = new List<(string Key, List<(string, string)> Lines)>();
                    foreach (var key in TypeShape.Of(shape.Key!).EnumValues)
                    {
                        if (EmitValue(TypeShape.Of(shape.Item!), property, $"{path}.{key}", values, errors) is { } lines)
                        {
                            members.Add((key, lines));
                        }
                    }
                    return Members(members, path);
                }

            case ValueShape.Map when IsEditableMap(shape):
                {
                    var members = new List<(string Key, List<(string, string)> Lines)>();
                    foreach (var line in Lines(values.GetValueOrDefault(path)))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        if (colon <= 0)
                        {
                            errors.Add(new FieldError(path, $"'{line}' is not a 'key: value' line; write one label per line, for example 'region: eu-west-1'."));
                            continue;
                        }
                        members.Add((line[..colon].Trim(), new List<(string, string)> { (Json(line[(colon + 1)..].Trim()), path) }));
                    }
                    return Members(members, path);
                }

            case ValueShape.Map:
                return null;

            default:
                // Text of several lines (Markdown) is kept as written; a single line is trimmed.
                var raw = values.GetValueOrDefault(path);
                var text = raw is null || string.IsNullOrWhiteSpace(raw) ? null : raw.Contains('\n', StringComparison.Ordinal) ? raw : raw.Trim();
                // A choice left at the model's default says nothing more than no choice, so an empty
                // row with a preselected type stays empty.
                var isDefault = shape.Shape == ValueShape.Enum && property is { Required: false, Default: Enum preset } && !shape.IsNullable
                    && text == Naming.KebabCase(preset.ToString());
                return string.IsNullOrEmpty(text) || isDefault ? null : [(Json(text), path)];
        }
    }

    private static List<(string, string)>? Members(List<(string Key, List<(string, string)> Lines)> members, string path)
    {
        if (members.Count == 0)
        {
            return null;
        }
        var result = new List<(string Text, string Path)> { ("{", path) };
        for (var i = 0; i < members.Count; i++)
        {
            Member(result, members[i].Key, members[i].Lines, last: i == members.Count - 1);
        }
        result.Add(("}", path));
        return result;
    }

    private static List<(string, string)> Array(List<List<(string Text, string Path)>> items, string path)
    {
        var result = new List<(string Text, string Path)> { ("[", path) };
        for (var i = 0; i < items.Count; i++)
        {
            result.AddRange(items[i]);
            if (i < items.Count - 1)
            {
                var (text, at) = result[^1];
                result[^1] = (text + ",", at);
            }
        }
        result.Add(("]", path));
        return result;
    }

    internal static List<string> Lines(string? text) =>
        text is null ? [] : [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    // ------------------------------------------------------------------ labels

    /// <summary>How a person reads a key: <c>continuityCoordinator</c> → "Continuity coordinator".</summary>
    public static string Label(string key) => key switch
    {
        "rto" => "RTO",
        "rpo" => "RPO",
        "mtpd" => "MTPD",
        "sla" => "SLA",
        "url" => "URL",
        "dependsOn" => "Depends on",
        "anyOf" => "Any of (redundancy group)",
        "contractualRto" => "Contractual RTO",
        "rtoByDisruption" => "RTO by class of disruption",
        "byDisruption" => "By class of disruption",
        _ => Words(key),
    };

    private static string Words(string key)
    {
        var text = new StringBuilder();
        foreach (var c in key)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }
        return text.Replace('-', ' ').ToString();
    }

    internal static bool IsLongText(string key) => LongTexts.Contains(key);
}
