using Continuity.Catalog;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>One entry of a <c>dependsOn</c> list: a single target, or a redundancy group of
/// which any one member is enough.</summary>
public sealed record DependencyItem(IReadOnlyList<ElementLink> Targets, bool IsRedundancyGroup, DependencyType Type, string? Note);

/// <summary>An element that depends on the one shown.</summary>
public sealed record DependentItem(ElementLink Dependent, DependencyType Type, bool InRedundancyGroup, string? Note);

/// <summary>What an element depends on directly and what depends on it directly, with every
/// element labelled by its title: read from the plan catalog of the revision, no query.</summary>
public sealed record DependencyView(IReadOnlyList<DependencyItem> DependsOn, IReadOnlyList<DependentItem> Dependents, Func<ElementKind, string, ElementLink> Links)
{
    /// <summary>The direct dependencies and dependents of the element <paramref name="kind"/>:<paramref name="name"/>
    /// in <paramref name="catalog"/>; <see cref="Links"/> labels any element of the plan by its title.</summary>
    public static DependencyView Of(PlanCatalog catalog, ElementKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ElementLink Link(ElementKind k, string n) => new(k, n, catalog.Find(k, n)?.Title);
        var id = $"{ElementKinds.Slug(kind)}:{name}";

        var dependsOn = new List<DependencyItem>();
        int? group = null;
        List<ElementLink>? members = null;
        foreach (var edge in catalog.From(id).Where(r => r.IsDependency))
        {
            var target = Link(edge.ToKind, edge.ToName);
            if (edge.RedundancyGroup is { } current && current == group && members is not null)
            {
                members.Add(target);
                continue;
            }
            members = [target];
            group = edge.RedundancyGroup;
            dependsOn.Add(new DependencyItem(members, edge.AnyOf, edge.Type!.Value, edge.Note));
        }

        var dependents = catalog.To(id)
            .Where(r => r.IsDependency)
            .Select(r => new DependentItem(Link(r.FromKind, r.FromName), r.Type!.Value, r.AnyOf, r.Note))
            .ToList();
        return new DependencyView(dependsOn, dependents, Link);
    }
}
