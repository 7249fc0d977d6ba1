using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Continuity.Web.Api;

/// <summary>The HTTP API for programs under <c>/api/v1</c>: the plan's elements, its analysis and
/// its export, an OpenAPI document and a reference page. Every endpoint names its access policy;
/// every error is problem details. See docs/api.md.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";

    public const string OpenApiPath = Prefix + "/openapi.json";

    public static IServiceCollection AddContinuityApi(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(ApiReference.DocumentName, ApiReference.Configure);
        return services;
    }

    public static void MapContinuityApi(this WebApplication app)
    {
        app.Use(ApiErrors.StatusCodesAsProblems);
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(AccessPolicies.ReadPlan)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        PlanApi.Map(api);
        PlanWriteApi.Map(api);
        ImportApi.Map(api);
        AnalysisApi.Map(api);
        GovernanceApi.Map(api);
        ExportApi.Map(api);
        ApiReference.Map(app);
    }
}
