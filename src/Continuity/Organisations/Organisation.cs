using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Organisations;

/// <summary>The organisation the plan is for: scope, review cadence and the impact scales.
/// A database holds exactly one.</summary>
public sealed class Organisation : Element
{
    private Organisation()
    {
    }

    public Organisation(Metadata metadata, OrganisationSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    public string? Scope { get; private set; }

    public IReadOnlyList<ServiceInScope> Services { get; private set; } = [];

    public int ReviewIntervalMonths { get; private set; }

    public int AcknowledgementThreshold { get; private set; }

    public string Currency { get; private set; } = "";

    public ImpactScales ImpactScales { get; private set; } = new();

    public int RestoreCapacityPerTeam { get; private set; }

    public IReadOnlyList<WaiverSpec> Waivers { get; private set; } = [];

    public void UpdateFromPlan(Metadata metadata, OrganisationSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Scope = spec.Scope;
        Services = Columns.Copy(spec.Services);
        ReviewIntervalMonths = spec.ReviewIntervalMonths;
        AcknowledgementThreshold = spec.AcknowledgementThreshold;
        Currency = spec.Currency;
        ImpactScales = spec.Impact;
        RestoreCapacityPerTeam = spec.RestoreCapacityPerTeam;
        Waivers = Columns.Copy(spec.Waivers);
    }

    public PlanDocument ToDocument() => new(ElementKind.Organisation, ToMetadata(), new OrganisationSpec
    {
        Description = Description,
        Scope = Scope,
        Services = [.. Services],
        ReviewIntervalMonths = ReviewIntervalMonths,
        AcknowledgementThreshold = AcknowledgementThreshold,
        Currency = Currency,
        Impact = ImpactScales,
        RestoreCapacityPerTeam = RestoreCapacityPerTeam,
        Waivers = [.. Waivers],
    });
}
