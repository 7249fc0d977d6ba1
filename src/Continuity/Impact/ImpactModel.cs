using Continuity.Analysis;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Impact;

/// <summary>What impact questions read from a plan besides its graph, prepared once per plan
/// version (like the snapshot): the dependency order, the BIA grids by function, the scenarios
/// with the nodes they fail and their procedures, and the organisation's BIA scale.</summary>
public sealed class ImpactModel
{
    private ImpactModel(PlanSnapshot snapshot, DependencyOrder order, BiaScale scale, int capacityPerTeam,
        Dictionary<string, BusinessFunctionSpec> functions, List<ScenarioEntry> scenarios)
    {
        Snapshot = snapshot;
        Order = order;
        Scale = scale;
        CapacityPerTeam = capacityPerTeam;
        Functions = functions;
        Scenarios = scenarios;
    }

    public PlanSnapshot Snapshot { get; }

    public DependencyOrder Order { get; }

    public BiaScale Scale { get; }

    /// <summary>The organisation's <c>restoreCapacityPerTeam</c>.</summary>
    public int CapacityPerTeam { get; }

    internal IReadOnlyDictionary<string, BusinessFunctionSpec> Functions { get; }

    /// <summary>Scenarios by id, with the nodes each names (-1 for a name the snapshot lacks).</summary>
    internal IReadOnlyList<ScenarioEntry> Scenarios { get; }

    /// <param name="plan">The plan.</param>
    /// <param name="snapshot">Its snapshot.</param>
    /// <param name="order">The snapshot's dependency order when already computed (<c>AnalysisResult.Order</c>).</param>
    public static ImpactModel Prepare(Plan plan, PlanSnapshot snapshot, DependencyOrder? order = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(snapshot);
        var functions = new Dictionary<string, BusinessFunctionSpec>(StringComparer.Ordinal);
        var scenarioSpecs = new List<(PlanDocument Document, ScenarioSpec Spec)>();
        var procedures = new Dictionary<string, List<ProcedureRef>>(StringComparer.Ordinal);
        foreach (var document in plan.Documents)
        {
            switch (document.Spec)
            {
                case BusinessFunctionSpec function:
                    functions[document.Name] = function;
                    break;
                case ScenarioSpec scenario:
                    scenarioSpecs.Add((document, scenario));
                    break;
                case ProcedureSpec procedure:
                    var reference = new ProcedureRef($"{ElementKinds.Slug(ElementKind.Procedure)}:{document.Name}", document.Metadata.Title ?? document.Name, procedure.Team?.Name,
                        [.. procedure.Recovers.Select(function => $"{ElementKinds.Slug(ElementKind.BusinessFunction)}:{function.Name}")]);
                    foreach (var scenario in procedure.Scenarios.Select(s => s.Name).Distinct(StringComparer.Ordinal))
                    {
                        (procedures.TryGetValue(scenario, out var list) ? list : procedures[scenario] = []).Add(reference);
                    }
                    break;
                default:
                    break;
            }
        }
        var scenarios = scenarioSpecs
            .Select(s => new ScenarioEntry(
                $"{ElementKinds.Slug(ElementKind.Scenario)}:{s.Document.Name}",
                s.Document.Metadata.Title ?? s.Document.Name,
                s.Spec.Priority,
                [.. s.Spec.Fails.Select(Id).Distinct(StringComparer.Ordinal).Select(snapshot.IndexOf)],
                [.. (procedures.GetValueOrDefault(s.Document.Name) ?? []).OrderBy(p => p.Id, StringComparer.Ordinal)]))
            .ToList();
        var organisation = plan.Organisation?.Spec as OrganisationSpec ?? new OrganisationSpec();
        return new ImpactModel(snapshot, order ?? DependencyOrder.Of(snapshot.Graph), BiaTimeline.Scale(organisation),
            organisation.RestoreCapacityPerTeam, functions, scenarios);
    }

    private static string Id(Reference reference) =>
        reference.Kind is { } kind ? $"{ElementKinds.Slug(kind)}:{reference.Name}" : reference.Name;
}

/// <summary>A scenario as impact questions match it: the nodes it fails, and its procedures by id.</summary>
internal sealed record ScenarioEntry(string Id, string Title, int Priority, int[] Names, IReadOnlyList<ProcedureRef> Procedures);
