using System.Data.Common;
using Continuity.Data;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Api;

/// <summary>Opens the request's database connection once for a whole API request — token lookup,
/// access, the handler's queries — instead of once per query (EF Core's default), because every
/// open of a SQLite connection runs the connection pragmas (<c>SqlitePragmas</c>). Runs first in
/// the pipeline (a startup filter), before authentication. A database that cannot be opened is a
/// 503 problem, as the exception handler further in would make it.</summary>
internal sealed class ApiConnection : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static async (context, nextMiddleware) =>
        {
            if (!ApiErrors.IsApi(context))
            {
                await nextMiddleware(context);
                return;
            }
            var database = context.RequestServices.GetRequiredService<ContinuityDb>().Database;
            try
            {
                await database.OpenConnectionAsync(context.RequestAborted);
            }
            catch (DbException)
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The database cannot be reached.");
                return;
            }
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                await database.CloseConnectionAsync();
            }
        });
        next(app);
    };
}
