using Continuity.PlanFiles;

namespace Continuity.Governance;

/// <summary>What a reviewer concluded about a version in review.</summary>
public enum ReviewVerdict
{
    /// <summary>Read it and found it ready for sign-off.</summary>
    Reviewed,

    /// <summary>Asked for changes: the version is returned and the scope goes on as a draft.</summary>
    ChangesRequested,
}

/// <summary>A user named to review a version (ADR 010), and their verdict once they give it.
/// When every named reviewer has found it ready the version waits for sign-off.</summary>
public sealed class VersionReviewer
{
    private VersionReviewer()
    {
    }

    internal VersionReviewer(long versionId, string reviewer, string namedBy, DateTime namedUtc)
    {
        VersionId = versionId;
        Reviewer = reviewer;
        NamedBy = namedBy;
        NamedUtc = namedUtc;
    }

    public long Id { get; private set; }

    public long VersionId { get; private set; }

    /// <summary>The reviewer's sign-in name (e-mail address).</summary>
    public string Reviewer { get; private set; } = "";

    public string NamedBy { get; private set; } = "";

    public DateTime NamedUtc { get; private set; }

    public ReviewVerdict? Verdict { get; private set; }

    public DateTime? VerdictUtc { get; private set; }

    internal void Conclude(ReviewVerdict verdict, DateTime nowUtc) => (Verdict, VerdictUtc) = (verdict, nowUtc);
}

/// <summary>A reviewer's (or the submitter's, or an approver's) comment on one section of a
/// version. Comments are kept with the version and never edited.</summary>
public sealed class VersionComment
{
    public const int TextMaxLength = 4000;

    private VersionComment()
    {
    }

    internal VersionComment(long versionId, string author, string section, string text, DateTime createdUtc)
    {
        VersionId = versionId;
        Author = author;
        Section = section;
        Text = text;
        CreatedUtc = createdUtc;
    }

    public long Id { get; private set; }

    public long VersionId { get; private set; }

    public string Author { get; private set; } = "";

    /// <summary>One of <see cref="PlanSections.All"/>.</summary>
    public string Section { get; private set; } = "";

    public string Text { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }
}

/// <summary>The sections of a plan as reviewers comment on them and the plan document is laid out.</summary>
public sealed record PlanSection(string Key, string Title, IReadOnlyList<ElementKind> Kinds);

public static class PlanSections
{
    public static IReadOnlyList<PlanSection> All { get; } =
    [
        new("general", "The plan as a whole", []),
        new("scope", "Organisation, scope and sites", [ElementKind.Organisation, ElementKind.Site]),
        new("functions", "Business functions and impact analysis", [ElementKind.BusinessFunction]),
        new("systems", "Systems and backups", [ElementKind.System, ElementKind.BackupPolicy]),
        new("vendors", "Vendors", [ElementKind.Vendor]),
        new("roles", "Teams, people and continuity roles", [ElementKind.Team, ElementKind.Person, ElementKind.Role]),
        new("recovery", "Risks, scenarios and recovery procedures", [ElementKind.Risk, ElementKind.Scenario, ElementKind.Procedure]),
        new("communication", "Communication and call trees", [ElementKind.CommunicationPlan]),
    ];

    public static PlanSection? Find(string? key) => All.FirstOrDefault(s => s.Key == key?.Trim());

    /// <summary>The section an element of this kind is reviewed under.</summary>
    public static PlanSection Of(ElementKind kind) => All.First(s => s.Kinds.Contains(kind));

    public static string Choices => string.Join(", ", All.Select(s => s.Key));
}
