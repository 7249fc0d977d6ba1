using Continuity.Data;
using Continuity.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Shared;

/// <summary>One entry of a <c>dependsOn</c> list: a single target, or a redundancy group of
/// which any one member is enough.</summary>
public sealed record DependencyItem(IReadOnlyList<ElementLink> Targets, bool IsRedundancyGroup, DependencyType Type, string? Note);

/// <summary>An element that depends on the one shown.</summary>
public sealed record DependentItem(ElementLink Dependent, DependencyType Type, bool InRedundancyGroup, string? Note);

/// <summary>What an element depends on directly and what depends on it directly, with every
/// element labelled by its title. Three queries, however many edges.</summary>
public sealed record DependencyView(IReadOnlyList<DependencyItem> DependsOn, IReadOnlyList<DependentItem> Dependents, Func<ElementKind, string, ElementLink> Links)
{
    /// <summary>The direct dependencies and dependents of the element <paramref name="kind"/>:<paramref name="name"/>;
    /// <paramref name="alsoLabel"/> are further elements the page names, labelled in the same query.</summary>
    public static async Task<DependencyView> LoadAsync(ContinuityDb db, ElementKind kind, string name,
        IEnumerable<(ElementKind Kind, string Name)> alsoLabel, CancellationToken cancellationToken)
    {
        var edges = await db.Dependencies.AsNoTracking()
            .Where(d => d.DependentKind == kind && d.DependentName == name)
            .OrderBy(d => d.Position)
            .Select(d => new { d.RedundancyGroup, d.TargetKind, d.TargetName, d.Type, d.Note })
            .ToListAsync(cancellationToken);
        var incoming = await db.Dependencies.AsNoTracking()
            .Where(d => d.TargetKind == kind && d.TargetName == name)
            .OrderBy(d => d.DependentKind).ThenBy(d => d.DependentName).ThenBy(d => d.Position)
            .Select(d => new { d.DependentKind, d.DependentName, d.Type, d.RedundancyGroup, d.Note })
            .ToListAsync(cancellationToken);

        var links = await ElementTitles.LoadAsync(db,
            edges.Select(e => (e.TargetKind, e.TargetName))
                .Concat(incoming.Select(d => (d.DependentKind, d.DependentName)))
                .Concat(alsoLabel),
            cancellationToken);

        var dependsOn = new List<DependencyItem>();
        int? group = null;
        List<ElementLink>? members = null;
        foreach (var edge in edges)
        {
            var target = links(edge.TargetKind, edge.TargetName);
            if (edge.RedundancyGroup is { } current && current == group && members is not null)
            {
                members.Add(target);
                continue;
            }
            members = [target];
            group = edge.RedundancyGroup;
            dependsOn.Add(new DependencyItem(members, edge.RedundancyGroup is not null, edge.Type, edge.Note));
        }

        var dependents = incoming
            .Select(d => new DependentItem(links(d.DependentKind, d.DependentName), d.Type, d.RedundancyGroup is not null, d.Note))
            .ToList();
        return new DependencyView(dependsOn, dependents, links);
    }
}
