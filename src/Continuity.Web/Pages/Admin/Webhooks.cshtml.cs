using Continuity.Governance;
using Continuity.Store;
using Continuity.Web.Jobs;
using Continuity.Web.Pages.Account;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Admin;

/// <summary>Outgoing webhooks for governance events (ADR 010): administrators add them (the HMAC
/// secret is shown once), turn them off and on, send a test event, and read the delivery log.</summary>
[Authorize(Policy = AccessPolicies.ManageUsers)]
public sealed class WebhooksModel(Webhooks webhooks, WebhookSecrets secrets) : PageModel
{
    public IReadOnlyList<Webhook> Hooks { get; private set; } = [];

    public IReadOnlyList<(WebhookDelivery Delivery, string Event, string Url)> Deliveries { get; private set; } = [];

    /// <summary>The secret of the webhook just added (shown once).</summary>
    public string? NewSecret { get; private set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Format { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var (secret, protectedSecret) = secrets.Create();
        try
        {
            await webhooks.AddAsync(AccountAudit.Actor(User.Identity?.Name), Address, Format, Events, protectedSecret, cancellationToken);
            NewSecret = secret;
            (Address, Format, Events) = (null, null, []);
        }
        catch (PlanValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(long id, bool enabled, CancellationToken cancellationToken)
    {
        try
        {
            await webhooks.EnableAsync(AccountAudit.Actor(User.Identity?.Name), id, enabled, cancellationToken);
        }
        catch (ElementNotFoundException)
        {
            return NotFound();
        }
        TempData["Saved"] = enabled ? "The webhook is on." : "The webhook is off: it receives no new events.";
        return Redirect("/admin/webhooks");
    }

    public async Task<IActionResult> OnPostPingAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await webhooks.PingAsync(AccountAudit.Actor(User.Identity?.Name), id, cancellationToken);
        }
        catch (ElementNotFoundException)
        {
            return NotFound();
        }
        TempData["Saved"] = "A test event is on its way (within half a minute); its delivery appears below.";
        return Redirect("/admin/webhooks");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Hooks = await webhooks.ListAsync(cancellationToken);
        Deliveries = await webhooks.RecentDeliveriesAsync(50, cancellationToken);
    }
}
