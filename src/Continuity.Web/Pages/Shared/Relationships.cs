using Continuity.Catalog;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>One related element in words: "responsible for step 3 of" → the procedure.</summary>
public sealed record Relation(string Words, ElementLink Link, string? Note, bool AnyOf);

/// <summary>A group of relations (depends on, depended on by, in procedures …), cut at
/// <see cref="RelationshipsView.PerGroup"/> with a link to the next ones.</summary>
public sealed record RelationGroup(string Key, string Heading, IReadOnlyList<Relation> Shown, int Total, int Page)
{
    public int Pages => Math.Max(1, (Total + RelationshipsView.PerGroup - 1) / RelationshipsView.PerGroup);
}

/// <summary>An element's relationships both ways from the reference index of the plan catalog:
/// what it refers to, and every element that refers to it, grouped by how.</summary>
public sealed record RelationshipsView(IReadOnlyList<RelationGroup> Outgoing, IReadOnlyList<RelationGroup> Incoming, string Path)
{
    /// <summary>Whether the element has dependencies, which its page shows as its dependsOn list reads.</summary>
    public bool HasDependencies { get; init; }

    public const int PerGroup = 25;

    /// <summary>The link to another page of one group (<c>?rel=key&amp;rpage=n#rel-key</c>).</summary>
    public string Href(RelationGroup group, int page) =>
        $"{Path}?rel={Uri.EscapeDataString(group.Key)}&rpage={page}#rel-{group.Key}";

    public static RelationshipsView Of(PlanCatalog catalog, ElementKind kind, string name, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(query);
        var id = $"{ElementKinds.Slug(kind)}:{name}";
        var wanted = query["rel"].FirstOrDefault();
        var page = int.TryParse(query["rpage"].FirstOrDefault(), out var p) && p > 1 ? p : 1;
        ElementLink LinkOf(ElementKind k, string n) =>
            catalog.Find(k, n) is { } row ? CatalogListView.Link(row) : new ElementLink(k, n, null);

        RelationGroup Group(string key, string heading, IReadOnlyList<Relation> all)
        {
            var pages = Math.Max(1, (all.Count + PerGroup - 1) / PerGroup);
            var at = key == wanted ? Math.Min(page, pages) : 1;
            return new RelationGroup(key, heading, [.. all.Skip((at - 1) * PerGroup).Take(PerGroup)], all.Count, at);
        }

        // What it depends on is shown as its dependsOn list reads (DependencyView), not here.
        var from = catalog.From(id);
        var outgoing = new List<RelationGroup>();
        var refers = from.Where(r => !r.IsDependency).Select(r => new Relation(r.Outgoing, LinkOf(r.ToKind, r.ToName), null, false)).ToList();
        if (refers.Count > 0)
        {
            outgoing.Add(Group("refers-to", "Refers to", refers));
        }

        var to = catalog.To(id);
        var incoming = new List<RelationGroup>();
        var dependents = to.Where(r => r.IsDependency).Select(r => new Relation(r.Incoming, LinkOf(r.FromKind, r.FromName), r.Note, r.AnyOf)).ToList();
        if (dependents.Count > 0)
        {
            incoming.Add(Group("depended-on-by", "Depended on by", dependents));
        }
        foreach (var byKind in to.Where(r => !r.IsDependency).GroupBy(r => r.FromKind).OrderBy(g => g.Key))
        {
            incoming.Add(Group(ElementKinds.Slug(byKind.Key), $"In {ElementRoutes.PluralTitle(byKind.Key).ToLowerInvariant()}",
                [.. byKind.Select(r => new Relation(r.Incoming, LinkOf(r.FromKind, r.FromName), null, false))]));
        }
        return new RelationshipsView(outgoing, incoming, ElementRoutes.Details(kind, name)) { HasDependencies = from.Any(r => r.IsDependency) };
    }
}
