using Continuity.Accounts;
using Continuity.Data;
using Continuity.Governance;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Versions;

/// <summary>Everything the plan document shows (<c>_PlanDocument</c>): the version, its review and
/// sign-off, the document view of its snapshot, the scope's versions up to it and what changed in it.</summary>
public sealed record PlanDocumentPage(PlanVersion Version, VersionWorkflowState Workflow, PlanDocumentView View, bool Redacted,
    IReadOnlyList<VersionSummary> History, IReadOnlyList<PlanElementChange>? Changes)
{
    /// <summary>What every printed page's header says, on the page and in the approval PDF alike.</summary>
    public string PrintLine => $"{View.Title} · business continuity plan {Version.Label} · SHA-256 {Version.ContentHash}";

    /// <summary>What every printed page's footer says: the version and its content hash.</summary>
    public string PrintFoot => $"{Version.Label} SHA-256 {Version.ContentHash}";

    /// <summary>Builds the document of a version; <paramref name="visible"/> are the people whose personal
    /// contacts the reader may see (null: everyone; empty: no one, as in the approval PDF).</summary>
    public static async Task<PlanDocumentPage> BuildAsync(PlanVersions versions, VersionWorkflowState state, IReadOnlySet<string>? visible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(state);
        var version = state.Version;
        var scope = PlanScope.TryParse(version.Scope, out var parsed) ? parsed : PlanScope.Organisation;
        var view = new PlanDocumentView(VersionSnapshot.Read(ContactPrivacy.WithoutPersonalContacts(version.Content, visible)), scope);
        var history = (await versions.ListAsync(scope, cancellationToken)).Where(v => v.Number <= version.Number).ToList();
        var changes = version.Number > 1 ? (await versions.CompareAsync(scope, version.Number - 1, version.Number, cancellationToken)).Changes : null;
        return new PlanDocumentPage(version, state, view, visible is not null, history, changes);
    }
}

/// <summary>The plan document of a version (ADR 010): rendered from the version's snapshot (never
/// from live rows), approval page first, personal contacts of people the reader may not see left
/// out as everywhere else. Prints as the document an auditor files.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class DocumentModel(PlanVersions versions, VersionWorkflow workflow, ContinuityDb db, CurrentAccess current) : PageModel
{
    public PlanVersion Version => Document.Version;

    public PlanDocumentPage Document { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string scope, int number, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed) || await workflow.GetAsync(parsed, number, cancellationToken) is not { } state)
        {
            return NotFound();
        }
        var visible = await ContactPrivacy.PeopleVisibleToAsync(db, await current.GetAsync(cancellationToken), cancellationToken);
        Document = await PlanDocumentPage.BuildAsync(versions, state, visible, cancellationToken);
        return Page();
    }
}
