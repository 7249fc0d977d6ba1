using Continuity.Catalog;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Systems;

public sealed record SystemRow(string Name, string? Title, SystemType Type, int Tier, ElementLink? Team)
{
    public ElementLink Link => new(ElementKind.System, Name, Title);
}

/// <summary>One page of the systems list: the catalog rows of the page (with their owner, vendor,
/// RTO and restore time) and their type and team from the database (by name).</summary>
public sealed record SystemsTable(CatalogListView View, IReadOnlyDictionary<string, SystemRow> Rows)
{
    /// <summary>The restore takes longer than the system's own RTO allows.</summary>
    public static bool RestoreExceedsRto(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RtoMinutes is { } rto && row.RestoreMinutes is { } restore && restore > rto;
    }

    public static ElementLink? Owner(CatalogRow row) =>
        row?.Owner is { } owner ? new ElementLink(ElementKind.Person, owner, row.OwnerLabel) : null;

    public static ElementLink? Vendor(CatalogRow row) =>
        row?.Vendor is { } vendor ? new ElementLink(ElementKind.Vendor, vendor, row.VendorLabel) : null;
}

/// <summary>The systems of one page with their type and team, in one query.</summary>
internal static class SystemList
{
    public static async Task<Dictionary<string, SystemRow>> LoadAsync(ContinuityDb db, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return new Dictionary<string, SystemRow>(StringComparer.Ordinal);
        }
        var rows = await db.Systems.AsNoTracking()
            .Where(s => names.Contains(s.Name))
            .Select(s => new
            {
                s.Name,
                s.Title,
                s.Type,
                s.Tier,
                s.Team,
                TeamTitle = db.Teams.Where(t => t.Name == s.Team).Select(t => t.Title).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(s => new SystemRow(
                s.Name, s.Title, s.Type, s.Tier,
                s.Team is null ? null : new ElementLink(ElementKind.Team, s.Team, s.TeamTitle)))
            .ToDictionary(s => s.Name, StringComparer.Ordinal);
    }
}
