using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Scenarios;

/// <summary>One of the most likely disasters, with its activation criteria and what it takes down.</summary>
public sealed class Scenario : Element
{
    private Scenario()
    {
    }

    public Scenario(Metadata metadata, ScenarioSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    /// <summary>Names of the risks this scenario realises.</summary>
    public IReadOnlyList<string> Risks { get; private set; } = [];

    public IReadOnlyList<string> ActivationCriteria { get; private set; } = [];

    /// <summary>The elements that fail, each as <c>kind:name</c>.</summary>
    public IReadOnlyList<string> Fails { get; private set; } = [];

    /// <summary>1 highest … 5 lowest.</summary>
    public int Priority { get; private set; }

    /// <summary>The class of disruption; its per-class objectives apply in this scenario.</summary>
    public Disruption? Disruption { get; private set; }

    public void UpdateFromPlan(Metadata metadata, ScenarioSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Risks = Columns.ToNames(spec.Risks);
        ActivationCriteria = Columns.Copy(spec.ActivationCriteria);
        Fails = Columns.ToTexts(spec.Fails);
        Priority = spec.Priority;
        Disruption = spec.Disruption;
    }

    public PlanDocument ToDocument() => new(ElementKind.Scenario, ToMetadata(), new ScenarioSpec
    {
        Description = Description,
        Disruption = Disruption,
        Risks = Columns.ToReferences(ElementKind.Risk, Risks),
        ActivationCriteria = [.. ActivationCriteria],
        Fails = Columns.FromTexts(Fails),
        Priority = Priority,
    });
}
