using System.Collections;

namespace Continuity.PlanFiles;

/// <summary>Finds every reference in a plan-model object, wherever it is nested.</summary>
public static class PlanWalker
{
    /// <summary>A reference, the kinds it may point at, and the path of the property holding it.</summary>
    public readonly record struct Found(Reference Reference, IReadOnlyList<ElementKind> Allowed, string Path);

    public static IEnumerable<Found> References(object value, string path = "spec") =>
        Walk(value, TypeShape.Of(value.GetType()), path, []);

    private static IEnumerable<Found> Walk(object value, TypeShape shape, string path, IReadOnlyList<ElementKind> allowed)
    {
        switch (shape.Shape)
        {
            case ValueShape.Reference:
                yield return new Found((Reference)value, allowed, path);
                break;
            case ValueShape.List:
                var index = 0;
                foreach (var item in (IList)value)
                {
                    foreach (var found in Walk(item, TypeShape.Of(shape.Item!), $"{path}[{index++}]", allowed))
                    {
                        yield return found;
                    }
                }
                break;
            case ValueShape.Map:
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    if (entry.Value is not null)
                    {
                        foreach (var found in Walk(entry.Value, TypeShape.Of(shape.Item!), $"{path}.{entry.Key}", allowed))
                        {
                            yield return found;
                        }
                    }
                }
                break;
            case ValueShape.Object:
                foreach (var property in shape.Properties)
                {
                    if (property.GetValue(value) is { } child)
                    {
                        foreach (var found in Walk(child, property.Type, $"{path}.{property.Key}", property.RefTo))
                        {
                            yield return found;
                        }
                    }
                }
                break;
            default:
                break;
        }
    }
}
