using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Generation;
using Continuity.Store;
using Continuity.Tests.Support;

namespace Continuity.Tests.Web;

/// <summary>The what-if of a region on the generated large organisation (2,000 functions, 10,000
/// systems): every page of it stays under 500 KB of HTML, the long lists are paged, and asking the
/// same question again is answered from the what-if cache.</summary>
public sealed class WhatIfLargeOrganisationTests(ContinuityApp app) : IClassFixture<ContinuityApp>
{
    private const int MaxPageBytes = 500 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_region_what_if_on_the_large_organisation_is_paged_under_500_KB()
    {
        var plan = SyntheticOrganisation.Generate(GenerationOptions.Large);
        await app.QueryAsync(db => PlanImport.ApplyAsync(db, plan, app.Clock, dryRun: false, Ct));
        using var client = app.CreateClient(AccessRole.Member);

        var empty = await client.GetAsync("/what-if", Ct);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.InRange((await empty.Content.ReadAsByteArrayAsync(Ct)).Length, 1, MaxPageBytes);

        var first = Stopwatch.StartNew();
        var response = await client.GetAsync("/what-if?fail=region:ap-southeast-1", Ct);
        first.Stop();
        var html = await response.Content.ReadAsStringAsync(Ct);
        var again = Stopwatch.StartNew();
        var cached = await client.GetAsync("/what-if?fail=region:ap-southeast-1", Ct);
        again.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"region what-if on the large organisation: first {first.ElapsedMilliseconds} ms (analysis cached), again {again.ElapsedMilliseconds} ms, {html.Length:N0} characters");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(html), 1, MaxPageBytes);
        Assert.InRange(Regex.Count(html, "<tr data-function="), 1, 50);
        Assert.InRange(Regex.Count(html, "data-element="), 1, 100);
        Assert.Contains("Pages of the recovery schedule", html, StringComparison.Ordinal);

        var later = await client.GetAsync("/what-if?fail=region:ap-southeast-1&page=2&schedule=3", Ct);
        var laterHtml = await later.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(laterHtml), 1, MaxPageBytes);
        Assert.Contains("Restores 201–", laterHtml, StringComparison.Ordinal);

        var suggest = await client.GetStringAsync("/what-if/suggest?q=s", Ct);
        Assert.InRange(Regex.Count(suggest, "\"value\""), 1, 20);
    }
}
