using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Vendors;

public sealed record VendorRow(
    string Name, string? Title, int? ContractualRtoMinutes, int? ContractualResponseMinutes, string? Sla,
    int EmergencyContacts, bool? HasContinuityPlan, DateOnly? ContractExpires, int SystemsSupplied)
{
    public ElementLink Link => new(ElementKind.Vendor, Name, Title);
}

/// <summary>Every vendor with its contract terms and how many systems it supplies, in one query.</summary>
internal static class VendorList
{
    public static async Task<List<VendorRow>> LoadAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        var rows = await db.Vendors.AsNoTracking()
            .OrderBy(v => v.Title ?? v.Name)
            .Select(v => new
            {
                v.Name,
                v.Title,
                v.ContractualRtoMinutes,
                v.ContractualResponseMinutes,
                v.Sla,
                v.EmergencyContacts,
                v.HasContinuityPlan,
                v.ContractExpires,
                Systems = db.Systems.Count(s => s.Vendor == v.Name),
            })
            .ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(v => new VendorRow(
                v.Name, v.Title, v.ContractualRtoMinutes, v.ContractualResponseMinutes, v.Sla,
                v.EmergencyContacts.Count, v.HasContinuityPlan, v.ContractExpires, v.Systems)),
        ];
    }
}
