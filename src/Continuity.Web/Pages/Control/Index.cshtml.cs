using Continuity.Governance;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Control;

/// <summary>The control status (ADR 010): BC.1.01–BC.1.04 and BU.1.01–BU.1.03 evaluated from the
/// data, each green, amber or red with the evidence behind it and its SOC 2 mapping, and every
/// plan's review cycle. What an auditor opens first.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ControlStatus status) : PageModel
{
    public ControlEvaluation Evaluation { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Evaluation = await status.EvaluateAsync(cancellationToken);
}
