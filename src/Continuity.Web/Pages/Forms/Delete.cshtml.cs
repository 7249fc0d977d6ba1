using Continuity.Audit;
using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Api;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Forms;

/// <summary>Removes an element after confirmation. While other elements still refer to it, the page
/// says which (kind, name, field) with links, and refuses; the writer's validation refuses too.</summary>
[Authorize(Policy = AccessPolicies.ChangePlan)]
public sealed class DeleteModel(ContinuityDb db, PlanWriter writer, CurrentAccess access, AnalysisCache analysis) : PageModel
{
    public ElementKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public string Label { get; private set; } = "";

    public Guid Version { get; private set; }

    /// <summary>Every reference to the element from elsewhere in the plan.</summary>
    public List<ReferenceTo> ReferencedBy { get; } = [];

    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(name, cancellationToken) is { } refused)
        {
            return refused;
        }
        await FindReferencesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(name, cancellationToken) is { } refused)
        {
            return refused;
        }
        var user = await access.GetAsync(cancellationToken);
        var expected = Guid.TryParse(Request.Form["_version"], out var version) ? version : Guid.Empty;
        try
        {
            await writer.RemoveElementAsync(new Actor(user.Email ?? user.UserId.ToString(), AuditChannel.Form), Kind, Name, expected, cancellationToken);
        }
        catch (PlanValidationException invalid)
        {
            Problems.AddRange(invalid.Errors.Select(e => e.Field.Length > 0 ? $"{e.Field}: {e.Message}" : e.Message));
            await FindReferencesAsync(cancellationToken);
            return Page();
        }
        catch (PlanConflictException)
        {
            Problems.Add($"Someone changed this {ElementRoutes.SingularTitle(Kind)} since you opened this page; nothing was removed. Look at it again before you remove it.");
            await FindReferencesAsync(cancellationToken);
            return Page();
        }
        catch (ElementNotFoundException)
        {
            return NotFound();
        }
        TempData["Saved"] = $"The {ElementRoutes.SingularTitle(Kind)} {Name} was removed.";
        return Redirect(ElementRoutes.List(Kind));
    }

    private async Task<IActionResult?> LoadAsync(string name, CancellationToken ct)
    {
        if (FormRoutes.KindOf(Request.Path) is not { } kind || kind == ElementKind.Organisation)
        {
            return NotFound();
        }
        Kind = kind;
        var found = await ElementSet.Of(kind).FindAsync(db, name, ct);
        if (found is null)
        {
            return NotFound();
        }
        if (!(await access.GetAsync(ct)).CanChange(kind, await PlanWriteApi.TeamAsync(found.Document, db, ct)))
        {
            return Forbid();
        }
        Name = found.Document.Name;
        Label = found.Document.Metadata.Title is { Length: > 0 } title ? title : Name;
        Version = found.Version;
        return null;
    }

    // From the catalog of the current revision (ADR 009): no read of the whole plan per page.
    private async Task FindReferencesAsync(CancellationToken ct)
    {
        var catalog = (await analysis.GetAsync(db, ct)).Catalog;
        if (catalog is null)
        {
            return;
        }
        foreach (var reference in catalog.To($"{ElementKinds.Slug(Kind)}:{Name}"))
        {
            if (reference.FromKind != Kind || reference.FromName != Name)
            {
                ReferencedBy.Add(new ReferenceTo(reference.FromKind, reference.FromName, catalog.Find(reference.FromKind, reference.FromName)?.Title, reference.Path, reference.Outgoing));
            }
        }
    }
}

/// <summary>A field of another element that refers to the one being removed, and what that field
/// makes of it in words ("Backs up", "Step 3: responsible").</summary>
public sealed record ReferenceTo(ElementKind Kind, string Name, string? Title, string Field, string Words);
