using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;

namespace Continuity.Web.Api;

/// <summary>Reads a plan document from a request body: exactly the JSON a <c>GET</c> of an element
/// answers (<see cref="PlanApi.DocumentJson"/>), with the same serializer options. What is not JSON
/// or not a document of the collection is a 400; a field of the wrong type or one the kind does not
/// have is a 422 naming its path (<c>spec.objectives.rto</c>). Never an exception for bad input.</summary>
internal static class DocumentBody
{
    // The options documents are written with, refusing keys the kind does not have: a misspelt
    // field would otherwise be dropped without a word.
    private static readonly JsonSerializerOptions Strict = new(PlanJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Whether the body is declared as JSON (or, for <c>PATCH</c>, a merge patch). A body
    /// without a Content-Type is refused too: a browser sends one cross-site without asking first.</summary>
    public static bool IsJson(HttpRequest request, bool mergePatch = false)
    {
        var type = request.ContentType is { Length: > 0 } text && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(text, out var parsed)
            ? parsed.MediaType.Value ?? "" : "";
        return mergePatch
            ? type.Equals(MergePatch.MediaType, StringComparison.OrdinalIgnoreCase)
            : type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The body as JSON, or a 400 naming the line and position where it stops being JSON.</summary>
    public static async Task<(JsonNode? Node, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return (node, null);
        }
        catch (JsonException malformed)
        {
            var at = malformed.LineNumber is { } line ? $"line {line + 1}, position {malformed.BytePositionInLine + 1}: " : "";
            var why = malformed.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            return (null, ApiProblems.BadBody(ApiProblems.MalformedBody, "body", $"is not valid JSON at {at}{why}"));
        }
    }

    /// <summary>The plan document in <paramref name="node"/>, which must be of <paramref name="set"/>'s
    /// kind and, when <paramref name="routeName"/> is given, have that name.</summary>
    public static (PlanDocument? Document, IResult? Problem) ToDocument(JsonNode? node, ElementSet set, string? routeName)
    {
        if (node is not JsonObject envelope)
        {
            return (null, ApiProblems.BadBody(ApiProblems.WrongDocument, "body", "must be a JSON object: a plan document with apiVersion, kind, metadata and spec."));
        }
        if (Text(envelope["apiVersion"]) != PlanDocument.ApiVersion)
        {
            return (null, ApiProblems.BadBody(ApiProblems.WrongDocument, "apiVersion", $"must be {PlanDocument.ApiVersion}."));
        }
        var kind = set.Kind.ToString();
        if (Text(envelope["kind"]) != kind)
        {
            return (null, ApiProblems.BadBody(ApiProblems.WrongDocument, "kind", $"must be {kind}: /{set.Plural} holds {kind} elements."));
        }
        var errors = new List<FieldError>();
        WithoutNulls(envelope, "", errors);
        var metadata = Read<Metadata>(envelope["metadata"], "metadata", errors);
        var spec = (ElementSpec?)Read(envelope["spec"], PlanDocument.SpecType(set.Kind), "spec", errors);
        if (metadata is not null && string.IsNullOrEmpty(metadata.Name))
        {
            errors.Add(new FieldError("metadata.name", "is required."));
        }
        if (errors.Count > 0 || metadata is null || spec is null)
        {
            return (null, ApiProblems.Invalid(errors, "The document does not have the form of a " + kind + "; nothing was changed."));
        }
        if (routeName is not null && metadata.Name != routeName)
        {
            return (null, ApiProblems.BadBody(ApiProblems.WrongDocument, "metadata.name",
                $"is '{metadata.Name}', but the request is for '{routeName}'; an element is renamed by creating the new one and removing the old."));
        }
        return (new PlanDocument(set.Kind, metadata, spec), null);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static T? Read<T>(JsonNode? node, string field, List<FieldError> errors)
        where T : class => (T?)Read(node, typeof(T), field, errors);

    private static object? Read(JsonNode? node, Type type, string field, List<FieldError> errors)
    {
        if (node is not JsonObject)
        {
            errors.Add(new FieldError(field, "is required, as a JSON object."));
            return null;
        }
        try
        {
            return node.Deserialize(type, Strict);
        }
        catch (JsonException wrong)
        {
            var path = wrong.Path is { Length: > 1 } p ? field + p[1..] : field;
            errors.Add(new FieldError(path, Why(wrong)));
            return null;
        }
    }

    private static string Why(JsonException wrong) =>
        wrong.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a field of this kind of element."
        : wrong.Message.Contains(nameof(Duration), StringComparison.Ordinal) ? "must be a duration in whole minutes (240 for 4h)."
        : wrong.Message.Contains("could not be converted", StringComparison.Ordinal) ? "does not have the type this field takes."
        : "is not valid here.";

    // A GET leaves absent values out; a null sent back means the same. A null inside a list means nothing at all.
    private static void WithoutNulls(JsonNode node, string path, List<FieldError> errors)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var name in members.Where(m => m.Value is null).Select(m => m.Key).ToList())
                {
                    members.Remove(name);
                }
                foreach (var (name, value) in members)
                {
                    WithoutNulls(value!, path.Length == 0 ? name : $"{path}.{name}", errors);
                }
                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is { } item)
                    {
                        WithoutNulls(item, $"{path}[{i}]", errors);
                    }
                    else
                    {
                        errors.Add(new FieldError($"{path}[{i}]", "must not be null."));
                    }
                }
                break;
        }
    }
}
