using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Continuity.Audit;
using Continuity.PlanFiles;
using Continuity.Store;

namespace Continuity.Governance;

public enum ElementChangeKind { Added, Removed, Changed }

/// <summary>What changed about one element between two snapshots, in sentences a continuity
/// manager reads ("RTO of Customer login: 4h → 2h") and as field paths with JSON values.</summary>
public sealed record PlanElementChange(
    ElementKind Kind, string Name, string Label, ElementChangeKind Change, IReadOnlyList<string> Sentences, IReadOnlyList<FieldChange> Fields)
{
    public string Id => $"{ElementKinds.Slug(Kind)}:{Name}";
}

/// <summary>The semantic diff of two version snapshots (<see cref="VersionSnapshot.Json"/>; ADR
/// 010): elements added, removed and changed, in kind-then-name order, each change in words. The
/// same list is a submission's change summary and the plan document's record of changes.</summary>
public static partial class PlanDiff
{
    /// <param name="before">The earlier snapshot; null or empty for "nothing before".</param>
    /// <param name="after">The later snapshot.</param>
    public static List<PlanElementChange> Between(string? before, string after)
    {
        var old = Documents(before);
        var now = Documents(after);
        var changes = new List<PlanElementChange>();
        foreach (var key in old.Keys.Union(now.Keys).OrderBy(k => k.Kind).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            var (was, @is) = (old.GetValueOrDefault(key), now.GetValueOrDefault(key));
            var label = Label(@is ?? was!, key.Name);
            var what = $"{Words(key.Kind)} {label}";
            if (was is null)
            {
                changes.Add(new PlanElementChange(key.Kind, key.Name, label, ElementChangeKind.Added, [$"Added {what}."], []));
            }
            else if (@is is null)
            {
                changes.Add(new PlanElementChange(key.Kind, key.Name, label, ElementChangeKind.Removed, [$"Removed {what}."], []));
            }
            else if (!JsonNode.DeepEquals(was, @is))
            {
                var fields = FieldDiff.Between(was.ToJsonString(), @is.ToJsonString());
                changes.Add(new PlanElementChange(key.Kind, key.Name, label, ElementChangeKind.Changed,
                    [.. fields.Select(f => Sentence(f, label))], fields));
            }
        }
        return changes;
    }

    private static Dictionary<(ElementKind Kind, string Name), JsonObject> Documents(string? snapshot)
    {
        var documents = new Dictionary<(ElementKind, string), JsonObject>();
        if (string.IsNullOrWhiteSpace(snapshot))
        {
            return documents;
        }
        foreach (var node in JsonNode.Parse(snapshot)!.AsArray())
        {
            if (node is JsonObject document
                && Enum.TryParse<ElementKind>(document["kind"]?.GetValue<string>(), ignoreCase: true, out var kind)
                && document["metadata"]?["name"]?.GetValue<string>() is { } name)
            {
                documents[(kind, name)] = document;
            }
        }
        return documents;
    }

    private static string Label(JsonObject document, string name) =>
        document["metadata"]?["title"]?.GetValue<string>() is { Length: > 0 } title ? title : name;

