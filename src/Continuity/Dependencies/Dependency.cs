using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Dependencies;

/// <summary>One edge "the dependent needs the target", from the <c>dependsOn</c> list of a
/// business function, system or vendor. Members of one redundancy group (<c>anyOf</c>) share a
/// <see cref="RedundancyGroup"/> number: the dependent needs any one of them.</summary>
public sealed class Dependency
{
    private Dependency()
    {
    }

    private Dependency(Element dependent, ElementKind dependentKind, int position, int? group,
        Reference target, DependencyType type, string? note)
    {
        Id = Guid.CreateVersion7();
        switch (dependentKind)
        {
            case ElementKind.BusinessFunction:
                FunctionId = dependent.Id;
                break;
            case ElementKind.System:
                SystemId = dependent.Id;
                break;
            case ElementKind.Vendor:
                VendorId = dependent.Id;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dependentKind), dependentKind, "Only functions, systems and vendors depend on things.");
        }
        DependentKind = dependentKind;
        DependentName = dependent.Name;
        Position = position;
        RedundancyGroup = group;
        TargetKind = target.Kind ?? throw new ArgumentException(
            $"The dependency of {ElementKinds.Slug(dependentKind)}:{dependent.Name} on '{target.Name}' is unresolved; load the plan with PlanLoader, which resolves every reference to its kind.",
            nameof(target));
        TargetName = target.Name;
        Type = type;
        Note = note;
    }

    public Guid Id { get; private set; }

    // Exactly one of the three owner keys is set; each cascades when its owner is deleted.
    public Guid? FunctionId { get; private set; }

    public Guid? SystemId { get; private set; }

    public Guid? VendorId { get; private set; }

    public ElementKind DependentKind { get; private set; }

    public string DependentName { get; private set; } = "";

    /// <summary>Order of the row within the dependent's <c>dependsOn</c>, from 0.</summary>
    public int Position { get; private set; }

    /// <summary>The redundancy group within the dependent (1, 2 …); null for a plain edge.</summary>
    public int? RedundancyGroup { get; private set; }

    public ElementKind TargetKind { get; private set; }

    public string TargetName { get; private set; } = "";

    public DependencyType Type { get; private set; }

    public string? Note { get; private set; }

    public Guid OwnerId => FunctionId ?? SystemId ?? VendorId ?? Guid.Empty;

    /// <summary>The rows of a <c>dependsOn</c> list, whose references must be resolved (carry their kind).</summary>
    public static List<Dependency> FromPlan(Element dependent, ElementKind dependentKind, IEnumerable<DependencySpec>? dependsOn)
    {
        var rows = new List<Dependency>();
        var group = 0;
        foreach (var spec in dependsOn ?? [])
        {
            if (spec.On is { } target && spec.AnyOf is not { Count: > 0 })
            {
                rows.Add(new Dependency(dependent, dependentKind, rows.Count, null, target, spec.Type, spec.Note));
            }
            else if (spec.On is null && spec.AnyOf is { Count: > 0 } members)
            {
                group++;
                foreach (var member in members)
                {
                    rows.Add(new Dependency(dependent, dependentKind, rows.Count, group, member, spec.Type, spec.Note));
                }
            }
            else
            {
                throw new ArgumentException(
                    $"A dependency of {ElementKinds.Slug(dependentKind)}:{dependent.Name} must name either 'on' or 'anyOf'.", nameof(dependsOn));
            }
        }
        return rows;
    }

    /// <summary>The <c>dependsOn</c> list of one dependent, from its rows in position order.</summary>
    public static List<DependencySpec> ToPlan(IEnumerable<Dependency> rows)
    {
        var specs = new List<DependencySpec>();
        int? currentGroup = null;
        foreach (var row in rows)
        {
            var target = Reference.To(row.TargetKind, row.TargetName);
            if (row.RedundancyGroup is null)
            {
                specs.Add(new DependencySpec { On = target, Type = row.Type, Note = row.Note });
            }
            else if (row.RedundancyGroup == currentGroup)
            {
                specs[^1].AnyOf.Add(target);
            }
            else
            {
                specs.Add(new DependencySpec { AnyOf = [target], Type = row.Type, Note = row.Note });
            }
            currentGroup = row.RedundancyGroup;
        }
        return specs;
    }
}
