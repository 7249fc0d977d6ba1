using Continuity.Governance;
using Continuity.Store;
using Continuity.Web.Pages.Account;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Admin;

/// <summary>The application settings that govern the control (ADR 010): only administrators change
/// them, each change is audited, and plan files cannot touch them.</summary>
[Authorize(Policy = AccessPolicies.ManageUsers)]
public sealed class SettingsModel(AppSettings settings, DailyReminders reminders) : PageModel
{
    public IReadOnlyList<SettingValue> Settings { get; private set; } = [];

    /// <summary>The daily reminder job's last runs, newest first.</summary>
    public IReadOnlyList<JobRun> Runs { get; private set; } = [];

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? Value { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Settings = await settings.ListAsync(cancellationToken);
        Runs = await reminders.RecentRunsAsync(10, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await settings.SetAsync(AccountAudit.Actor(User.Identity?.Name), Key ?? "", Value, cancellationToken);
            TempData["Saved"] = "The setting was changed; the change is in the audit log.";
            return Redirect("/admin/settings");
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
}
