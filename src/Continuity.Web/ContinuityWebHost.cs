using System.Text.Encodings.Web;
using System.Text.Unicode;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Web.Api;
using Continuity.Web.Security;
using Microsoft.Extensions.WebEncoders;

namespace Continuity.Web;

/// <summary>Builds the Continuity web application; shared by <c>continuity serve</c> and the tests.</summary>
public static class ContinuityWebHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ContinuityWebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddContinuityDb(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AnalysisCache>();
        builder.Services.AddScoped<Continuity.Store.PlanWriter>();
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddProblemDetails();
        // Write non-ASCII text (—, é, ✓) as itself rather than as &#x…; entities; still HTML-encoded.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages().AddApplicationPart(typeof(ContinuityWebHost).Assembly);
        builder.Services.AddHttpHygiene();
        builder.Services.AddContinuityAccess();
        builder.Services.AddContinuityApi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseHttpHygiene();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapContinuityApi();
        // Monitors probe with HEAD as often as with GET.
        app.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], async (ContinuityDb db, CancellationToken cancellationToken) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? Results.Text("ok")
                : Results.Problem("The database cannot be reached.", statusCode: StatusCodes.Status503ServiceUnavailable));
        Assets.Map(app);
        app.MapRazorPages();
        return app;
    }
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo organisation into an empty database on start (<c>serve --demo</c>).</summary>
    public bool LoadWhenEmpty { get; set; }
}
