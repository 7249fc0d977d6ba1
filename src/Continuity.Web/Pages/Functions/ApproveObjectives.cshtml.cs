using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Catalog;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Functions;
using Continuity.Governance;
using Continuity.PlanFiles;
using Continuity.Revisions;
using Continuity.Store;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Functions;

/// <summary>"Approve recovery objectives" (ADR 010): each function's proposed MTPD, RTO and RPO
/// beside what the dependency chain makes achievable and the gap, with its approval state. An
/// approver ticks the functions, re-enters their password and signs; the values signed are those
/// the page showed (the plan revision is checked). Everyone who reads the plan sees the table.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class ApproveObjectivesModel(AnalysisCache analysis, ContinuityDb db, CurrentAccess current, ObjectiveApprovals approvals) : PageModel
{
    /// <summary>How many functions the page lists at most.</summary>
    public const int Limit = 500;

    /// <summary><c>pending</c> (default: not approved as they stand) or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty]
    public List<string> Functions { get; set; } = [];

    [BindProperty]
    public long Revision { get; set; }

    [BindProperty]
    public string? Statement { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<CatalogRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pending { get; private set; }

    public IReadOnlyDictionary<string, FunctionRecovery> Recovery { get; private set; } = new Dictionary<string, FunctionRecovery>();

    public bool MayApprove { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var access = await current.GetAsync(cancellationToken);
        var secret = Password;
        Password = null;                                 // never sent back to the browser
        try
        {
            await approvals.ApproveAsync(new Actor(access.Email ?? access.UserId.ToString(), AuditChannel.Form), access, Functions, Revision, Statement, secret, cancellationToken);
            TempData["Saved"] = $"You signed the recovery objectives of {Functions.Count} {(Functions.Count == 1 ? "function" : "functions")}.";
            return Redirect("/objectives/approve");
        }
        catch (GovernanceRefusedException refused) when (refused.Field is not null)
        {
            ModelState.AddModelError(nameof(Password), refused.Message);
        }
        catch (GovernanceRefusedException)
        {
            return Forbid();
        }
        catch (PlanValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(error.Field == "statement" ? nameof(Statement) : nameof(Functions), error.Message);
            }
        }
        catch (PlanConflictException conflict)
        {
            ModelState.AddModelError("", conflict.Message);
            Functions = [];
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var chosen = Functions.ToHashSet(StringComparer.Ordinal);
        Revision = await PlanRevision.CurrentAsync(db, cancellationToken);       // read first: a newer analysis makes a sign-off conflict, never sign unseen values
        var result = await analysis.GetAsync(db, cancellationToken);
        var functions = result.Catalog?.OfKind(ElementKind.BusinessFunction) ?? [];
        var withObjectives = functions.Where(f => f.Approval is not (null or ApprovalState.NoObjectives)).ToList();
        Total = withObjectives.Count;
        Pending = withObjectives.Count(f => f.Approval != ApprovalState.Approved);
        Show = Show == "all" ? "all" : "pending";
        Rows = [.. withObjectives.Where(f => Show == "all" || f.Approval != ApprovalState.Approved)
            .OrderBy(f => f.Tier ?? int.MaxValue).ThenBy(f => f.Label, StringComparer.OrdinalIgnoreCase).Take(Limit)];
        Recovery = RecoveryAnalysis.Functions(result);
        MayApprove = (await current.GetAsync(cancellationToken)).Holds(AccessRole.Approver);
        if (chosen.Count == 0 && Request.Method == HttpMethods.Get)
        {
            chosen = [.. Rows.Where(r => r.Approval != ApprovalState.Approved).Select(r => r.Name)];
        }
        Functions = [.. chosen];
    }
}
