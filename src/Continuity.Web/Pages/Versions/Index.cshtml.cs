using Continuity.Accounts;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Governance;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Api;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Versions;

/// <summary>The plan's versions (ADR 010): every frozen version of the consolidated plan and the
/// team plans, newest first, and — for those who may — the form to submit a plan for approval
/// (posted to <see cref="SubmitModel"/>).</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(PlanVersions versions, AnalysisCache analysis, ContinuityDb db, CurrentAccess access, UpdateRequests updates) : PageModel
{
    /// <summary>Only this scope (organisation, team:NAME).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];

    /// <summary>The scopes the user may submit, as (value, words).</summary>
    public IReadOnlyList<(string Value, string Label)> Submittable { get; private set; } = [];

    /// <summary>Every scope of the plan, for the filter.</summary>
    public IReadOnlyList<string> Scopes { get; private set; } = [];

    /// <summary>The newest request to the team leads and where each team stands on it.</summary>
    public (UpdateRequest Request, IReadOnlyList<TeamUpdate> Teams)? Latest { get; private set; }

    public bool MayRequest { get; private set; }

    [BindProperty]
    public DateOnly? Due { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Asks every team lead to update and submit their team plan by a date.</summary>
    public async Task<IActionResult> OnPostRequestAsync(CancellationToken cancellationToken)
    {
        var user = await access.GetAsync(cancellationToken);
        if (!user.CanChangeWholePlan)
        {
            return Forbid();
        }
        if (Due is not { } due)
        {
            ModelState.AddModelError(nameof(Due), "Give the date the team plans are due.");
        }
        else
        {
            try
            {
                var submit = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/plan/versions/submit";
                var (_, notified) = await updates.RequestAsync(new Continuity.Audit.Actor(user.Email ?? user.UserId.ToString(), Continuity.Audit.AuditChannel.Form), user, due, Message, submit, cancellationToken);
                TempData["Saved"] = $"{notified} team {(notified == 1 ? "lead was" : "leads were")} asked by e-mail to update their team plans by {due:yyyy-MM-dd}.";
                return Redirect("/plan/versions");
            }
            catch (PlanValidationException invalid)
            {
                foreach (var error in invalid.Errors)
                {
                    ModelState.AddModelError(error.Field == "due" ? nameof(Due) : nameof(Message), error.Message);
                }
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        var teams = result.Catalog?.OfKind(ElementKind.Team).Select(t => (t.Name, t.Label)).ToList() ?? [];
        Scopes = [PlanScope.OrganisationName, .. teams.Select(t => $"team:{t.Name}")];
        PlanScope? only = Scope is not null && PlanScope.TryParse(Scope, out var parsed) ? parsed : null;
        Scope = only?.ToString();
        Versions = await versions.ListAsync(only, cancellationToken);
        var user = await access.GetAsync(cancellationToken);
        Submittable = SubmittableScopes(user, teams);
        MayRequest = user.CanChangeWholePlan;
        Latest = await updates.LatestAsync(cancellationToken);
    }

    /// <summary>The plans this user may submit: the consolidated plan for a continuity manager, the
    /// team plans of the teams they lead (every team for a continuity manager).</summary>
    public static IReadOnlyList<(string Value, string Label)> SubmittableScopes(UserAccess user, IEnumerable<(string Name, string Label)> teams) =>
        [.. new[] { (PlanScope.Organisation, "The consolidated plan") }
            .Concat(teams.Select(t => (PlanScope.OfTeam(t.Name), $"Team plan: {t.Label}")))
            .Where(s => GovernanceApi.MaySubmit(user, s.Item1))
            .Select(s => (s.Item1.ToString(), s.Item2))];
}

/// <summary>Where a version's page is.</summary>
public static class VersionPaths
{
    public static string Of(string scope, int number) => $"/plan/versions/{Uri.EscapeDataString(scope)}/{number}";
}
