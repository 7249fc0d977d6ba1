namespace Continuity.Web;

/// <summary>Where people reach the app, for links in e-mails and feeds: <c>App:BaseUrl</c> when set
/// (behind a proxy), else the address of the request at hand.</summary>
public static class PublicAddress
{
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["App:BaseUrl"];
        return string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.TrimEnd('/');
    }
}
