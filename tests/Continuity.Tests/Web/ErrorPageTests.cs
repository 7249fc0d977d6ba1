using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Web;

/// <summary>When a page fails, people see a friendly page with the right status code and a
/// reference to quote, never the exception. The test breaks its own app's database on purpose.</summary>
public sealed class ErrorPageTests(ContinuityApp app) : IClassFixture<ContinuityApp>
{
    private readonly HttpClient _client = app.CreateClient(AccessRole.Member);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_page_is_a_friendly_500_without_the_exception()
    {
        (await _client.GetAsync("/healthz", Ct)).EnsureSuccessStatusCode();          // started and migrated
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE \"organisations\"", Ct));

        var response = await _client.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", html);
        Assert.Contains("Reference:", html);
        Assert.DoesNotContain("SqliteException", html);
        Assert.DoesNotContain("organisations", html);
        Assert.DoesNotContain(" at Continuity.", html);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_a_503_page_for_people_and_a_503_problem_for_programs()
    {
        await using var broken = new ContinuityApp();
        var client = broken.CreateClient(AccessRole.Member);
        (await client.GetAsync("/healthz", Ct)).EnsureSuccessStatusCode();
        // The file becomes a folder: every new connection fails to open.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { broken.DatabasePath, broken.DatabasePath + "-wal", broken.DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
        Directory.CreateDirectory(broken.DatabasePath);

        var page = await client.GetAsync("/systems", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var api = await client.GetAsync("/api/v1/systems", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Continuity cannot reach its database", html);
        Assert.DoesNotContain("SqliteException", html);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/problems/unavailable", await api.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz", Ct)).StatusCode);
        Directory.Delete(broken.DatabasePath);
    }
}
