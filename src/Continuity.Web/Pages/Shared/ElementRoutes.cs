using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>Where each kind of element lives in the app: <c>/{path}</c> lists them,
/// <c>/{path}/{name}</c> shows one, <c>/{path}/new</c> creates one, <c>/{path}/{name}/edit</c>
/// and <c>/{path}/{name}/delete</c> change one. The organisation is one element at
/// <c>/organisation</c>. One table, so that every link and every page agree.</summary>
public static class ElementRoutes
{
    /// <summary>The first path segment of a kind's pages.</summary>
    public static string PathOf(ElementKind kind) => kind switch
    {
        ElementKind.Organisation => "organisation",
        ElementKind.Site => "sites",
        ElementKind.Team => "teams",
        ElementKind.Person => "people",
        ElementKind.Role => "roles",
        ElementKind.BusinessFunction => "functions",
        ElementKind.System => "systems",
        ElementKind.Vendor => "vendors",
        ElementKind.Risk => "risks",
        ElementKind.Scenario => "scenarios",
        ElementKind.Procedure => "procedures",
        ElementKind.CommunicationPlan => "communication-plans",
        ElementKind.BackupPolicy => "backup-policies",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind whose pages start with <paramref name="path"/>.</summary>
    public static bool TryParsePath(string? path, out ElementKind kind)
    {
        foreach (var candidate in Enum.GetValues<ElementKind>())
        {
            if (string.Equals(PathOf(candidate), path, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>What a person calls many of them: "Business functions", "Communication plans".</summary>
    public static string PluralTitle(ElementKind kind) => kind switch
    {
        ElementKind.Organisation => "Organisation",
        ElementKind.Site => "Sites",
        ElementKind.Team => "Teams",
        ElementKind.Person => "People",
        ElementKind.Role => "Roles",
        ElementKind.BusinessFunction => "Business functions",
        ElementKind.System => "Systems",
        ElementKind.Vendor => "Vendors",
        ElementKind.Risk => "Risks",
        ElementKind.Scenario => "Scenarios",
        ElementKind.Procedure => "Procedures",
        ElementKind.CommunicationPlan => "Communication plans",
        ElementKind.BackupPolicy => "Backup policies",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>What a person calls one of them: "business function", "backup policy".</summary>
    public static string SingularTitle(ElementKind kind) => kind switch
    {
        ElementKind.BusinessFunction => "business function",
        ElementKind.CommunicationPlan => "communication plan",
        ElementKind.BackupPolicy => "backup policy",
        ElementKind.Person => "person",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string List(ElementKind kind) => $"/{PathOf(kind)}";

    public static string Details(ElementKind kind, string name) =>
        kind == ElementKind.Organisation ? "/organisation" : $"/{PathOf(kind)}/{Uri.EscapeDataString(name)}";

    public static string Create(ElementKind kind) => $"/{PathOf(kind)}/new";

    public static string Edit(ElementKind kind, string name) =>
        kind == ElementKind.Organisation ? "/organisation/edit" : $"/{PathOf(kind)}/{Uri.EscapeDataString(name)}/edit";

    public static string Delete(ElementKind kind, string name) => $"/{PathOf(kind)}/{Uri.EscapeDataString(name)}/delete";
}
