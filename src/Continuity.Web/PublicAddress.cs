using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Continuity.Web;

/// <summary>Where people reach the app, for links in e-mails and feeds: <c>App:BaseUrl</c> when set
/// (behind a proxy), else the address of the request at hand, or — for scheduled e-mails, which
/// have no request — the address the server listens on.</summary>
public static class PublicAddress
{
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Configured(request.HttpContext.RequestServices.GetRequiredService<IConfiguration>())
            ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public static string Of(IConfiguration configuration, IServer? server)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (Configured(configuration) is { } configured)
        {
            return configured;
        }
        var listening = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return string.IsNullOrEmpty(listening) ? ContinuityWebHost.DefaultUrl
            : listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    private static string? Configured(IConfiguration configuration) =>
        configuration["App:BaseUrl"] is { } configured && !string.IsNullOrWhiteSpace(configured) ? configured.TrimEnd('/') : null;
}
