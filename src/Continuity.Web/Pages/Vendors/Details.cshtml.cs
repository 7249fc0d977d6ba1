using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Vendors;

/// <summary>One vendor: contract and SLA, emergency contacts and escalation, its own continuity
/// evidence, the systems it supplies and what depends on it.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class DetailsModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    public VendorDetails Vendor { get; private set; } = null!;

    /// <summary>How many systems the vendor supplies are listed here; all of them are in its relationships, paged.</summary>
    public const int SystemsShown = 25;

    /// <summary>The first <see cref="SystemsShown"/> systems it supplies, by title.</summary>
    public IReadOnlyList<ElementLink> Systems { get; private set; } = [];

    public int SystemsSupplied { get; private set; }

    public DependencyView Dependencies { get; private set; } = null!;

    public string OrganisationName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        var vendor = await db.Vendors.AsNoTracking()
            .Where(v => v.Name == name)
            .Select(v => new VendorDetails(
                v.Name, v.Title, v.Description, v.Owner, v.Services, v.ContractNumber, v.ContractExpires, v.Sla,
                v.ContractualRtoMinutes, v.ContractualResponseMinutes, v.EmergencyContacts, v.Escalation, v.StatusPage,
                v.HasContinuityPlan, v.ContinuityEvidenceSeen, v.ContinuityEvidence, v.Alternate, v.ExitStrategy, v.RestorationCheck))
            .SingleOrDefaultAsync(cancellationToken);
        if (vendor is null)
        {
            return NotFound();
        }
        Vendor = vendor;

        OrganisationName = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => o.Title ?? o.Name)
            .FirstOrDefaultAsync(cancellationToken) ?? "";

        var result = await analysis.GetAsync(db, cancellationToken);
        var catalog = result.Catalog!;
        var supplied = VendorList.SuppliedBy(catalog, vendor.Name)
            .Select(system => catalog.Find(ElementKind.System, system) is { } row ? CatalogListView.Link(row) : new ElementLink(ElementKind.System, system, null))
            .OrderBy(l => l.Label, StringComparer.Ordinal)
            .ToList();
        SystemsSupplied = supplied.Count;
        Systems = [.. supplied.Take(SystemsShown)];
        Dependencies = DependencyView.Of(catalog, ElementKind.Vendor, vendor.Name);
        Panel = ElementPanel.Of(result, await access.GetAsync(cancellationToken), ElementKind.Vendor, name, Request.Query);
        return Page();
    }

    /// <summary>Relationships both ways, the functions that need it, its findings and the actions
    /// the user may take (null while the analysis lags a write).</summary>
    public ElementPanel? Panel { get; private set; }
}

public sealed record VendorDetails(
    string Name, string? Title, string? Description, string? Owner, IReadOnlyList<string> Services,
    string? ContractNumber, DateOnly? ContractExpires, string? Sla, int? ContractualRtoMinutes, int? ContractualResponseMinutes,
    IReadOnlyList<Contact> EmergencyContacts, IReadOnlyList<string> Escalation, string? StatusPage,
    bool? HasContinuityPlan, DateOnly? ContinuityEvidenceSeen, string? ContinuityEvidence,
    string? Alternate, string? ExitStrategy, string? RestorationCheck)
{
    public string DisplayName => Format.Title(Title, Name);
}
