using Continuity.Governance;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Continuity.Web.Pages.VerifyContact;

/// <summary>Where a contact verification link leads (ADR 010): no account needed. The person sees
/// the contact details the plan holds for them and confirms them, or corrects them. The link works
/// once and for <see cref="ContactVerifications.LinkValidDays"/> days.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessSetup.AccountRateLimit)]
public sealed class IndexModel(ContactVerifications verifications) : PageModel
{
    public ContactVerification? Found { get; private set; }

    /// <summary>What was just done: <c>confirmed</c> or <c>corrected</c>.</summary>
    public string? Done { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Work { get; set; }

    [BindProperty]
    public string? Mobile { get; set; }

    [BindProperty]
    public string? Alternate { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Found = await verifications.FindAsync(token, cancellationToken);
        if (Found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        (Email, Work, Mobile, Alternate) = (Found.Details.Email, Found.Details.Work, Found.Details.Mobile, Found.Details.Alternate);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(string token, CancellationToken cancellationToken) =>
        AnswerAsync(token, () => verifications.ConfirmAsync(token, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCorrectAsync(string token, CancellationToken cancellationToken) =>
        AnswerAsync(token, () => verifications.CorrectAsync(token, Email, Work, Mobile, Alternate, cancellationToken), cancellationToken);

    private async Task<IActionResult> AnswerAsync(string token, Func<Task<ContactVerification?>> answer, CancellationToken cancellationToken)
    {
        try
        {
            Found = await answer();
            Done = Found?.Request.Outcome;
        }
        catch (PlanValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(FieldOf(error.Field), error.Message);
            }
            Found = await verifications.FindAsync(token, cancellationToken);
        }
        catch (PlanConflictException)
        {
            Found = await verifications.FindAsync(token, cancellationToken);        // answered before: the page says when
        }
        if (Found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    /// <summary>The form field a plan rule's field path belongs to.</summary>
    private static string FieldOf(string field) => field switch
    {
        _ when field.EndsWith("email", StringComparison.OrdinalIgnoreCase) => nameof(Email),
        _ when field.EndsWith("work", StringComparison.OrdinalIgnoreCase) => nameof(Work),
        _ when field.EndsWith("mobile", StringComparison.OrdinalIgnoreCase) => nameof(Mobile),
        _ when field.EndsWith("alternate", StringComparison.OrdinalIgnoreCase) => nameof(Alternate),
        _ => "",
    };
}
