using System.Data.Common;
using Continuity.Data;
using Continuity.Web.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web;

/// <summary>Opens the request's database connection once for a whole page or API request — the
/// session or token, the user's access, the plan revision, the page's own queries — instead of
/// once per query (EF Core's default): every open of a SQLite connection registers EF Core's SQL
/// functions on it and runs the connection interceptor, and a page runs several queries. Runs
/// after routing (it needs the endpoint) and inside the error handlers, before authentication. A
/// database that cannot be opened is a 503: problem details for the API, the error page (which
/// never touches the database) for people.</summary>
internal static class RequestConnection
{
    public static void UseRequestConnection(this WebApplication app) => app.Use(static async (context, next) =>
    {
        if (!NeedsDatabase(context))
        {
            await next(context);
            return;
        }
        var database = context.RequestServices.GetRequiredService<ContinuityDb>().Database;
        try
        {
            await database.OpenConnectionAsync(context.RequestAborted);
        }
        catch (DbException)
        {
            if (ApiErrors.IsApi(context))
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The database cannot be reached.");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;   // the error page explains
            }
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    });

    // Pages and the API; not assets, the health probe (it reports the database itself) or the
    // error page re-executed after a failure (possibly the database's).
    private static bool NeedsDatabase(HttpContext context) =>
        context.GetEndpoint() is { } endpoint
        && (ApiErrors.IsApi(context) || endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        && context.Features.Get<IStatusCodeReExecuteFeature>() is null
        && context.Features.Get<IExceptionHandlerFeature>() is null;
}
