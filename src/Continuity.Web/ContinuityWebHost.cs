using System.Text.Encodings.Web;
using System.Text.Unicode;
using Continuity.Data;
using Continuity.Web.Api;
using Continuity.Web.Pictures;
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

        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddProblemDetails();
        // Write non-ASCII text (—, é, ✓) as itself rather than as &#x…; entities; still HTML-encoded.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(options => Pages.Forms.FormRoutes.Add(options.Conventions)).AddApplicationPart(typeof(ContinuityWebHost).Assembly);
        builder.Services.AddHttpHygiene();
        builder.Services.AddContinuityAccess(builder.Configuration);
        builder.Services.AddContinuityApi();
        builder.Services.AddDependencyPictures(builder.Configuration);
        builder.Services.AddOptions<Documents.PdfOptions>().Bind(builder.Configuration.GetSection(Documents.PdfOptions.Section));
        builder.Services.AddScoped<Documents.ApprovalPdf>();
        builder.Services.AddScoped<Jobs.OutboxMail>();
        builder.Services.AddHostedService<Jobs.OutboxSending>();
        builder.Services.AddHostedService<Jobs.DailyJobs>();
        builder.Services.AddSingleton<Jobs.WebhookSecrets>();
        builder.Services.AddScoped<Jobs.WebhookSender>();
        builder.Services.AddHttpClient(Jobs.WebhookSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHostedService<Jobs.WebhookSending>();
        builder.Services.AddSingleton<Pages.WhatIf.WhatIfCache>();
        // Without a certificate the framework warns "No XML encryptor configured" on every start in
        // words the user cannot act on; one warning of ours below says what to do instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        configure?.Invoke(builder);

        var app = builder.Build();
        if (string.IsNullOrEmpty(app.Configuration["DataProtection:CertificatePath"]))
        {
            app.Logger.LogWarning(
                "The keys that protect sign-in cookies and reset links are stored unencrypted ({Where}). To protect them, set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to a PFX certificate.",
                string.IsNullOrEmpty(app.Configuration["DataProtection:KeysFolder"]) ? "in the database" : "in DataProtection:KeysFolder");
        }
        app.UseHttpHygiene();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.UseRequestConnection();
        // Stylesheet and scripts are public: the sign-in page needs them.
        Assets.Map(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Monitors probe with HEAD as often as with GET.
        app.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], async (ContinuityDb db, CancellationToken cancellationToken) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? Results.Text("ok")
                : Results.Problem("The database cannot be reached.", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous();
        app.MapRazorPages();
        app.MapContinuityApi();
        Calendar.CalendarFeedEndpoint.Map(app);
        return app;
    }
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo organisation into an empty database on start (<c>serve --demo</c>).</summary>
    public bool LoadWhenEmpty { get; set; }
}
