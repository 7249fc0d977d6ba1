using System.Collections;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Continuity.PlanFiles;

/// <summary>Writes plans as canonical YAML: documents sorted by name, properties in model order,
/// default values left out, durations in their largest exact unit, maps sorted by key. The same
/// plan always gives the same bytes, so exports diff cleanly in git.</summary>
public static class PlanFileWriter
{
    /// <summary>The file each kind is exported to.</summary>
    public static string FileFor(ElementKind kind) => kind switch
    {
        ElementKind.Organisation => "organisation.yaml",
        ElementKind.Site => "sites.yaml",
        ElementKind.Team => "teams.yaml",
        ElementKind.Person => "people.yaml",
        ElementKind.Role => "roles.yaml",
        ElementKind.BusinessFunction => "functions.yaml",
        ElementKind.System => "systems.yaml",
        ElementKind.Vendor => "vendors.yaml",
        ElementKind.Risk => "risks.yaml",
        ElementKind.Scenario => "scenarios.yaml",
        ElementKind.Procedure => "procedures.yaml",
        ElementKind.CommunicationPlan => "communication.yaml",
        ElementKind.BackupPolicy => "backups.yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The files of an export: one per kind that has elements, in kind order.</summary>
    public static IReadOnlyList<(string File, string Text)> Files(Plan plan) =>
        [.. plan.Documents.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => (FileFor(g.Key), Write(g)))];

