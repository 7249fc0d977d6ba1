using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>Database contexts are pooled and each page request holds one connection: requests of
/// different users at the same time must each be answered with their own access, and a request
/// that fails half-way (a form refused with field errors) must leave nothing behind for the next
/// request that gets the same context.</summary>
public sealed class ConcurrentRequestsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_of_different_users_at_once_are_each_answered_with_their_own_access()
    {
        var administrator = await app.SignedInBrowserAsync(AccessRole.Administrator);
        var member = await app.SignedInBrowserAsync(AccessRole.Member);
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        var form = await manager.GetStringAsync("/functions/new", Ct);

        var requests = Enumerable.Range(0, 90).Select(async i =>
        {
            switch (i % 3)
            {
                case 0:
                    using (var users = await administrator.GetAsync("/admin/users", Ct))
                    {
                        return (Case: "administrator reads the users", Expected: HttpStatusCode.OK, Actual: users.StatusCode);
                    }
                case 1:
                    using (var refused = await member.GetAsync("/admin/users", Ct))
                    {
                        return (Case: "member is refused the users", Expected: HttpStatusCode.Forbidden, Actual: refused.StatusCode);
                    }
                default:
                    // A new function with a name that is not one: refused with a field error, nothing written.
                    using (var invalid = await manager.PostAsync("/functions/new", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = ContinuityApp.AntiforgeryToken(form),
                        ["metadata.name"] = $"Not A Slug {i}",
                        ["metadata.title"] = $"Refused {i}",
                    }), Ct))
                    {
                        var refusedWithFieldError = invalid.StatusCode == HttpStatusCode.OK
                            && (await invalid.Content.ReadAsStringAsync(Ct)).Contains("field-error", StringComparison.Ordinal);
                        return (Case: "invalid form refused with a field error", Expected: HttpStatusCode.OK,
                            Actual: refusedWithFieldError ? HttpStatusCode.OK : invalid.StatusCode == HttpStatusCode.OK ? HttpStatusCode.Created : invalid.StatusCode);
                    }
            }
        });
        var results = await Task.WhenAll(requests);

        Assert.All(results, r => Assert.True(r.Expected == r.Actual, $"{r.Case}: {r.Actual}, not {r.Expected}"));
        Assert.Equal(0, await app.QueryAsync(db => Task.FromResult(db.Functions.Count(f => f.Title != null && f.Title.StartsWith("Refused ")))));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/systems", Ct)).StatusCode);
    }
}
