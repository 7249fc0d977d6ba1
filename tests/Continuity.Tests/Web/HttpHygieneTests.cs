using System.Net;
using System.Net.Http.Headers;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Continuity.Web;

namespace Continuity.Tests.Web;

/// <summary>What every response carries: security headers, compression, HEAD and 405.</summary>
public sealed class HttpHygieneTests(DemoApp app) : IClassFixture<DemoApp>
{
    private readonly HttpClient _client = app.CreateClient(AccessRole.Member);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/functions/course-delivery")]
    [InlineData("/assets/site.css")]
    [InlineData("/healthz")]
    [InlineData("/no/such/page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await _client.GetAsync(path, Ct);

        Assert.Equal(HttpHygiene.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline'; img", Header(response, "Content-Security-Policy").Replace("style-src-attr 'unsafe-inline'", "", StringComparison.Ordinal));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));       // plain HTTP: no HSTS
    }

    [Fact]
    public async Task Pages_have_no_inline_script_for_the_policy_to_block()
    {
        var html = await _client.GetStringAsync("/functions/course-delivery", Ct);

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotMatch("\\son[a-z]+=\"", html);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Html_and_css_are_compressed_for_clients_that_ask(string encoding)
    {
        foreach (var path in new[] { "/", "/assets/site.css" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await _client.SendAsync(request, Ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        }
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/")]
    [InlineData("/functions/course-delivery")]
    [InlineData("/assets/site.css")]
    public async Task Head_answers_wherever_get_does(string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("DELETE", "/functions/course-delivery")]
    [InlineData("PUT", "/healthz")]
    public async Task A_method_a_page_does_not_handle_is_405(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("/error")]
    [InlineData("/error?status=500")]
    [InlineData("/error?status=oops")]
    public async Task The_error_page_asked_for_directly_never_answers_500(string path)
    {
        using var response = await _client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", true)]
    [InlineData("http://*:5080", true)]
    [InlineData("http://+:5080", true)]
    [InlineData("http://192.0.2.10:5080", true)]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://localhost:5080", false)]
    [InlineData("http://[::1]:5080", false)]
    [InlineData("https://0.0.0.0:5443", false)]
    public void Plain_http_reachable_from_other_machines_is_warned_about(string address, bool warned) =>
        Assert.Equal(warned, HttpHygiene.IsExposedHttp(address));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : "";
}
