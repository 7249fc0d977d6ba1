namespace Continuity.Web;

/// <summary>Builds the Continuity web application; shared by <c>continuity serve</c> and the tests.</summary>
public static class ContinuityWebHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ContinuityWebHost).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        return app;
    }
}
