using Continuity.Checks;
using Continuity.Data;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.WhatIf;

/// <summary>Search-as-you-type for the what-if form: at most <see cref="MaxSuggestions"/> regions,
/// sites, vendors, labels and systems matching <c>q</c>, as JSON
/// (<c>[{"value":"region:eu-west-1","label":"Region"}, …]</c>), values in the URL form of
/// <c>/what-if?fail=</c>. Read from the cached analysis: no query of the plan.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class SuggestModel(ContinuityDb db, AnalysisCache analysis) : PageModel
{
    public const int MaxSuggestions = 20;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? q, CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        var text = q is { Length: > 100 } ? q[..100] : q;
        return new JsonResult(WhatIfQuery.Suggest(result.Snapshot, text, MaxSuggestions));
    }
}
