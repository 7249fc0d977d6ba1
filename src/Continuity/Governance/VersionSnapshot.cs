using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Continuity.Accounts;
using Continuity.PlanFiles;
using Continuity.Store;

namespace Continuity.Governance;

/// <summary>The content of a plan version (ADR 010): the canonical JSON of every document in the
/// scope, in the plan's order (kind, then name), as one JSON array with a document per line, and
/// the SHA-256 of its UTF-8 bytes in lower-case hex. Operational fields that change without a plan
/// change (a person's <c>contactVerified</c>) are left out; in a team plan a continuity role keeps
/// only its assignments for that team. The same plan gives the same text and hash on every machine
/// and on both databases.</summary>
public sealed record VersionSnapshot(string Json, string Hash, int Elements)
{
    public static VersionSnapshot Of(Plan plan, PlanScope scope)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scope);
        var teamOfSystem = ElementTeams.SystemTeamsIn(plan);
        var text = new StringBuilder("[");
        var count = 0;
        var documents = plan.Documents.Where(d => scope.Covers(d, teamOfSystem))
            .OrderBy(d => d.Kind).ThenBy(d => d.Name, StringComparer.Ordinal);
        foreach (var document in documents)
        {
            text.Append(count++ == 0 ? "\n" : ",\n").Append(CanonicalPlanJson.Of(document, tree => Reshape(tree, document, scope)));
        }
        var json = text.Append(count == 0 ? "]" : "\n]").ToString();
        return new VersionSnapshot(json, HashOf(json), count);
    }

    /// <summary>The SHA-256 of the text's UTF-8 bytes, lower-case hex: how anyone re-checks a version.</summary>
    public static string HashOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    /// <summary>The plan documents of a snapshot, read back from its canonical JSON: what the plan
    /// document and the role view are rendered from (never from live rows).</summary>
    public static Plan Read(string json)
    {
        using var snapshot = System.Text.Json.JsonDocument.Parse(json);
        var documents = new List<PlanDocument>();
        foreach (var item in snapshot.RootElement.EnumerateArray())
        {
            var kind = Enum.Parse<ElementKind>(item.GetProperty("kind").GetString()!, ignoreCase: true);
            var metadata = item.GetProperty("metadata").Deserialize<Metadata>(Data.PlanJson.Options)!;
            var spec = item.TryGetProperty("spec", out var body)
                ? (ElementSpec)body.Deserialize(PlanDocument.SpecType(kind), Data.PlanJson.Options)!
                : (ElementSpec)Activator.CreateInstance(PlanDocument.SpecType(kind))!;
            documents.Add(new PlanDocument(kind, metadata, spec));
        }
        return new Plan(documents);
    }

    /// <summary>The names of the teams a snapshot holds (its documents of kind Team).</summary>
    public static IReadOnlyList<string> TeamsIn(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray()
            .Where(d => d.TryGetProperty("kind", out var kind) && string.Equals(kind.ToString(), nameof(ElementKind.Team), StringComparison.OrdinalIgnoreCase))
            .Select(d => d.GetProperty("metadata").GetProperty("name").GetString() ?? "")];
    }

    private static void Reshape(JsonObject tree, PlanDocument document, PlanScope scope)
    {
        if (tree["spec"] is not JsonObject spec)
        {
            return;
        }
        if (document.Kind == ElementKind.Person)
        {
            spec.Remove("contactVerified");
        }
        if (document.Kind == ElementKind.Role && scope.Team is { } team && spec["assignments"] is JsonArray assignments)
        {
            foreach (var other in assignments.Where(a => a?["team"]?.GetValue<string>() is not { } t || (t != team && t != $"team:{team}")).ToList())
            {
                assignments.Remove(other);
            }
        }
    }
}
