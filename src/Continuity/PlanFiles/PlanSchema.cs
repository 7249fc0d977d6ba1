using System.Text.Json;
using System.Text.Json.Nodes;

namespace Continuity.PlanFiles;

/// <summary>The JSON Schema (draft 2020-12) of a plan document, generated from the same shapes
/// the loader binds to, so that editors complete and check exactly what Continuity accepts.</summary>
public static class PlanSchema
{
    public const string Id = "https://continuity.example/schemas/plan-v1.json";
    private const string ReferencePattern = "^([a-z-]+:)?[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
    private const string DurationPattern = @"^((\d+\s*[mhdw])+|P(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$";
    private const string ZeroDurationPattern = @"^((0+\s*[mhdw])+|P(0+W)?(0+D)?(T(0+H)?(0+M)?(0+S)?)?)$";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static string Text() => Generate().ToJsonString(Indented) + "\n";

    public static JsonObject Generate()
    {
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var conditions = new JsonArray();
        foreach (var kind in Enum.GetValues<ElementKind>())
        {
            conditions.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = kind.ToString() } } },
                ["then"] = new JsonObject { ["properties"] = new JsonObject { ["spec"] = Schema(TypeShape.Of(PlanDocument.SpecType(kind)), null, definitions) } },
            });
        }

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "Continuity plan document",
            ["description"] = "One element of a business continuity plan. Several documents may share a file, separated by ---.",
            ["type"] = "object",
            ["required"] = new JsonArray("apiVersion", "kind", "metadata"),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["const"] = PlanDocument.ApiVersion },
                ["kind"] = new JsonObject { ["enum"] = new JsonArray([.. Enum.GetNames<ElementKind>().Select(n => (JsonNode)n)]) },
                ["metadata"] = Schema(TypeShape.Of(typeof(Metadata)), null, definitions),
                ["spec"] = new JsonObject { ["type"] = "object" },
            },
            ["allOf"] = conditions,
        };
        var defs = new JsonObject();
        foreach (var (name, definition) in definitions)
        {
            defs[name] = definition;
        }
        schema["$defs"] = defs;
        return schema;
    }

    private static JsonObject Schema(TypeShape shape, PropertyShape? property, SortedDictionary<string, JsonNode> definitions)
    {
        var schema = shape.Shape switch
        {
            ValueShape.String => new JsonObject { ["type"] = "string" },
            ValueShape.Integer => new JsonObject { ["type"] = "integer" },
            ValueShape.Boolean => new JsonObject { ["type"] = "boolean" },
            ValueShape.Enum => EnumSchema(shape),
            ValueShape.Duration => DurationSchema(property),
            ValueShape.Date => new JsonObject { ["type"] = "string", ["format"] = "date", ["pattern"] = @"^\d{4}-\d{2}-\d{2}$" },
            ValueShape.Reference => ReferenceSchema(property),
            ValueShape.List => new JsonObject { ["type"] = "array", ["items"] = Schema(TypeShape.Of(shape.Item!), property, definitions) },
            ValueShape.Map => MapSchema(shape, property, definitions),
            _ => ObjectReference(shape, definitions),
        };
        if (property is not null)
        {
            if (property.IsSlug)
            {
                schema["pattern"] = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                schema["maxLength"] = Naming.MaxNameLength;
            }
            if (property.Range is { } range && shape.Shape == ValueShape.Integer)
            {
                schema["minimum"] = JsonValue.Create(Convert.ToInt64(range.Minimum, System.Globalization.CultureInfo.InvariantCulture));
                schema["maximum"] = JsonValue.Create(Convert.ToInt64(range.Maximum, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return schema;
    }

    /// <summary>A duration; zero only where the property's range admits it (see <see cref="PlanReader"/>).</summary>
    private static JsonObject DurationSchema(PropertyShape? property)
    {
        var schema = new JsonObject { ["type"] = "string", ["pattern"] = DurationPattern, ["examples"] = new JsonArray("90m", "4h", "2d", "1w", "PT4H") };
        if (PlanReader.MinimumMinutes(property) > 0)
        {
            schema["not"] = new JsonObject { ["pattern"] = ZeroDurationPattern };
        }
        return schema;
    }

    private static JsonObject EnumSchema(TypeShape shape)
    {
        var names = new JsonArray([.. shape.EnumValues.Select(n => (JsonNode)n)]);
        if (!PlanReader.AcceptsNumbers(shape.Bare))
        {
            return new JsonObject { ["enum"] = names };
        }
        var numbers = new JsonArray([.. Enum.GetValues(shape.Bare).Cast<object>().Select(v => (JsonNode)Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))]);
        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["enum"] = names }, new JsonObject { ["enum"] = numbers }) };
    }

    private static JsonObject ReferenceSchema(PropertyShape? property)
    {
        var kinds = property?.RefTo ?? [];
        return new JsonObject
        {
            ["type"] = "string",
            ["pattern"] = ReferencePattern,
            ["description"] = kinds.Count == 1
                ? $"The name of a {ElementKinds.Slug(kinds[0])}."
                : "A reference: kind:name, with kind one of " + string.Join(", ", kinds.Select(ElementKinds.Slug)) + ".",
        };
    }

    private static JsonObject MapSchema(TypeShape shape, PropertyShape? property, SortedDictionary<string, JsonNode> definitions)
    {
        var map = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = Schema(TypeShape.Of(shape.Item!), property, definitions),
        };
        if (shape.Key == typeof(Duration))
        {
            map["propertyNames"] = DurationSchema(null);
        }
        else if (shape.KeyShape is { Shape: ValueShape.Enum } keyShape)
        {
            map["propertyNames"] = new JsonObject { ["enum"] = new JsonArray([.. keyShape.EnumValues.Select(n => (JsonNode)n)]) };
        }
        return map;
    }

    private static JsonObject ObjectReference(TypeShape shape, SortedDictionary<string, JsonNode> definitions)
    {
        var name = shape.Bare.Name;
        if (!definitions.ContainsKey(name))
        {
            definitions[name] = new JsonObject(); // placeholder: recursive types (call trees) refer to themselves
            var properties = new JsonObject();
            foreach (var property in shape.Properties)
            {
                var schema = Schema(property.Type, property, definitions);
                if (property.Doc is { } doc && !schema.ContainsKey("$ref"))
                {
                    schema["description"] = doc;
                }
                properties[property.Key] = schema;
            }
            var definition = new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["properties"] = properties,
            };
            if (shape.Doc is { } typeDoc)
            {
                definition["description"] = typeDoc;
            }
            var required = shape.Properties.Where(p => p.Required).Select(p => (JsonNode)p.Key).ToArray();
            if (required.Length > 0)
            {
                definition["required"] = new JsonArray(required);
            }
            definitions[name] = shape.ScalarForm is null
                ? definition
                : new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string", ["pattern"] = ReferencePattern }, definition) };
        }
        return new JsonObject { ["$ref"] = $"#/$defs/{name}" };
    }
}
