using System.Net;
using Continuity.Tests.Support;

namespace Continuity.Tests.Accounts;

/// <summary>The app with a rate limit of three account forms a minute per client address.</summary>
public sealed class RateLimitedApp : ContinuityApp
{
    protected override int AccountFormsPerMinute => 3;
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_a_friendly_429()
    {
        var browser = app.CreateBrowser();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            last?.Dispose();
            last = await ContinuityApp.PostFormAsync(browser, "/account/sign-in", new() { ["Email"] = "x@example.test", ["Password"] = "wrong password here" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("Too many attempts", await last!.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/sign-in", TestContext.Current.CancellationToken)).StatusCode);   // reading is not limited
        last.Dispose();
    }
}
