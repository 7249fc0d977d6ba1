using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages;

/// <summary>The friendly error page for people (the API answers with problem details instead).
/// Both unhandled exceptions and bare error status codes are re-executed here; it keeps the
/// original status code, never shows exception details and does not touch the database, which
/// may be the very thing that failed.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; } = StatusCodes.Status500InternalServerError;

    public string? OriginalPath { get; private set; }

    public string? RequestId { get; private set; }

    public string Heading => Status switch
    {
        StatusCodes.Status400BadRequest => "The request was not understood",
        StatusCodes.Status401Unauthorized => "Please sign in",
        StatusCodes.Status403Forbidden => "You do not have access to this page",
        StatusCodes.Status404NotFound => "Page not found",
        StatusCodes.Status405MethodNotAllowed => "That action is not possible here",
        StatusCodes.Status429TooManyRequests => "Too many attempts",
        StatusCodes.Status503ServiceUnavailable => "Continuity is unavailable",
        >= 500 => "Something went wrong",
        _ => "The request could not be completed",
    };

    public string Explanation => Status switch
    {
        StatusCodes.Status404NotFound =>
            "There is nothing at this address. The element may have been renamed or removed when the plan was last imported, or the link may be mistyped.",
        StatusCodes.Status503ServiceUnavailable =>
            "Continuity cannot reach its database right now. Try again in a moment; if it persists, tell the person who runs Continuity.",
        StatusCodes.Status429TooManyRequests =>
            "Too many attempts from your address in a short time. Wait a minute and try again.",
        StatusCodes.Status403Forbidden =>
            "Your access does not include this page. If you need it, ask an administrator of Continuity.",
        >= 500 =>
            "Continuity could not show this page because of an error on our side. It has been logged; if it keeps happening, tell the person who runs Continuity and quote the reference below.",
        _ => "Check the address and try again, or start again from the overview.",
    };

    // Runs whichever HTTP method was re-executed, even when the page has no handler for it. Not a
    // handler itself: without [NonHandler], "On" + "Page" + "HandlerExecuting" is taken for a
    // handler of the method PAGE (found by the access matrix test), and asking for it was a 500.
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        if (reExecuted is not null)
        {
            Status = reExecuted.OriginalStatusCode;
            OriginalPath = reExecuted.OriginalPath + reExecuted.OriginalQueryString;
        }
        else if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failed)
        {
            Status = StatusCodes.Status500InternalServerError;
            OriginalPath = failed.Path;
        }
        else
        {
            // Asked for directly, nothing failed: never a 500 (monitors would raise an alarm).
            Status = int.TryParse(Request.Query["status"], out var requested) && requested is >= 400 and <= 499
                ? requested
                : StatusCodes.Status404NotFound;
        }
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        Response.StatusCode = Status;
    }

    public void OnGet()
    {
    }
}
