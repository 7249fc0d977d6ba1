using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Store;

/// <summary>One text per meaning: two documents that say the same thing have the same canonical
/// JSON. Object keys are sorted, and nulls, empty objects and empty lists are left out (an
/// empty <c>objectives: {}</c> says nothing more than no objectives). Import compares documents
/// with <see cref="Comparer"/>, which applies the same rules without writing the text.</summary>
public static class CanonicalPlanJson
{
    public static string Of(PlanDocument document) => Write(JsonSerializer.SerializeToNode(Shape(document), PlanJson.Options));

    /// <summary>The canonical JSON of a document after <paramref name="reshape"/> changed its tree
    /// (<c>kind</c>, <c>metadata</c>, <c>spec</c>, keys as in plan files): what a plan version keeps
    /// of it.</summary>
    public static string Of(PlanDocument document, Action<JsonObject> reshape)
    {
        ArgumentNullException.ThrowIfNull(reshape);
        var node = JsonSerializer.SerializeToNode(Shape(document), PlanJson.Options)!.AsObject();
        reshape(node);
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

    // What is serialized of a document, by both Of and Comparer.
    private static object Shape(PlanDocument document) =>
        new { kind = document.Kind, metadata = document.Metadata, spec = (object)document.Spec };

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

    /// <summary>Tells whether two documents have the same canonical JSON, many times over with
    /// little garbage: it serializes both into buffers it reuses and compares the two JSON trees
    /// by the rules of <see cref="Of(PlanDocument)"/> (keys in any order, empty values left out).
    /// Both texts come from the same serializer, so equal strings, numbers and keys are equal
    /// bytes, escapes included. Not thread-safe.</summary>
    public sealed class Comparer : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _left = new(4096);
        private readonly ArrayBufferWriter<byte> _right = new(4096);
        private readonly Utf8JsonWriter _leftWriter;
        private readonly Utf8JsonWriter _rightWriter;

        public Comparer()
        {
            _leftWriter = new Utf8JsonWriter(_left);
            _rightWriter = new Utf8JsonWriter(_right);
        }

        public void Dispose()
        {
            _leftWriter.Dispose();
            _rightWriter.Dispose();
        }

        public bool Equal(PlanDocument left, PlanDocument right)
        {
            using var leftJson = Serialize(left, _left, _leftWriter);
            using var rightJson = Serialize(right, _right, _rightWriter);
            return Equal(leftJson.RootElement, rightJson.RootElement);
        }

        private static JsonDocument Serialize(PlanDocument document, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            JsonSerializer.Serialize(writer, Shape(document), PlanJson.Options);
            return JsonDocument.Parse(buffer.WrittenMemory);
        }

        private static bool Equal(JsonElement left, JsonElement right) => left.ValueKind == right.ValueKind && left.ValueKind switch
        {
            JsonValueKind.Object => ObjectsEqual(left, right),
            JsonValueKind.Array => ArraysEqual(left, right),
            _ => JsonMarshal.GetRawUtf8Value(left).SequenceEqual(JsonMarshal.GetRawUtf8Value(right)),
        };

        private static bool ObjectsEqual(JsonElement left, JsonElement right)
        {
            var unmatched = 0;
            foreach (var property in left.EnumerateObject())
            {
                if (IsEmpty(property.Value))
                {
                    continue;
                }
                if (!TryFind(right, JsonMarshal.GetRawUtf8PropertyName(property), out var other) || !Equal(property.Value, other))
                {
                    return false;
                }
                unmatched++;
            }
            foreach (var property in right.EnumerateObject())
            {
                if (!IsEmpty(property.Value))
                {
                    unmatched--;
                }
            }
            return unmatched == 0;
        }

        // By the name as written: both sides escape alike, and keys are unique within an object.
        private static bool TryFind(JsonElement obj, ReadOnlySpan<byte> rawName, out JsonElement value)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (JsonMarshal.GetRawUtf8PropertyName(property).SequenceEqual(rawName))
                {
                    value = property.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }

        private static bool ArraysEqual(JsonElement left, JsonElement right)
        {
            if (left.GetArrayLength() != right.GetArrayLength())
            {
                return false;
            }
            using var rightItems = right.EnumerateArray();
            foreach (var item in left.EnumerateArray())
            {
                rightItems.MoveNext();
                if (!Equal(item, rightItems.Current))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsEmpty(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Null:
                    return true;
                case JsonValueKind.Array:
                    return element.GetArrayLength() == 0;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!IsEmpty(property.Value))
                        {
                            return false;
                        }
                    }
                    return true;
                default:
                    return false;
            }
        }
    }
}
