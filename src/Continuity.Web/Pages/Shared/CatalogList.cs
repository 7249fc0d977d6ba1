using Continuity.Accounts;
using Continuity.Catalog;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>One page of a kind's list from the plan catalog, with what the filters offer: the
/// plan's teams, the kind's statuses, a tier filter where the kind has tiers. No query: the
/// catalog is part of the cached analysis.</summary>
public sealed record CatalogListView(
    ElementKind Kind, ListQuery Query, ListPage<CatalogRow> Page, IReadOnlyList<string> Teams, IReadOnlyList<string> Statuses,
    bool HasTeam, bool HasTier, bool CanCreate, int KindTotal, string OrganisationName)
{
    public string Path => ElementRoutes.List(Kind);

    public static CatalogListView Build(PlanCatalog catalog, ElementKind kind, ListQuery query, UserAccess access,
        Func<string, IEnumerable<CatalogRow>, IOrderedEnumerable<CatalogRow>?>? sortBy = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        var all = catalog.OfKind(kind);
        // Unfiltered in the default order, the kind's rows are the list as they stand (no copy of 10,000 rows).
        IReadOnlyList<CatalogRow> rows = query.IsFiltered || query.Sort is not null || query.Descending ? query.Apply(all, sortBy).ToList() : all;
        var hasTeam = kind is ElementKind.BusinessFunction or ElementKind.System or ElementKind.Person or ElementKind.Procedure
            or ElementKind.Role or ElementKind.BackupPolicy;
        return new CatalogListView(kind, query, query.PageOf(rows, ElementRoutes.List(kind)), catalog.Teams,
            catalog.StatusesOf(kind),
            hasTeam, kind is ElementKind.BusinessFunction or ElementKind.System, MayCreate(access, kind), all.Length,
            OrganisationNameOf(catalog));
    }

    /// <summary>A continuity manager creates anything; a team lead the team-owned kinds (for their teams).</summary>
    public static bool MayCreate(UserAccess access, ElementKind kind)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.CanChangeWholePlan || (UserAccess.TeamKinds.Contains(kind) && access.LeadsTeams.Count > 0);
    }

    /// <summary>The organisation's title from the catalog, or "No plan loaded".</summary>
    public static string OrganisationNameOf(PlanCatalog? catalog) =>
        catalog?.OfKind(ElementKind.Organisation).FirstOrDefault() is { } organisation ? organisation.Label : "No plan loaded";

    public static ElementLink Link(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ElementLink(row.Kind, row.Name, row.Title);
    }

    /// <summary>The row's team, with its title, for a list's team column.</summary>
    public static ElementLink? TeamLink(CatalogRow row) =>
        row?.Team is { } team ? new ElementLink(ElementKind.Team, team, row.TeamLabel) : null;

    /// <summary>The person accountable for the row's element, with their title.</summary>
    public static ElementLink? OwnerLink(CatalogRow row) =>
        row?.Owner is { } owner ? new ElementLink(ElementKind.Person, owner, row.OwnerLabel) : null;
}
