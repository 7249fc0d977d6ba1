namespace Continuity.PlanFiles;

/// <summary>One element of a plan, as one YAML document describes it.</summary>
public sealed record PlanDocument(ElementKind Kind, Metadata Metadata, ElementSpec Spec)
{
    public const string ApiVersion = "continuity/v1";

    public string Name => Metadata.Name;

    /// <summary>The spec class of each kind.</summary>
    public static Type SpecType(ElementKind kind) => kind switch
    {
        ElementKind.Organisation => typeof(OrganisationSpec),
        ElementKind.Site => typeof(SiteSpec),
        ElementKind.Team => typeof(TeamSpec),
        ElementKind.Person => typeof(PersonSpec),
        ElementKind.Role => typeof(RoleSpec),
        ElementKind.BusinessFunction => typeof(BusinessFunctionSpec),
        ElementKind.System => typeof(SystemSpec),
        ElementKind.Vendor => typeof(VendorSpec),
        ElementKind.Risk => typeof(RiskSpec),
        ElementKind.Scenario => typeof(ScenarioSpec),
        ElementKind.Procedure => typeof(ProcedureSpec),
        ElementKind.CommunicationPlan => typeof(CommunicationPlanSpec),
        ElementKind.BackupPolicy => typeof(BackupPolicySpec),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>A whole plan: every document, in a stable order (kind, then name).</summary>
public sealed class Plan
{
    public Plan(IEnumerable<PlanDocument> documents)
    {
        Documents = [.. documents.OrderBy(d => d.Kind).ThenBy(d => d.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<PlanDocument> Documents { get; }

    public PlanDocument? Organisation => Documents.FirstOrDefault(d => d.Kind == ElementKind.Organisation);

    public IEnumerable<PlanDocument> OfKind(ElementKind kind) => Documents.Where(d => d.Kind == kind);

    public IEnumerable<(PlanDocument Document, T Spec)> Specs<T>()
        where T : ElementSpec =>
        Documents.Where(d => d.Spec is T).Select(d => (d, (T)d.Spec));
}
