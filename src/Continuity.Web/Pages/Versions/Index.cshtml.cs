using Continuity.Accounts;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Governance;
using Continuity.PlanFiles;
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
public sealed class IndexModel(PlanVersions versions, AnalysisCache analysis, ContinuityDb db, CurrentAccess access) : PageModel
{
    /// <summary>Only this scope (organisation, team:NAME).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];

    /// <summary>The scopes the user may submit, as (value, words).</summary>
    public IReadOnlyList<(string Value, string Label)> Submittable { get; private set; } = [];

    /// <summary>Every scope of the plan, for the filter.</summary>
    public IReadOnlyList<string> Scopes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        var teams = result.Catalog?.OfKind(ElementKind.Team).Select(t => (t.Name, t.Label)).ToList() ?? [];
        Scopes = [PlanScope.OrganisationName, .. teams.Select(t => $"team:{t.Name}")];
        PlanScope? only = Scope is not null && PlanScope.TryParse(Scope, out var parsed) ? parsed : null;
        Scope = only?.ToString();
        Versions = await versions.ListAsync(only, cancellationToken);
        Submittable = SubmittableScopes(await access.GetAsync(cancellationToken), teams);
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
