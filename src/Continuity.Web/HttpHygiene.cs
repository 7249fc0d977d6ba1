using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.ResponseCompression;

namespace Continuity.Web;

/// <summary>What every response carries whatever the page: security headers (a Content-Security-Policy
/// with no inline script, no framing, no MIME sniffing, no referrer leaving the site, HSTS over
/// HTTPS) and compression of text responses; plus a warning at start-up when the app is reachable
/// from other machines over plain HTTP.</summary>
internal static class HttpHygiene
{
    // Inline style attributes stay allowed (charts size their bars with them); inline script does not.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void AddHttpHygiene(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Pages carry antiforgery tokens and one-time secrets: compressing them over HTTPS would
            // open BREACH. Over plain HTTP (or behind a TLS proxy that compresses) they are compressed.
            options.EnableForHttps = false;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/plain", "application/json", "application/problem+json", "image/svg+xml", "application/javascript"];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    public static void UseHttpHygiene(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
        app.UseWhen(static context => context.Request.IsHttps, static https => https.UseHsts());
        app.UseResponseCompression();
        app.UseRouting();
        app.Use(static (context, next) =>
        {
            // A page asked with a method it has no handler for is 405, not an antiforgery 400.
            if (context.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page
                && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !page.HandlerMethods.Any(h => string.Equals(h.HttpMethod, context.Request.Method, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET, HEAD";
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.Lifetime.ApplicationStarted.Register(() => WarnWhenExposedOverHttp(app));
    }

    /// <summary>Plain HTTP on an address other machines can reach sends everything in clear text.</summary>
    private static void WarnWhenExposedOverHttp(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(IsExposedHttp).ToList();
        if (exposed.Count > 0)
        {
            app.Logger.LogWarning(
                "Continuity listens on {Addresses} over plain HTTP, reachable from other machines: everything, sign-ins included, travels unencrypted. " +
                "Put it behind a TLS proxy or listen on https:// (--urls), or bind to 127.0.0.1.",
                string.Join(", ", exposed));
        }
    }

    internal static bool IsExposedHttp(string address)
    {
        if (!Uri.TryCreate(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }
        return !uri.IsLoopback && !(IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
