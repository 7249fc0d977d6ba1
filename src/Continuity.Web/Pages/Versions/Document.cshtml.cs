using Continuity.Accounts;
using Continuity.Data;
using Continuity.Governance;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Versions;

/// <summary>The plan document of a version (ADR 010): rendered from the version's snapshot (never
/// from live rows), approval page first, personal contacts of people the reader may not see left
/// out as everywhere else. Prints as the document an auditor files.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class DocumentModel(PlanVersions versions, VersionWorkflow workflow, ContinuityDb db, CurrentAccess current) : PageModel
{
    public PlanVersion Version { get; private set; } = null!;

    public VersionWorkflowState Workflow { get; private set; } = null!;

    public PlanDocumentView View { get; private set; } = null!;

    public bool Redacted { get; private set; }

    /// <summary>Every version of this scope up to this one, newest first: the record of changes.</summary>
    public IReadOnlyList<VersionSummary> History { get; private set; } = [];

    /// <summary>What changed since the previous version (null for the first).</summary>
    public IReadOnlyList<PlanElementChange>? Changes { get; private set; }

    public async Task<IActionResult> OnGetAsync(string scope, int number, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed) || await workflow.GetAsync(parsed, number, cancellationToken) is not { } state)
        {
            return NotFound();
        }
        (Version, Workflow) = (state.Version, state);
        var visible = await ContactPrivacy.PeopleVisibleToAsync(db, await current.GetAsync(cancellationToken), cancellationToken);
        Redacted = visible is not null;
        View = new PlanDocumentView(VersionSnapshot.Read(ContactPrivacy.WithoutPersonalContacts(Version.Content, visible)), parsed);
        History = [.. (await versions.ListAsync(parsed, cancellationToken)).Where(v => v.Number <= number)];
        if (number > 1 && await versions.FindAsync(parsed, number - 1, cancellationToken) is { } previous)
        {
            Changes = PlanDiff.Between(previous.Content, Version.Content);
        }
        return Page();
    }
}
