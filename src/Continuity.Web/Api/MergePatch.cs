using System.Text.Json.Nodes;

namespace Continuity.Web.Api;

/// <summary>JSON merge patch (RFC 7396): what <c>PATCH</c> with <c>application/merge-patch+json</c>
/// applies to an element's plan document before it is replaced like a <c>PUT</c>.</summary>
internal static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>The target with the patch applied (RFC 7396 section 2). Neither argument is
    /// changed; a JSON null is a C# null.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject original ? (JsonObject)original.DeepClone() : [];
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }
        return result;
    }
}
