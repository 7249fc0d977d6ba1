using System.Globalization;
using System.Security.Claims;
using Continuity.Audit;
using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Waivers;

/// <summary>What the waiver forms post. <see cref="Version"/> is the organisation's version when
/// the form was opened: the waivers live in the organisation document (spec.waivers), so it is
/// their ETag.</summary>
public sealed class WaiverInput
{
    public string? Check { get; set; }

    public string? Element { get; set; }

    public string? Reason { get; set; }

    public string? Owner { get; set; }

    public string? Expires { get; set; }

    public Guid Version { get; set; }

    public static WaiverInput From(WaiverSpec spec, Guid version) => new()
    {
        Check = spec.Check,
        Element = spec.Element?.ToString(),
        Reason = spec.Reason,
        Owner = spec.Owner?.Name,
        Expires = spec.Expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Version = version,
    };
}

/// <summary>Creating, changing and removing a waiver: whole-plan changes (continuity manager
/// only, <see cref="AccessPolicies.ChangeWholePlan"/>) that replace the organisation document
/// through the one writer, so they are audited, exported and take part in import conflicts like
/// any other change. Never the team lead whose element it is: a waiver is the manager's
/// acceptance of a gap, not the owner's.</summary>
[Authorize(Policy = AccessPolicies.ChangeWholePlan)]
public abstract class WaiverFormModel(ContinuityDb db, PlanWriter writer, CurrentAccess access, TimeProvider clock) : PageModel
{
    [BindProperty]
    public WaiverInput Form { get; set; } = new();

    /// <summary>Set when the organisation changed since the form was opened; the input is kept.</summary>
    public string? Conflict { get; protected set; }

    /// <summary>The rule named in the form, when it is one.</summary>
    public Check? Rule => CheckCatalogue.Find(Form.Check?.Trim() ?? "");

    protected DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    protected ContinuityDb Db => db;

    /// <summary>The organisation's document and version, or null when the plan has no organisation.</summary>
    protected async Task<(PlanDocument Document, Guid Version)?> OrganisationAsync(CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return organisation is null ? null : (organisation.ToDocument(), organisation.Version);
    }

    protected static OrganisationSpec SpecOf(PlanDocument document) => (OrganisationSpec)document.Spec;

    protected static WaiverSpec? Find(OrganisationSpec spec, string? check, string? element) =>
        spec.Waivers.FirstOrDefault(w => string.Equals(w.Check, check?.Trim(), StringComparison.Ordinal)
            && string.Equals(w.Element?.ToString(), element?.Trim(), StringComparison.Ordinal));

    /// <summary>The waiver the form describes, with an error at each field that is wrong.</summary>
    protected async Task<WaiverSpec?> ReadAsync(bool creating, CancellationToken cancellationToken)
    {
        var check = Form.Check?.Trim().ToUpperInvariant() ?? "";
        if (check.Length == 0)
        {
            Error(nameof(WaiverInput.Check), "Name the check to waive (CT101 …).");
        }
        else if (CheckCatalogue.Find(check) is null)
        {
            Error(nameof(WaiverInput.Check), $"There is no check {check}; the checks are listed on the plan checks page and in docs/checks.md.");
        }

        Reference? element = null;
        var elementText = Form.Element?.Trim() ?? "";
        var colon = elementText.IndexOf(':', StringComparison.Ordinal);
        if (elementText.Length == 0)
        {
            Error(nameof(WaiverInput.Element), "Name the element the waiver is for, as kind:name (function:payroll).");
        }
        else if (colon <= 0 || !ElementKinds.TryParseSlug(elementText[..colon], out var kind) || colon == elementText.Length - 1)
        {
            Error(nameof(WaiverInput.Element), $"'{elementText}' is not kind:name; write it as function:payroll, system:crm, vendor:aws ….");
        }
        else
        {
            element = Reference.To(kind, elementText[(colon + 1)..]);
        }

        if (string.IsNullOrWhiteSpace(Form.Reason))
        {
            Error(nameof(WaiverInput.Reason), "Say why the finding is accepted and what is done instead: auditors read it.");
        }

        var owner = Form.Owner?.Trim() ?? "";
        if (owner.Length == 0)
        {
            Error(nameof(WaiverInput.Owner), "Name the person who answers for the waiver.");
        }
        else if (!await db.People.AnyAsync(p => p.Name == owner, cancellationToken))
        {
            var near = await db.People.AsNoTracking().Where(p => p.Name.StartsWith(owner.Substring(0, 1))).Select(p => p.Name).Take(200).ToListAsync(cancellationToken);
            Error(nameof(WaiverInput.Owner), $"There is no person '{owner}' in the plan." + (Naming.DidYouMean(owner, near) is { } guess ? $" {guess}" : " Write the name of a person on the people list."));
        }

        DateOnly? expires = null;
        if (string.IsNullOrWhiteSpace(Form.Expires))
        {
            Error(nameof(WaiverInput.Expires), "Give the last day the waiver applies: a waiver without an end is not accepted.");
        }
        else if (!DateOnly.TryParseExact(Form.Expires.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Error(nameof(WaiverInput.Expires), $"'{Form.Expires}' is not a date; write it as 2027-05-31.");
        }
        else if (creating && date < Today)
        {
            Error(nameof(WaiverInput.Expires), $"{date:yyyy-MM-dd} is in the past: a new waiver must run until today or later.");
        }
        else
        {
            expires = date;
        }

        return ModelState.IsValid
            ? new WaiverSpec { Check = check, Element = element, Reason = Form.Reason!.Trim(), Owner = Reference.To(ElementKind.Person, owner), Expires = expires }
            : null;
    }

    /// <summary>Saves the organisation document with its waivers changed; the page on a conflict
    /// or a rule of the plan broken, else a redirect to the waivers.</summary>
    protected async Task<IActionResult> SaveAsync(PlanDocument organisation, string done, CancellationToken cancellationToken)
    {
        var user = await access.GetAsync(cancellationToken);
        try
        {
            await writer.ReplaceElementAsync(new Actor(User.FindFirstValue(ClaimTypes.Email) ?? user.Email ?? "unknown", AuditChannel.Form),
                organisation, Form.Version, cancellationToken);
        }
        catch (PlanConflictException)
        {
            Conflict = "Someone changed the organisation (its settings or waivers) while you were editing; nothing of yours was saved. Your input is kept: check the waivers as they are now and save again.";
            Form.Version = (await OrganisationAsync(cancellationToken))?.Version ?? Form.Version;
            return Page();
        }
        catch (PlanValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(FieldOf(error), error.Message);
            }
            return Page();
        }
        TempData["Saved"] = done;
        return Redirect("/waivers");
    }

    private string FieldOf(FieldError error)
    {
        var field = error.Field;
        foreach (var name in new[] { "check", "element", "reason", "owner", "expires" })
        {
            if (field.EndsWith("waivers." + name, StringComparison.Ordinal))
            {
                return $"{nameof(Form)}.{char.ToUpperInvariant(name[0])}{name[1..]}";
            }
        }
        if (Form.Element is { Length: > 0 } element && error.Message.Contains(element.Trim(), StringComparison.Ordinal))
        {
            return $"{nameof(Form)}.{nameof(WaiverInput.Element)}";
        }
        return "";
    }

    private void Error(string field, string message) => ModelState.AddModelError($"{nameof(Form)}.{field}", message);
}
