using Continuity.Demo;
using Continuity.Impact;
using Continuity.Snapshots;
using Continuity.Web.Pages.WhatIf;

namespace Continuity.Tests.Web;

/// <summary>The what-if cache: the same question on the same plan version is answered once and
/// shared; another plan version is asked again; no more than its capacity is kept. And the URL
/// form of a failure maps onto the CLI's <c>--fail</c> values.</summary>
public sealed class WhatIfCacheTests
{
    private static ImpactModel Model()
    {
        var plan = DemoPlan.Load().Plan;
        return ImpactModel.Prepare(plan, PlanSnapshot.From(plan));
    }

    [Fact]
    public void The_same_question_on_the_same_plan_is_answered_once_and_a_new_plan_version_asks_again()
    {
        var cache = new WhatIfCache();
        var model = Model();

        var first = cache.Get(model, ["region=eu-west-1"]);
        var again = cache.Get(model, ["region=eu-west-1"]);
        var newer = cache.Get(Model(), ["region=eu-west-1"]);

        Assert.Same(first, again);
        Assert.NotSame(first, newer);
        Assert.Equal(first.Functions.Select(f => f.Id), newer.Functions.Select(f => f.Id));
        Assert.Equal(1, cache.Count);                           // the old version's answers are dropped
    }

    [Fact]
    public void A_shared_answer_cannot_be_changed_by_whoever_holds_it_not_even_through_a_cast()
    {
        var report = new WhatIfCache().Get(Model(), ["region=eu-west-1"]);
        var lists = new System.Collections.IEnumerable[]
        {
            report.Fail, report.Failed, report.OpenEnded, report.Functions, report.Degraded, report.Scenarios,
            report.Functions[0].WaitsFor, report.Functions[0].CriticalPath, report.Scenarios[0].Procedures,
            report.Recovery!.Schedule, report.Recovery.Waves, report.Recovery.Waves[0], report.Scale.TimePoints,
        };

        Assert.All(lists, list => Assert.True(list is not System.Collections.IList { IsReadOnly: false }, $"{list.GetType()} can be changed"));
        Assert.True((report with { Fail = ["x"] }).Fail is not System.Collections.IList { IsReadOnly: false });
    }

    [Fact]
    public void The_cache_keeps_at_most_its_capacity()
    {
        var cache = new WhatIfCache();
        var model = Model();
        var systems = model.Snapshot.Ids.Take(WhatIfCache.Capacity + 5).ToList();
        Assert.True(systems.Count > WhatIfCache.Capacity);

        foreach (var system in systems)
        {
            Assert.True(cache.Get(model, [system]).IsValid);
        }

        Assert.Equal(WhatIfCache.Capacity, cache.Count);
    }

    [Theory]
    [InlineData("region:eu-west-1", "region=eu-west-1")]
    [InlineData("region=eu-west-1", "region=eu-west-1")]
    [InlineData("system:license-db", "system:license-db")]
    [InlineData("vendor:zendesk", "vendor:zendesk")]
    [InlineData("site:aws-eu-west-1", "site:aws-eu-west-1")]
    [InlineData("tier:1", "tier=1")]
    [InlineData("no-colon", "no-colon")]
    public void A_url_failure_is_the_cli_selector(string url, string selector) =>
        Assert.Equal(selector, WhatIfQuery.ToSelector(url));

    [Fact]
    public void Blanks_and_repeats_are_dropped_in_order()
    {
        Assert.Equal(["region:eu-west-1", "vendor:zendesk"], WhatIfQuery.Normalise([" region:eu-west-1 ", "", null, "region=eu-west-1", "vendor:zendesk"]));
        Assert.Equal(WhatIfQuery.MaxFailures, WhatIfQuery.Normalise(Enumerable.Range(0, 80).Select(i => $"system:s{i}")).Count);
    }
}
