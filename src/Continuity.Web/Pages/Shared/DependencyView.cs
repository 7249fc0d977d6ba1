using Continuity.Catalog;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>One entry of a <c>dependsOn</c> list: a single target, or a redundancy group of
/// which any one member is enough.</summary>
public sealed record DependencyItem(IReadOnlyList<ElementLink> Targets, bool IsRedundancyGroup, DependencyType Type, string? Note);

/// <summary>What an element depends on directly, as its <c>dependsOn</c> list reads, with every
/// element labelled by its title: read from the plan catalog of the revision, no query. (What
/// depends on it is a group of its relationships, paged: <see cref="RelationshipsView"/>.)</summary>
public sealed record DependencyView(IReadOnlyList<DependencyItem> DependsOn, Func<ElementKind, string, ElementLink> Links)
{
    /// <summary>The direct dependencies of the element <paramref name="kind"/>:<paramref name="name"/>
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
        return new DependencyView(dependsOn, Link);
    }
}
