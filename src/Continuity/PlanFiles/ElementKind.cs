namespace Continuity.PlanFiles;

/// <summary>The kinds of element a plan file can describe (the <c>kind</c> of a document).</summary>
public enum ElementKind
{
    Organisation,
    Site,
    Team,
    Person,
    Role,
    BusinessFunction,
    System,
    Vendor,
    Risk,
    Scenario,
    Procedure,
    CommunicationPlan,
    BackupPolicy,
}

public static class ElementKinds
{
    /// <summary>The spelling used in references (<c>function:enrolment</c>).</summary>
    public static string Slug(ElementKind kind) => kind switch
    {
        ElementKind.BusinessFunction => "function",
        ElementKind.CommunicationPlan => "communication-plan",
        ElementKind.BackupPolicy => "backup-policy",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static bool TryParseSlug(string slug, out ElementKind kind)
    {
        foreach (var candidate in Enum.GetValues<ElementKind>())
        {
            if (Slug(candidate) == slug)
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
