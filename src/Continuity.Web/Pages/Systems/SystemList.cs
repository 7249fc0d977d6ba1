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

/// <summary>Every system with its team and vendor, in one query.</summary>
internal static class SystemList
{
    public static async Task<List<SystemRow>> LoadAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        var rows = await db.Systems.AsNoTracking()
            .OrderBy(s => s.Tier).ThenBy(s => s.Title ?? s.Name)
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
        return
        [
            .. rows.Select(s => new SystemRow(
                s.Name, s.Title, s.Type, s.Tier,
                s.Team is null ? null : new ElementLink(ElementKind.Team, s.Team, s.TeamTitle),
                s.Vendor is null ? null : new ElementLink(ElementKind.Vendor, s.Vendor, s.VendorTitle),
                s.RtoMinutes, s.RpoMinutes, s.RestoreEstimatedMinutes, s.RestoreMeasuredMinutes)),
        ];
    }
}
