using Continuity.Data;
using Continuity.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Shared;

/// <summary>An element named on a page: its kind, plan name and title, and the page that shows it.</summary>
public sealed record ElementLink(ElementKind Kind, string Name, string? Title)
{
    public string Label => Format.Title(Title, Name);

    public string Href => ElementRoutes.Details(Kind, Name);
}

/// <summary>Looks up the titles of elements named by kind and name, in one query whatever
/// their number, so that a page can label every link without a query per link.</summary>
internal static class ElementTitles
{
    public static async Task<Func<ElementKind, string, ElementLink>> LoadAsync(
        ContinuityDb db, IEnumerable<(ElementKind Kind, string Name)> wanted, CancellationToken cancellationToken)
    {
        var byKind = wanted
            .GroupBy(w => w.Kind, w => w.Name)
            .ToDictionary(g => g.Key, g => g.Distinct().ToList());

        IQueryable<TitleRow>? query = null;
        foreach (var (kind, names) in byKind)
        {
            var part = kind switch
            {
                ElementKind.BusinessFunction => Titles(db.Functions, ElementKind.BusinessFunction, names),
                ElementKind.System => Titles(db.Systems, ElementKind.System, names),
                ElementKind.Vendor => Titles(db.Vendors, ElementKind.Vendor, names),
                ElementKind.Site => Titles(db.Sites, ElementKind.Site, names),
                ElementKind.Person => Titles(db.People, ElementKind.Person, names),
                ElementKind.Role => Titles(db.Roles, ElementKind.Role, names),
                ElementKind.Team => Titles(db.Teams, ElementKind.Team, names),
                _ => null,
            };
            if (part is not null)
            {
                query = query is null ? part : query.Concat(part);
            }
        }

        var titles = query is null
            ? []
            : (await query.ToListAsync(cancellationToken)).ToDictionary(t => (t.Kind, t.Name), t => t.Title);
        return (kind, name) => new ElementLink(kind, name, titles.GetValueOrDefault((kind, name)));
    }

    private static IQueryable<TitleRow> Titles<T>(DbSet<T> set, ElementKind kind, List<string> names)
        where T : Element =>
        set.AsNoTracking().Where(e => names.Contains(e.Name)).Select(e => new TitleRow { KindNumber = (int)kind, Name = e.Name, Title = e.Title });

    // A member-initialised class, not a positional record: EF Core can only translate a UNION
    // of projections it can map to columns.
    private sealed class TitleRow
    {
        public int KindNumber { get; init; }

        public string Name { get; init; } = "";

        public string? Title { get; init; }

        public ElementKind Kind => (ElementKind)KindNumber;
    }
}
