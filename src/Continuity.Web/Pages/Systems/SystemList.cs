using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Systems;

public sealed record SystemRow(
    string Name, string? Title, SystemType Type, int Tier, ElementLink? Team, ElementLink? Vendor,
    int? RtoMinutes, int? RpoMinutes, int? RestoreEstimatedMinutes, int? RestoreMeasuredMinutes)
{
    public ElementLink Link => new(ElementKind.System, Name, Title);

    /// <summary>The restore takes longer than the system's own RTO allows.</summary>
    public bool RestoreExceedsRto =>
        RtoMinutes is { } rto && (RestoreMeasuredMinutes ?? RestoreEstimatedMinutes) is { } restore && restore > rto;
}

/// <summary>One page of the systems list: the catalog rows of the page and their vendor,
/// objectives and restore estimates from the database (by name).</summary>
public sealed record SystemsTable(CatalogListView View, IReadOnlyDictionary<string, SystemRow> Rows);

/// <summary>The systems of one page with their team and vendor, in one query.</summary>
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
                s.Vendor,
                VendorTitle = db.Vendors.Where(v => v.Name == s.Vendor).Select(v => v.Title).FirstOrDefault(),
                s.RtoMinutes,
                s.RpoMinutes,
                s.RestoreEstimatedMinutes,
                s.RestoreMeasuredMinutes,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(s => new SystemRow(
                s.Name, s.Title, s.Type, s.Tier,
                s.Team is null ? null : new ElementLink(ElementKind.Team, s.Team, s.TeamTitle),
                s.Vendor is null ? null : new ElementLink(ElementKind.Vendor, s.Vendor, s.VendorTitle),
                s.RtoMinutes, s.RpoMinutes, s.RestoreEstimatedMinutes, s.RestoreMeasuredMinutes))
            .ToDictionary(s => s.Name, StringComparer.Ordinal);
    }
}
