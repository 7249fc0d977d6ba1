using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Store;

/// <summary>One text per meaning: two documents that say the same thing have the same canonical
/// JSON. Object keys are sorted, and nulls, empty objects and empty lists are left out (an
/// empty <c>objectives: {}</c> says nothing more than no objectives). Import compares documents
/// with it to leave unchanged elements untouched.</summary>
public static class CanonicalPlanJson
{
    public static string Of(PlanDocument document)
    {
        var node = JsonSerializer.SerializeToNode(
            new { kind = document.Kind, metadata = document.Metadata, spec = (object)document.Spec }, PlanJson.Options);
        return Write(node);
    }

    /// <summary>Every document, in the plan's order (kind, then name).</summary>
    public static string Of(Plan plan)
    {
        var builder = new StringBuilder("[");
        foreach (var document in plan.Documents)
        {
            builder.Append(builder.Length > 1 ? ",\n" : "").Append(Of(document));
        }
        return builder.Append(']').ToString();
    }

    private static string Write(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteNode(writer, node);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.Where(p => !IsEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.All(p => IsEmpty(p.Value)),
        JsonArray array => array.Count == 0,
        _ => false,
    };
}
