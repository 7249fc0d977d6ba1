using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Elements;

/// <summary>The organisation: scope, services, review cadence, impact scales, waivers, and what refers to it.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class OrganisationModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access, Governance.AppSettings settings) : PageModel
{
    /// <summary>The governance settings that once were plan-file keys, as in effect.</summary>
    public IReadOnlyList<Governance.SettingValue> GovernanceSettings { get; private set; } = [];

    /// <summary>The organisation's plan-file keys whose values the settings override.</summary>
    public IReadOnlyList<(string PlanFileKey, int InFile, Governance.SettingValue Setting)> Ignored { get; private set; } = [];

    public ElementDetails Element { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var element = await ElementDetails.LoadAsync(db, analysis, await access.GetAsync(cancellationToken), ElementKind.Organisation, null, Request.Query, cancellationToken);
        if (element is null)
        {
            return NotFound();
        }
        Element = element;
        var values = await settings.ListAsync(cancellationToken);
        GovernanceSettings = [.. values.Where(v => v.Definition.PlanFileKey is not null)];
        if (element.Document.Spec is OrganisationSpec organisation)
        {
            Ignored = Governance.AppSettings.IgnoredPlanFileKeys(organisation, values);
        }
        return Page();
    }
}
