using Continuity.Data;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Continuity.Web.Pages.Waivers;

/// <summary>Creates a waiver, usually from a finding on the plan checks page (check and element given).</summary>
public sealed class NewModel(ContinuityDb db, PlanWriter writer, CurrentAccess access, TimeProvider clock)
    : WaiverFormModel(db, writer, access, clock)
{
    public async Task<IActionResult> OnGetAsync(string? check, string? element, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(cancellationToken) is not { } organisation)
        {
            return NotFound();
        }
        if (Find(SpecOf(organisation.Document), check, element) is not null)
        {
            return Redirect($"/waivers/edit?check={Uri.EscapeDataString(check!)}&element={Uri.EscapeDataString(element!)}");
        }
        Form = new WaiverInput { Check = check, Element = element, Version = organisation.Version, Expires = Today.AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(cancellationToken) is not { } organisation)
        {
            return NotFound();
        }
        if (await ReadAsync(creating: true, cancellationToken) is not { } waiver)
        {
            return Page();
        }
        var spec = SpecOf(organisation.Document);
        if (Find(spec, waiver.Check, waiver.Element?.ToString()) is not null)
        {
            ModelState.AddModelError("", $"There is a waiver of {waiver.Check} for {waiver.Element} already; change that one instead.");
            return Page();
        }
        spec.Waivers.Add(waiver);
        return await SaveAsync(organisation.Document, $"The waiver of {waiver.Check} for {waiver.Element} was saved; its findings no longer count until {waiver.Expires:yyyy-MM-dd}.", cancellationToken);
    }
}
