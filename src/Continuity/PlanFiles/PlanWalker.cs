using System.Collections;
using System.Text;

namespace Continuity.PlanFiles;

/// <summary>Finds every reference in a plan-model object, wherever it is nested.</summary>
public static class PlanWalker
{
    /// <summary>A reference, the kinds it may point at, and the path of the property holding it.</summary>
    public readonly record struct Found(Reference Reference, IReadOnlyList<ElementKind> Allowed, string Path);

    /// <summary>The references in <paramref name="value"/>, in property order.</summary>
    /// <remarks>One walk into a list, with the path grown and cut back in one buffer: nested
    /// iterators and a path string for every value visited were about half of the validator's time.</remarks>
    public static IReadOnlyList<Found> References(object value, string path = "spec")
    {
        var found = new List<Found>();
        Walk(value, TypeShape.Of(value.GetType()), new StringBuilder(path), [], found);
        return found;
    }

    private static void Walk(object value, TypeShape shape, StringBuilder path, IReadOnlyList<ElementKind> allowed, List<Found> found)
    {
        var length = path.Length;
        switch (shape.Shape)
        {
            case ValueShape.Reference:
                found.Add(new Found((Reference)value, allowed, path.ToString()));
                break;
            case ValueShape.List:
                var index = 0;
                foreach (var item in (IList)value)
                {
                    Walk(item, shape.ItemShape!, path.Append('[').Append(index++).Append(']'), allowed, found);
                    path.Length = length;
                }
                break;
            case ValueShape.Map:
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    if (entry.Value is not null)
                    {
                        Walk(entry.Value, shape.ItemShape!, path.Append('.').Append(PlanReader.MapKeyText(entry.Key)), allowed, found);
                        path.Length = length;
                    }
                }
                break;
            case ValueShape.Object:
                foreach (var property in shape.Properties)
                {
                    if (property.GetValue(value) is { } child)
                    {
                        Walk(child, property.Type, path.Append('.').Append(property.Key), property.RefTo, found);
                        path.Length = length;
                    }
                }
                break;
            default:
                break;
        }
    }
}
