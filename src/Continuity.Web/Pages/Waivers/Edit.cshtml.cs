using Continuity.Data;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Continuity.Web.Pages.Waivers;

/// <summary>Changes the reason, owner or expiry of a waiver, or removes it. The waiver is named
/// by its check and element (a plan has at most one per pair that counts).</summary>
public sealed class EditModel(ContinuityDb db, PlanWriter writer, CurrentAccess access, TimeProvider clock)
    : WaiverFormModel(db, writer, access, clock)
{
    public async Task<IActionResult> OnGetAsync(string? check, string? element, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(cancellationToken) is not { } organisation
            || Find(SpecOf(organisation.Document), check, element) is not { } waiver)
        {
            return NotFound();
        }
        Form = WaiverInput.From(waiver, organisation.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(cancellationToken) is not { } organisation)
        {
            return NotFound();
        }
        if (await ReadAsync(creating: false, cancellationToken) is not { } changed)
        {
            return Page();
        }
        var spec = SpecOf(organisation.Document);
        var index = spec.Waivers.FindIndex(w => w.Check == changed.Check && w.Element?.ToString() == changed.Element?.ToString());
        if (index < 0)
        {
            Conflict = $"The waiver of {changed.Check} for {changed.Element} was removed meanwhile; nothing was saved. Create it again if it is still needed.";
            return Page();
        }
        spec.Waivers[index] = changed;
        return await SaveAsync(organisation.Document, $"The waiver of {changed.Check} for {changed.Element} was changed; it applies until {changed.Expires:yyyy-MM-dd}.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(cancellationToken) is not { } organisation)
        {
            return NotFound();
        }
        var spec = SpecOf(organisation.Document);
        var removed = spec.Waivers.RemoveAll(w => w.Check == Form.Check?.Trim() && w.Element?.ToString() == Form.Element?.Trim());
        if (removed == 0)
        {
            Conflict = $"There is no waiver of {Form.Check} for {Form.Element} any more; it was removed meanwhile.";
            return Page();
        }
        ModelState.Clear();
        return await SaveAsync(organisation.Document, $"The waiver of {Form.Check} for {Form.Element} was removed; its findings count again.", cancellationToken);
    }
}
