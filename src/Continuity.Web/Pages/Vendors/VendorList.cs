using Continuity.Catalog;
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

/// <summary>One page of the vendors list: the catalog rows of the page and their contract terms
/// from the database (by name).</summary>
public sealed record VendorsTable(CatalogListView View, IReadOnlyDictionary<string, VendorRow> Rows);

/// <summary>The vendors of one page with their contract terms (one query) and how many systems
/// each supplies (from the catalog).</summary>
internal static class VendorList
{
    public static async Task<Dictionary<string, VendorRow>> LoadAsync(ContinuityDb db, PlanCatalog catalog, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return new Dictionary<string, VendorRow>(StringComparer.Ordinal);
        }
        var rows = await db.Vendors.AsNoTracking()
            .Where(v => names.Contains(v.Name))
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
            })
            .ToListAsync(cancellationToken);
        return rows.Select(v => new VendorRow(
                v.Name, v.Title, v.ContractualRtoMinutes, v.ContractualResponseMinutes, v.Sla,
                v.EmergencyContacts.Count, v.HasContinuityPlan, v.ContractExpires, SystemsSupplied(catalog, v.Name)))
            .ToDictionary(v => v.Name, StringComparer.Ordinal);
    }

    private static int SystemsSupplied(PlanCatalog catalog, string vendor) => SuppliedBy(catalog, vendor).Count();

    /// <summary>The names of the systems that name <paramref name="vendor"/> as their supplier (<c>spec.vendor</c>).</summary>
    public static IEnumerable<string> SuppliedBy(PlanCatalog catalog, string vendor) =>
        catalog.To($"{ElementKinds.Slug(ElementKind.Vendor)}:{vendor}")
            .Where(r => r.FromKind == ElementKind.System && r.Path == "spec.vendor")
            .Select(r => r.FromName);
}
