using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Continuity.PlanFiles;

namespace Continuity.Data;

/// <summary>How plan-model values are written as JSON: in the JSON text columns and in the
/// canonical form used to compare documents. Keys are camelCase as in plan files, enums are
/// names, durations are whole minutes, and references are written as plan files write them:
/// the bare name where the property admits one kind, <c>kind:name</c> where it admits several.</summary>
public static class PlanJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    /// <summary>Reads a reference as written: <c>kind:name</c>, or a bare name that refers to
    /// <paramref name="assumedKind"/> (null where the property admits several kinds).</summary>
    public static Reference ParseReference(string text, ElementKind? assumedKind)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && ElementKinds.TryParseSlug(text[..colon], out var kind)
            ? new Reference(kind, text[(colon + 1)..])
            : new Reference(assumedKind, text);
    }

    /// <summary>The text of a reference: the name alone when the property admits only
    /// <paramref name="onlyKind"/>, otherwise as the author wrote it.</summary>
    public static string FormatReference(Reference reference, ElementKind? onlyKind) =>
        onlyKind is null ? reference.ToString() : reference.Name;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UseSingleKindReferences } },
            Converters = { new JsonStringEnumConverter(), new DurationConverter(), new ReferenceConverter(null) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // A property marked [RefTo(oneKind)] writes the bare name and reads a bare name as that kind,
    // so "team:payments" and "payments" mean the same where only a team fits.
    private static void UseSingleKindReferences(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            var refTo = property.AttributeProvider?.GetCustomAttributes(typeof(RefToAttribute), inherit: false)
                .OfType<RefToAttribute>().FirstOrDefault();
            if (refTo is not { Kinds.Count: 1 })
            {
                continue;
            }
            if (property.PropertyType == typeof(Reference))
            {
                property.CustomConverter = new ReferenceConverter(refTo.Kinds[0]);
            }
            else if (property.PropertyType == typeof(List<Reference>))
            {
                property.CustomConverter = new ReferenceListConverter(refTo.Kinds[0]);
            }
        }
    }

    private sealed class DurationConverter : JsonConverter<Duration>
    {
        public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetInt32());

        public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.Minutes);

        public override Duration ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(int.Parse(reader.GetString()!, CultureInfo.InvariantCulture));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.Minutes.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class ReferenceConverter(ElementKind? onlyKind) : JsonConverter<Reference>
    {
        public override Reference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ParseReference(reader.GetString()!, onlyKind);

        public override void Write(Utf8JsonWriter writer, Reference value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatReference(value, onlyKind));
    }

    private sealed class ReferenceListConverter(ElementKind onlyKind) : JsonConverter<List<Reference>>
    {
        public override List<Reference> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Expected a list of references.");
            }
            var references = new List<Reference>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                references.Add(ParseReference(reader.GetString()!, onlyKind));
            }
            return references;
        }

        public override void Write(Utf8JsonWriter writer, List<Reference> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var reference in value)
            {
                writer.WriteStringValue(FormatReference(reference, onlyKind));
            }
            writer.WriteEndArray();
        }
    }
}
