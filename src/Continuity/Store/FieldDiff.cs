using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Continuity.Audit;

namespace Continuity.Store;

/// <summary>The fields that differ between two canonical JSON texts of one element, as paths
/// (<c>spec.objectives.rto</c>, <c>spec.dependsOn[2].on</c>) with compact JSON values. Lists of
/// the same length are compared item by item; a list that grew or shrank is one change.</summary>
public static class FieldDiff
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="before">Canonical JSON before; null when the element is new.</param>
    /// <param name="after">Canonical JSON after; null when the element was removed.</param>
    public static List<FieldChange> Between(string? before, string? after)
    {
        var changes = new List<FieldChange>();
        // A missing side is an empty document, so a creation lists kind, metadata and spec.
        Walk("", before is null ? new JsonObject() : JsonNode.Parse(before), after is null ? new JsonObject() : JsonNode.Parse(after), changes);
        return changes;
    }

    public static IEnumerable<string> Fields(string? before, string? after) => Between(before, after).Select(c => c.Field);

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<FieldChange> changes)
    {
        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var key in b.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Walk(path.Length == 0 ? key : $"{path}.{key}", b[key], a[key], changes);
                }
                break;
            case (JsonArray b, JsonArray a) when b.Count == a.Count:
                for (var i = 0; i < b.Count; i++)
                {
                    Walk($"{path}[{i}]", b[i], a[i], changes);
                }
                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    changes.Add(new FieldChange(path, before?.ToJsonString(Compact), after?.ToJsonString(Compact)));
                }
                break;
        }
    }
}
