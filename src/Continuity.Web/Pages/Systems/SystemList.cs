using Continuity.Catalog;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;

namespace Continuity.Web.Pages.Systems;

/// <summary>One page of the systems list: the catalog rows of the page, each with its type, team,
/// owner, vendor, RTO and restore time.</summary>
public sealed record SystemsTable(CatalogListView View)
{
    /// <summary>The restore takes longer than the system's own RTO allows.</summary>
    public static bool RestoreExceedsRto(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RtoMinutes is { } rto && row.RestoreMinutes is { } restore && restore > rto;
    }

    public static ElementLink? Vendor(CatalogRow row) =>
        row?.Vendor is { } vendor ? new ElementLink(ElementKind.Vendor, vendor, row.VendorLabel) : null;
}
