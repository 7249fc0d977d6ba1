using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;

namespace Continuity.Web.Api;

/// <summary>Every error of <c>/api/v1</c> is problem details (RFC 9457), never the people's error
/// page: a refused authorization (401 with <c>WWW-Authenticate: Bearer</c>, not a redirect to the
/// sign-in page; 403), a bare status code such as an unknown route or method, and an unhandled
/// exception (500, no details).</summary>
internal static class ApiErrors
{
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(ApiSetup.Prefix, StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context, int status, string? detail = null)
    {
        var (title, type) = ApiProblems.ForStatus(status);
        // Written as application/problem+json whatever the Accept header asks for.
        return TypedResults.Problem(detail, statusCode: status, title: title, type: type).ExecuteAsync(context);
    }

    /// <summary>Turns bare error status codes of API requests into problem details, instead of
    /// re-executing the people's error page.</summary>
    public static async Task StatusCodesAsProblems(HttpContext context, RequestDelegate next)
    {
        if (!IsApi(context))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        await next(context);
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await WriteAsync(context, response.StatusCode, response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"There is no API resource at {context.Request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed here; allowed: {response.Headers.Allow}.",
                _ => null,
            });
        }
    }
}

/// <summary>401 and 403 of API requests as problem details; everything else (pages) as before.</summary>
internal sealed class ApiAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _pages = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!ApiErrors.IsApi(context) || authorizeResult.Succeeded)
        {
            await _pages.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            // RFC 6750: a token that was presented and refused is an invalid_token.
            var presented = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            context.Response.Headers.WWWAuthenticate = presented
                ? "Bearer realm=\"continuity\", error=\"invalid_token\", error_description=\"The token is unknown, revoked or expired, or its user is disabled.\""
                : "Bearer realm=\"continuity\"";
            await ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, presented
                ? "The bearer token is unknown, revoked or expired, or its user is disabled."
                : $"Send an API token: Authorization: Bearer {Accounts.ApiToken.Prefix}….");
            return;
        }
        await ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden,
            $"Your access roles do not allow this ({string.Join(", ", policy.Requirements.OfType<AccessRequirement>().Select(r => r.Policy))}).");
    }
}

/// <summary>An unhandled exception in an API request: 500 problem details with no exception text
/// (the exception handler middleware has logged it). Pages keep their error page.</summary>
internal sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiErrors.IsApi(httpContext))
        {
            return false;
        }
        await ApiErrors.WriteAsync(httpContext, StatusCodes.Status500InternalServerError,
            $"The request failed on the server. It has been logged; quote the trace id {httpContext.TraceIdentifier} when reporting it.");
        return true;
    }
}
