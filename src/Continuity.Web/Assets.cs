using Microsoft.Extensions.FileProviders;

namespace Continuity.Web;

/// <summary>The stylesheet and scripts, embedded in the program so that one executable is all
/// a user installs. Served under /assets/ with a long cache lifetime.</summary>
internal static class Assets
{
    public static void Map(WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(Assets).Assembly, "Assets");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/assets",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
    }
}