    /// <summary>One YAML text holding the documents, separated by <c>---</c>.</summary>
    public static string Write(IEnumerable<PlanDocument> documents)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(2, int.MaxValue, false, 1024, true, true, "\n"));
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents.OrderBy(d => d.Kind).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            first = false;
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            Scalar(emitter, "apiVersion");
            Scalar(emitter, PlanDocument.ApiVersion);
            Scalar(emitter, "kind");
            Scalar(emitter, document.Kind.ToString());
            Scalar(emitter, "metadata");
            WriteObject(emitter, document.Metadata, TypeShape.Of(typeof(Metadata)));
            var specShape = TypeShape.Of(document.Spec.GetType());
            if (specShape.Properties.Any(p => p.Required) || !IsDefault(document.Spec, Activator.CreateInstance(document.Spec.GetType()), specShape))
            {
                Scalar(emitter, "spec");
                WriteObject(emitter, document.Spec, specShape);
            }
            emitter.Emit(new MappingEnd());
            emitter.Emit(new DocumentEnd(isImplicit: true));
        }
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>Writes the plan into a folder, one file per kind. The folder must be new, empty,
    /// or hold only files of an earlier export, which are replaced.</summary>
    public static IReadOnlyList<string> WriteFolder(Plan plan, string folder)
    {
        if (FolderProblem(folder) is { } problem)
        {
            throw new IOException(problem);
        }
        var files = Files(plan);
        Directory.CreateDirectory(folder);
        var ours = Enum.GetValues<ElementKind>().Select(FileFor).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in ours.Select(name => Path.Join(folder, name)).Where(File.Exists))
        {
            File.Delete(stale);
        }
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Join(folder, file), text);
        }
        return [.. files.Select(f => Path.Join(folder, f.File))];
    }

    /// <summary>Why plan files cannot be written into this folder, or null when they can: it must
    /// be new, empty, or hold only the files of an earlier export.</summary>
    public static string? FolderProblem(string folder)
    {
        if (File.Exists(folder))
        {
            return $"'{folder}' is a file; give a folder to write the plan files into.";
        }
        if (!Directory.Exists(folder))
        {
            return null;
        }
        var ours = Enum.GetValues<ElementKind>().Select(FileFor).ToHashSet(StringComparer.Ordinal);
        var strangers = Directory.EnumerateFileSystemEntries(folder)
            .Select(Path.GetFileName)
            .Where(name => name is not null && !ours.Contains(name) && !name.StartsWith('.'))
            .ToList();
        return strangers.Count == 0 ? null
            : $"'{folder}' already holds other files ({string.Join(", ", strangers.Take(3))}); write into a new or empty folder, or one holding an earlier export.";
    }

    private static void WriteObject(IEmitter emitter, object value, TypeShape shape)
    {
        emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        foreach (var property in shape.Properties)
        {
            var child = property.GetValue(value);
            if (child is null || (!property.Required && IsDefault(child, property.Default, property.Type)))
            {
                continue;
            }
            Scalar(emitter, property.Key);
            WriteValue(emitter, child, property.Type, property);
        }
        emitter.Emit(new MappingEnd());
    }

    private static void WriteValue(IEmitter emitter, object value, TypeShape shape, PropertyShape property)
    {
        switch (shape.Shape)
        {
            case ValueShape.Object:
                var objectShape = TypeShape.Of(value.GetType());
                if (objectShape.ScalarForm is { } scalarForm && IsOnly(value, objectShape, Naming.CamelCase(scalarForm)))
                {
                    WriteValue(emitter, objectShape.Property(Naming.CamelCase(scalarForm))!.GetValue(value)!, TypeShape.Of(typeof(Reference)), objectShape.Property(Naming.CamelCase(scalarForm))!);
                }
                else
                {
                    WriteObject(emitter, value, objectShape);
                }
                break;

            case ValueShape.List:
                var items = (IList)value;
                var itemShape = TypeShape.Of(shape.Item!);
                var flow = items.Count > 0 && IsScalar(itemShape) && items.Count <= 8 && itemShape.Shape != ValueShape.String;
                emitter.Emit(new SequenceStart(null, null, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in items)
                {
                    WriteValue(emitter, item, itemShape, property);
                }
                emitter.Emit(new SequenceEnd());
                break;

            case ValueShape.Map:
                var map = (IDictionary)value;
                var valueShape = TypeShape.Of(shape.Item!);
                var keys = map.Keys.Cast<object>().ToList();
                keys.Sort((a, b) => a is Duration x && b is Duration y ? x.CompareTo(y)
                    : a is Enum && b is Enum ? ((IComparable)a).CompareTo(b)
                    : string.CompareOrdinal(a.ToString(), b.ToString()));
                var flowMap = (shape.Key == typeof(Duration) || shape.Key!.IsEnum) && IsScalar(valueShape);
                emitter.Emit(new MappingStart(null, null, true, flowMap ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var key in keys)
                {
                    Scalar(emitter, PlanReader.MapKeyText(key), text: key is string);
                    WriteValue(emitter, map[key]!, valueShape, property);
                }
                emitter.Emit(new MappingEnd());
                break;

            default:
                Scalar(emitter, FormatScalar(value, shape, property), text: shape.Shape == ValueShape.String);
                break;
        }
    }

    private static string FormatScalar(object value, TypeShape shape, PropertyShape property) => shape.Shape switch
    {
        ValueShape.Boolean => (bool)value ? "true" : "false",
        ValueShape.Enum => Naming.KebabCase(value.ToString()!),
        ValueShape.Date => ((DateOnly)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ValueShape.Integer => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        ValueShape.Reference => property.RefTo.Count == 1 ? ((Reference)value).Name : value.ToString()!,
        _ => value.ToString()!,
    };

    private static bool IsScalar(TypeShape shape) => shape.Shape is not (ValueShape.List or ValueShape.Map or ValueShape.Object);

    private static bool IsOnly(object value, TypeShape shape, string key) =>
        shape.Properties.All(p => p.Key == key ? p.GetValue(value) is not null : IsDefault(p.GetValue(value), p.Default, p.Type));

    /// <summary>Deep equality with the default value, so that defaults are left out of files.</summary>
    internal static bool IsDefault(object? value, object? defaultValue, TypeShape shape)
    {
        if (value is null || defaultValue is null)
        {
            return value is null && (defaultValue is null || shape.Shape is ValueShape.List or ValueShape.Map);
        }
        switch (shape.Shape)
        {
            case ValueShape.List:
                var items = (IList)value;
                var defaults = (IList)defaultValue;
                if (items.Count != defaults.Count)
                {
                    return false;
                }
                var itemShape = TypeShape.Of(shape.Item!);
                for (var i = 0; i < items.Count; i++)
                {
                    if (!IsDefault(items[i], defaults[i], itemShape))
                    {
                        return false;
                    }
                }
                return true;
            case ValueShape.Map:
                var map = (IDictionary)value;
                var defaultMap = (IDictionary)defaultValue;
                return map.Count == defaultMap.Count && map.Keys.Cast<object>().All(k =>
                    defaultMap.Contains(k) && IsDefault(map[k], defaultMap[k], TypeShape.Of(shape.Item!)));
            case ValueShape.Object:
                var objectShape = TypeShape.Of(value.GetType());
                return value.GetType() == defaultValue.GetType() &&
                    objectShape.Properties.All(p => IsDefault(p.GetValue(value), p.GetValue(defaultValue), p.Type));
            default:
                return value.Equals(defaultValue);
        }
    }

    private static void Scalar(IEmitter emitter, string value, bool text = false)
    {
        // Text that YAML (1.1 or 1.2) would read as null, a boolean or a number is quoted, so that
        // every YAML tool and editor reads it as the text it is.
        var style = value is "" or "~" or "null" or "Null" or "NULL" || (text && LooksTyped(value)) ? ScalarStyle.DoubleQuoted
            : value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, value, style, true, true));
    }

    private static bool LooksTyped(string value) =>
        value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" ||
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ||
        (value.Length > 0 && char.IsAsciiDigit(value[0]) && value.All(c => char.IsAsciiDigit(c) || c is ':' or '-' or '_' or '.'));
}
