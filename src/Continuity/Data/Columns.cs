using Continuity.PlanFiles;

namespace Continuity.Data;

/// <summary>The conversions between plan-model values and column values: durations are whole
/// minutes, references are the target's name (or <c>kind:name</c> where several kinds fit).</summary>
internal static class Columns
{
    public static int? ToMinutes(Duration? duration) => duration?.Minutes;

    public static Duration? ToDuration(int? minutes) => minutes is { } value ? new Duration(value) : null;

    public static Reference? ToReference(ElementKind kind, string? name) => name is null ? null : Reference.To(kind, name);

    public static List<Reference> ToReferences(ElementKind kind, IEnumerable<string> names) =>
        [.. names.Select(name => Reference.To(kind, name))];

    /// <summary>References to several possible kinds, each as <c>kind:name</c> (or as written).</summary>
    public static List<string> ToTexts(IEnumerable<Reference>? references) =>
        [.. (references ?? []).Select(reference => PlanJson.FormatReference(reference, onlyKind: null))];

    public static List<Reference> FromTexts(IEnumerable<string> texts) =>
        [.. texts.Select(text => PlanJson.ParseReference(text, assumedKind: null))];

    public static List<string> ToNames(IEnumerable<Reference>? references) => [.. (references ?? []).Select(reference => reference.Name)];

    public static List<T> Copy<T>(IEnumerable<T>? items) => [.. items ?? []];

    /// <summary>A map keyed by disruption class, as stored: the class as plan files spell it.</summary>
    public static Dictionary<string, T> ToDisruptionKeys<T>(Dictionary<Disruption, T>? map) =>
        (map ?? []).ToDictionary(entry => Naming.KebabCase(entry.Key.ToString()), entry => entry.Value, StringComparer.Ordinal);

    /// <summary>The stored map back by class; a key that is no class (written by an older version,
    /// whose keys were free text) is left out, since plan files can no longer say it.</summary>
    public static Dictionary<Disruption, T> FromDisruptionKeys<T>(IReadOnlyDictionary<string, T> map)
    {
        var shape = TypeShape.Of(typeof(Disruption));
        var byClass = new Dictionary<Disruption, T>();
        foreach (var (key, value) in map)
        {
            if (shape.TryGetEnumValue(key, out var disruption))
            {
                byClass[(Disruption)disruption] = value;
            }
        }
        return byClass;
    }
}
