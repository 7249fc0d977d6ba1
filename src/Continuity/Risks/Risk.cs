using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Risks;

/// <summary>A risk to the business: threat, what it affects, likelihood and impact, treatment.</summary>
public sealed class Risk : Element
{
    private Risk()
    {
    }

    public Risk(Metadata metadata, RiskSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    public ThreatCategory Threat { get; private set; }

    /// <summary>The elements affected, each as <c>kind:name</c>.</summary>
    public IReadOnlyList<string> Affects { get; private set; } = [];

    public int Likelihood { get; private set; }

    public int Impact { get; private set; }

    /// <summary>Likelihood after treatment; null (with <see cref="ResidualImpact"/>) when not assessed.</summary>
    public int? ResidualLikelihood { get; private set; }

    public int? ResidualImpact { get; private set; }

    public RiskTreatment Treatment { get; private set; }

    public string? TreatmentPlan { get; private set; }

    public DateOnly? ReviewBy { get; private set; }

    public void UpdateFromPlan(Metadata metadata, RiskSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Threat = spec.Threat;
        Affects = Columns.ToTexts(spec.Affects);
        Likelihood = spec.Likelihood;
        Impact = spec.Impact;
        ResidualLikelihood = spec.Residual?.Likelihood;
        ResidualImpact = spec.Residual?.Impact;
        Treatment = spec.Treatment;
        TreatmentPlan = spec.TreatmentPlan;
        ReviewBy = spec.ReviewBy;
    }

    public PlanDocument ToDocument() => new(ElementKind.Risk, ToMetadata(), new RiskSpec
    {
        Description = Description,
        Threat = Threat,
        Affects = Columns.FromTexts(Affects),
        Likelihood = Likelihood,
        Impact = Impact,
        Residual = ResidualLikelihood is { } likelihood && ResidualImpact is { } impact
            ? new RiskRating { Likelihood = likelihood, Impact = impact }
            : null,
        Treatment = Treatment,
        TreatmentPlan = TreatmentPlan,
        ReviewBy = ReviewBy,
    });
}
