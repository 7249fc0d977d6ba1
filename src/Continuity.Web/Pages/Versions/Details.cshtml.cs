using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Governance;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Versions;

/// <summary>One plan version: its facts (hash re-checked from the stored snapshot), its review
/// (reviewers, verdicts, comments per section) and sign-off (quorum, sign-offs, the signing form
/// with the password re-entered), and what changed since the version before it — or, on request,
/// what the plan has changed since this version. Who may do what is decided by
/// <see cref="VersionWorkflow"/>; the page only hides the forms that would be refused.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class DetailsModel(PlanVersions versions, VersionWorkflow workflow, CurrentAccess current, Data.ContinuityDb db, Documents.ApprovalPdf pdf, Distribution distribution) : PageModel
{
    public PlanVersion Version { get; private set; } = null!;

    public VersionWorkflowState Workflow { get; private set; } = null!;

    public UserAccess Viewer { get; private set; } = UserAccess.Nobody;

    public PlanScope VersionScope { get; private set; } = PlanScope.Organisation;

    public bool Verified { get; private set; }

    /// <summary>"previous" (default) or "draft".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Against { get; set; }

    public string ComparedWith { get; private set; } = "";

    /// <summary>Null when there is nothing to compare with (version 1 against its previous).</summary>
    public IReadOnlyList<PlanElementChange>? Changes { get; private set; }

    [BindProperty]
    public string? Section { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Verdict { get; set; }

    [BindProperty]
    public List<string> Reviewers { get; set; } = [];

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Statement { get; set; }

    [BindProperty]
    public string? Justification { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>For the consolidated plan: each team plan's newest approved version and newest version
    /// (submitting the consolidated plan while a team plan is unapproved is allowed, and shown).</summary>
    public IReadOnlyList<(string Team, VersionSummary? Approved, VersionSummary? Latest)> TeamPlans { get; private set; } = [];

    /// <summary>Whom the version was sent to, and their acknowledgements (published or superseded versions).</summary>
    public IReadOnlyList<VersionRecipient> Recipients { get; private set; } = [];

    public bool MayPublish => Version.State == VersionState.Approved && Distribution.MayPublish(Viewer, VersionScope);

    /// <summary>Where offline copies of the version are kept.</summary>
    public IReadOnlyList<OfflineCopy> OfflineCopies { get; private set; } = [];

    public bool MayRecordOfflineCopy => Version.State is VersionState.Approved or VersionState.Published && Distribution.MayPublish(Viewer, VersionScope);

    [BindProperty]
    public string? Location { get; set; }

    [BindProperty]
    public string? Holder { get; set; }

    /// <summary>People of the version to send it to besides those the rule finds (names, comma-separated).</summary>
    [BindProperty]
    public string? Additions { get; set; }

    /// <summary>The PDF stored at approval: its SHA-256 and when it was rendered.</summary>
    public (string Sha256, DateTime RenderedUtc)? ApprovalPdf { get; private set; }

    /// <summary>Whether the version is approved (or later) and so has, or should have, its approval PDF.</summary>
    public bool WasApproved => Version.State is VersionState.Approved or VersionState.Published or VersionState.Superseded;

    /// <summary>A continuity manager or an approver of the scope may render a missing approval PDF.</summary>
    public bool MayRenderPdf => WasApproved && ApprovalPdf is null
        && (Viewer.Holds(AccessRole.ContinuityManager) || VersionWorkflow.MayApprove(Viewer, VersionScope));

    /// <summary>Users who could be named reviewers (read the plan, not the submitter, not yet named).</summary>
    public IReadOnlyList<UserSummary> Candidates { get; private set; } = [];

    private string Me => Viewer.Email ?? "";

    public bool MayNameReviewers => Workflow.MayNameReviewers(Viewer, Me);

    public bool MayComment => Workflow.MayComment(Viewer, Me);

    public bool MayConclude => Workflow.MayConclude(Me);

    public bool MaySign => Workflow.WhyNotSign(Viewer, Me) is null;

    /// <summary>Why the viewer cannot sign while the version is open, when they are an approver of
    /// its scope (the workflow's own reason); null otherwise.</summary>
    public string? WhyNotSign =>
        VersionWorkflow.MayApprove(Viewer, VersionScope) && (Version.IsOpen || Workflow.SignOffs.Any(s => VersionWorkflow.SameUser(s.Approver, Me)))
            ? Workflow.WhyNotSign(Viewer, Me)?.Message
            : null;

    public async Task<IActionResult> OnGetAsync(string scope, int number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(scope, number, cancellationToken))
        {
            return NotFound();
        }
        Statement ??= $"I have reviewed {Version.Label} (content {Version.ContentHash[..12]}…) and approve it as {VersionScope.Title}.";
        return Page();
    }

    public Task<IActionResult> OnPostCommentAsync(string scope, int number, CancellationToken cancellationToken) =>
        StepAsync(scope, number, "Your comment was added.",
            (parsed, actor) => workflow.CommentAsync(actor, Viewer, parsed, number, Section, Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReviewAsync(string scope, int number, CancellationToken cancellationToken) =>
        StepAsync(scope, number, Verdict == "changes-requested" ? "You requested changes; the version was returned to its submitter." : "You found the version ready.",
            (parsed, actor) => workflow.ConcludeReviewAsync(actor, parsed, number,
                Verdict == "changes-requested" ? ReviewVerdict.ChangesRequested : ReviewVerdict.Reviewed, Section, Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReviewersAsync(string scope, int number, CancellationToken cancellationToken) =>
        StepAsync(scope, number, "The reviewers were named; the version is in review.",
            (parsed, actor) => workflow.NameReviewersAsync(actor, Viewer, parsed, number, Reviewers, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostSignAsync(string scope, int number, CancellationToken cancellationToken)
    {
        var decision = Decision == "reject" ? SignOffDecision.Reject : SignOffDecision.Approve;
        var secret = Password;
        Password = null;                                 // never sent back to the browser
        string? pdfProblem = null;
        var result = await StepAsync(scope, number, decision == SignOffDecision.Approve ? "Your approval was signed and recorded." : "Your rejection was recorded; the version was returned.",
            async (parsed, actor) =>
            {
                await workflow.SignAsync(actor, Viewer, parsed, number, new VersionWorkflow.SignRequest(decision, Statement, Justification, secret), cancellationToken);
                if ((await versions.FindAsync(parsed, number, cancellationToken))?.State == VersionState.Approved)
                {
                    // The approving sign-off renders the plan document to PDF once; the approval stands without it.
                    pdfProblem = await pdf.EnsureAsync(actor, parsed, number, cancellationToken);
                }
            }, cancellationToken);
        if (pdfProblem is not null)
        {
            TempData["Saved"] = $"Your approval was signed and the version is approved, but its PDF was not rendered: {pdfProblem}";
        }
        return result;
    }

    /// <summary>Publishes the approved version to the people it concerns.</summary>
    public async Task<IActionResult> OnPostPublishAsync(string scope, int number, CancellationToken cancellationToken)
    {
        var additions = (Additions ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var count = 0;
        var result = await StepAsync(scope, number, "The version was published.", async (parsed, actor) =>
            count = await distribution.PublishAsync(actor, Viewer, parsed, number, additions, Api.GovernanceApi.AcknowledgeUrl(Request), cancellationToken), cancellationToken);
        if (count > 0)
        {
            TempData["Saved"] = $"The version was published: {count} people receive an e-mail with their acknowledgement link and find it in their inbox.";
        }
        return result;
    }

    /// <summary>Records where an offline copy of the version is kept.</summary>
    public Task<IActionResult> OnPostOfflineCopyAsync(string scope, int number, CancellationToken cancellationToken) =>
        StepAsync(scope, number, "The offline copy was recorded.",
            (parsed, actor) => distribution.RecordOfflineCopyAsync(actor, Viewer, parsed, number, Location, Holder, cancellationToken), cancellationToken);

    /// <summary>Renders the approval PDF of an approved version that has none (Chromium was missing at approval).</summary>
    public async Task<IActionResult> OnPostRenderPdfAsync(string scope, int number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(scope, number, cancellationToken))
        {
            return NotFound();
        }
        if (!MayRenderPdf)
        {
            return ApprovalPdf is not null ? Redirect(VersionPaths.Of(Version.Scope, Version.Number)) : Forbid();
        }
        var problem = await pdf.EnsureAsync(new Actor(Viewer.Email ?? Viewer.UserId.ToString(), AuditChannel.Form), VersionScope, number, cancellationToken);
        TempData["Saved"] = problem is null ? "The approval PDF was rendered and stored." : $"The approval PDF was not rendered: {problem}";
        return Redirect(VersionPaths.Of(Version.Scope, Version.Number) + "#workflow");
    }

    private async Task<IActionResult> StepAsync(string scope, int number, string done, Func<PlanScope, Actor, Task> step, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(scope, number, cancellationToken))
        {
            return NotFound();
        }
        try
        {
            await step(VersionScope, new Actor(Viewer.Email ?? Viewer.UserId.ToString(), AuditChannel.Form));
            TempData["Saved"] = done;
            return Redirect(VersionPaths.Of(Version.Scope, Version.Number) + "#workflow");
        }
        catch (GovernanceRefusedException refused) when (refused.Field is { } field)
        {
            ModelState.AddModelError(Capitalised(field), refused.Message);
        }
        catch (GovernanceRefusedException)
        {
            return Forbid();
        }
        catch (PlanValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(Capitalised(error.Field), error.Message);
            }
        }
        catch (PlanConflictException conflict)
        {
            ModelState.AddModelError("", conflict.Message);
        }
        await LoadAsync(scope, number, cancellationToken);
        return Page();
    }

    private static string Capitalised(string field) => field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..];

    private async Task<bool> LoadAsync(string scope, int number, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed) || await versions.FindAsync(parsed, number, cancellationToken) is not { } version
            || await workflow.GetAsync(parsed, number, cancellationToken) is not { } state)
        {
            return false;
        }
        (Version, VersionScope, Workflow) = (version, parsed, state);
        Viewer = await current.GetAsync(cancellationToken);
        Verified = VersionSnapshot.HashOf(version.Content) == version.ContentHash;
        ApprovalPdf = await pdf.FindAsync(version.Id, cancellationToken);
        Recipients = await distribution.RecipientsAsync(version.Id, cancellationToken);
        OfflineCopies = await distribution.OfflineCopiesAsync(version.Id, cancellationToken);
        if (MayNameReviewers)
        {
            Candidates = [.. (await Users.EnabledAsync(db, cancellationToken))
                .Where(u => u.Access.CanReadPlan && !VersionWorkflow.SameUser(u.Email, version.SubmittedBy)
                    && !state.Reviewers.Any(r => VersionWorkflow.SameUser(r.Reviewer, u.Email)))];
        }
        if (parsed.IsOrganisation)
        {
            var all = await versions.ListAsync(null, cancellationToken);
            TeamPlans = [.. VersionSnapshot.TeamsIn(version.Content).Select(team =>
            {
                var ofTeam = all.Where(v => v.Scope == PlanScope.OfTeam(team).ToString()).ToList();     // newest first
                return (team, ofTeam.FirstOrDefault(v => v.State is VersionState.Approved or VersionState.Published or VersionState.Superseded), ofTeam.FirstOrDefault());
            })];
        }
        if (Against == "draft")
        {
            try
            {
                Changes = (await versions.CompareAsync(parsed, number, null, cancellationToken)).Changes;
                ComparedWith = "the plan as it is now";
            }
            catch (PlanValidationException)
            {
                Changes = null;                     // the team is gone from the plan
                ComparedWith = "the plan as it is now (the team is no longer in the plan)";
            }
        }
        else if (number > 1)
        {
            Against = "previous";
            var comparison = await versions.CompareAsync(parsed, number - 1, number, cancellationToken);
            (Changes, ComparedWith) = (comparison.Changes, comparison.From);
        }
        return true;
    }
}