    /// <summary>"business function", "backup policy".</summary>
    public static string Words(ElementKind kind) => kind switch
    {
        ElementKind.BusinessFunction => "business function",
        ElementKind.CommunicationPlan => "communication plan",
        ElementKind.BackupPolicy => "backup policy",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>One field change as a sentence: the field in words, "of" the element, before → after.</summary>
    private static string Sentence(FieldChange change, string label)
    {
        var duration = DurationFields.Contains(LastName(change.Field));
        var (before, after) = (Value(change.Before, duration), Value(change.After, duration));
        var field = FieldWords(change.Field);
        return (before, after) switch
        {
            (null, _) when change.After is not null && after!.Length <= 80 => $"{field} of {label} set to {after}.",
            (_, null) when change.Before is not null && before!.Length <= 80 => $"{field} of {label} removed (was {before}).",
            ({ Length: <= 80 }, { Length: <= 80 }) => $"{field} of {label}: {before} → {after}.",
            _ => $"{field} of {label} changed.",
        };
    }

    /// <summary>The names of the plan model's duration properties (kept as minutes in canonical
    /// JSON), read from the model so that a new duration field reads as one without a list here.</summary>
    private static readonly HashSet<string> DurationFields = [.. typeof(Duration).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(Duration).Namespace && t.IsClass)
        .SelectMany(t => t.GetProperties())
        .Where(p => p.PropertyType == typeof(Duration) || p.PropertyType == typeof(Duration?))
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    private static string LastName(string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        return name.Contains('[', StringComparison.Ordinal) ? name[..name.IndexOf('[', StringComparison.Ordinal)] : name;
    }

    /// <summary>A JSON value as people read it: strings without quotes, durations as <c>4h</c>,
    /// lists joined; null for none.</summary>
    private static string? Value(string? json, bool duration = false)
    {
        if (json is null)
        {
            return null;
        }
        var node = JsonNode.Parse(json);
        return node switch
        {
            null => null,
            JsonValue value when duration && value.TryGetValue<int>(out var minutes) => new Duration(minutes).ToString(),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonArray array when array.All(i => i is JsonValue) => string.Join(", ", array.Select(i => Value(i!.ToJsonString()))),
            _ => node.ToJsonString(),
        };
    }

    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["metadata.title"] = "Title",
        ["metadata.owner"] = "Owner",
        ["metadata.labels"] = "Labels",
        ["spec.description"] = "Description",
        ["spec.team"] = "Team",
        ["spec.tier"] = "Tier",
        ["spec.objectives.rto"] = "RTO",
        ["spec.objectives.rpo"] = "RPO",
        ["spec.objectives.mtpd"] = "MTPD",
        ["spec.objectives.approved"] = "Approval of the objectives",
        ["spec.objectives.approved.by"] = "Approver of the objectives",
        ["spec.objectives.approved.on"] = "Approval date of the objectives",
        ["spec.objectives.approved.rto"] = "Approved RTO",
        ["spec.objectives.approved.rpo"] = "Approved RPO",
        ["spec.objectives.approved.mtpd"] = "Approved MTPD",
        ["spec.contractualRto"] = "Contractual RTO",
        ["spec.vendor"] = "Vendor",
        ["spec.restore.estimated"] = "Estimated restore time",
        ["spec.restore.measured"] = "Measured restore time",
        ["spec.email"] = "E-mail",
        ["spec.active"] = "Active",
    };

    /// <summary><c>spec.objectives.rto</c> → "RTO"; <c>spec.steps[2].responsible</c> → "Step 3: responsible";
    /// anything else by its path in words.</summary>
    public static string FieldWords(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Known.TryGetValue(path, out var known))
        {
            return known;
        }
        if (ListItem().Match(path) is { Success: true } item)
        {
            var number = int.Parse(item.Groups["index"].Value, CultureInfo.InvariantCulture) + 1;
            var list = item.Groups["list"].Value switch
            {
                "steps" => "Step",
                "dependsOn" => "Dependency",
                "assignments" => "Assignment",
                "contacts" => "Contact",
                var other => Capitalised(Spaced(other)),
            };
            var rest = item.Groups["rest"].Value;
            return rest.Length == 0 ? $"{list} {number}" : $"{list} {number}: {Spaced(rest.TrimStart('.').Replace('.', ' '))}";
        }
        var bare = path.StartsWith("spec.", StringComparison.Ordinal) ? path[5..] : path.StartsWith("metadata.", StringComparison.Ordinal) ? path[9..] : path;
        return Capitalised(Spaced(bare.Replace('.', ' ')));
    }

    private static string Spaced(string camel) => CamelHump().Replace(camel, " $1").ToLowerInvariant();

    private static string Capitalised(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    [GeneratedRegex(@"^spec\.(?<list>[A-Za-z]+)\[(?<index>\d+)\](?<rest>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex CamelHump();
}
