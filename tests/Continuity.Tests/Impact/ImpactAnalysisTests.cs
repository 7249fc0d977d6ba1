using Continuity.Analysis;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using static Continuity.Tests.Impact.ImpactPlans;

namespace Continuity.Tests.Impact;

/// <summary>What-if impact on <see cref="ImpactPlans.Shop"/>, worked out by hand.</summary>
public sealed class ImpactAnalysisTests
{
    private static ImpactReport Run(params string[] fail) => RunWithDbRestore("3h", fail);

    private static ImpactReport RunWithDbRestore(string dbRestore, params string[] fail)
    {
        var (plan, snapshot) = Shop(dbRestore);
        var report = ImpactAnalysis.Run(plan, snapshot, fail, capacityPerTeam: 1);
        Assert.True(report.IsValid, string.Join("; ", report.Problems.Select(p => p.Message)));
        return report;
    }

    private static FunctionImpact Function(ImpactReport report, string id) => Assert.Single(report.Functions, f => f.Id == id);

    [Fact]
    public void A_failed_database_takes_down_what_requires_it_and_they_are_back_when_it_is_restored()
    {
        var report = Run("system:db");

        Assert.Equal(["system:db"], report.Failed.Select(f => f.Id));
        Assert.Empty(report.OpenEnded);
        Assert.Equal(4, report.DownCount);                                  // db, app, orders, reports
        Assert.Equal(["function:orders", "function:reports"], report.Functions.Select(f => f.Id));
        var orders = Function(report, "function:orders");
        Assert.Equal(RecoveryKind.At, orders.Recovery);
        Assert.Equal(180, orders.BackAtMinutes);                            // the app needs no restore of its own
        Assert.Equal(["function:orders", "system:app", "system:db"], orders.CriticalPath);
        Assert.Equal(new Deadline(120, DeadlineOutcome.Breached, 60, null), orders.Rto);   // breached at 2h, by 1h
        Assert.Equal(120, orders.Rto!.BreachAtMinutes);
        Assert.Equal(new Deadline(1440, DeadlineOutcome.Met, null, null), orders.Mtpd);
        Assert.Equal(new Deadline(240, DeadlineOutcome.Met, null, null), Function(report, "function:reports").Rto);
    }

    [Fact]
    public void Functions_are_ordered_by_breach_time_then_tier_then_id()
    {
        var report = Run("region=r-a", "region=r-b", "system:db");

        // search breaches its RTO at 1h unless a region is back by then, orders at 2h (its 3h restore
        // cannot make it), reports at 4h unless region-a is back within 1h.
        Assert.Equal(["function:search", "function:orders", "function:reports"], report.Functions.Select(f => f.Id));
        Assert.Equal([60, 120, 240], report.Functions.Select(f => f.FirstBreachMinutes!.Value));
        Assert.Equal([DeadlineOutcome.AtRisk, DeadlineOutcome.Breached, DeadlineOutcome.AtRisk], report.Functions.Select(f => f.Rto!.Outcome));
    }

    [Fact]
    public void Impact_over_time_runs_to_the_recovery_with_the_worst_rating_and_the_money_lost_by_then()
    {
        var shortOutage = Function(RunWithDbRestore("3h", "system:db"), "function:orders").Impact;
        var longOutage = Function(RunWithDbRestore("5h", "system:db"), "function:orders").Impact;

        Assert.Equal(180, shortOutage.HorizonMinutes);
        var point = Assert.Single(shortOutage.Points);                     // only 1h is reached before 3h
        Assert.Equal(60, point.Minutes);
        Assert.Equal([new CategoryRating("financial", ImpactRating.Minor), new CategoryRating("customer", ImpactRating.Moderate)], point.Ratings);
        Assert.Equal(ImpactRating.Moderate, shortOutage.Worst);
        Assert.False(point.Intolerable);
        Assert.Equal((1000L, 60), (shortOutage.Loss!.Value, shortOutage.LossAtMinutes!.Value));

        Assert.Equal([60, 240], longOutage.Points.Select(p => p.Minutes));
        Assert.Equal(ImpactRating.Major, longOutage.Worst);                // financial at 4h
        Assert.True(longOutage.Points[1].Intolerable);
        Assert.Equal((5000L, 240), (longOutage.Loss!.Value, longOutage.LossAtMinutes!.Value));
        var scale = Run("system:db").Scale;
        Assert.Equal(("EUR", ImpactRating.Major), (scale.Currency, scale.IntolerableFrom));
        Assert.Equal(["financial", "customer"], scale.Categories);
        Assert.Equal([60, 240, 1440], scale.TimePoints);
    }

    [Fact]
    public void A_lost_region_has_no_known_end_and_a_system_that_ran_only_there_is_restored_after_its_return()
    {
        var report = Run("region=r-a");

        Assert.Equal(["site:region-a"], report.Failed.Select(f => f.Id));
        Assert.Equal(["site:region-a"], report.OpenEnded.Select(f => f.Id));
        var orders = Function(report, "function:orders");
        Assert.Equal(RecoveryKind.AfterOutage, orders.Recovery);
        // The database ran only in region-a: its 3h restore starts when the region is back. The
        // app still runs in region-b and only waits for the database.
        Assert.Equal(180, orders.AfterOutageMinutes);
        Assert.Equal(180, orders.BackAtMinutes);                            // were the region back at once
        Assert.Equal(["site:region-a"], orders.WaitsFor);
        Assert.Equal(["function:orders", "system:app", "system:db", "site:region-a"], orders.CriticalPath);
        Assert.Equal(new Deadline(120, DeadlineOutcome.Breached, 60, null), orders.Rto);    // late whenever the region is back
        Assert.Equal(new Deadline(1440, DeadlineOutcome.AtRisk, null, 1260), orders.Mtpd);  // unless back within 21h
        Assert.Equal(120, orders.Rto!.BreachAtMinutes);
        Assert.Equal(1440, orders.Impact.HorizonMinutes);                   // unknown end: the impact suffered by the MTPD
        Assert.Equal([60, 240, 1440], orders.Impact.Points.Select(p => p.Minutes));
        Assert.Equal(ImpactRating.Severe, orders.Impact.Worst);
        Assert.Equal(20000, orders.Impact.Loss);
    }

    [Fact]
    public void A_restore_behind_an_open_ended_outage_can_breach_whenever_the_outage_ends()
    {
        var orders = Function(Run("region=r-a", "system:db"), "function:orders");

        Assert.Equal(180, orders.AfterOutageMinutes);                       // the 3h restore starts when the region is back
        Assert.Equal(new Deadline(120, DeadlineOutcome.Breached, 60, null), orders.Rto);
        Assert.Equal(new Deadline(1440, DeadlineOutcome.AtRisk, null, 1260), orders.Mtpd);
    }

    [Fact]
    public void A_redundancy_group_waits_for_the_member_that_comes_back_on_its_own_not_for_one_behind_an_open_ended_outage()
    {
        // The cache is lost with region-b (no known end); the database is restored in 3h.
        var report = Run("region=r-b", "system:db");

        var search = Function(report, "function:search");
        Assert.Equal(RecoveryKind.At, search.Recovery);
        Assert.Equal(180, search.BackAtMinutes);
        Assert.Equal(["function:search", "system:db"], search.CriticalPath);
    }

    [Fact]
    public void A_restore_that_alone_misses_the_rto_is_a_breach_even_behind_an_open_ended_outage()
    {
        // The database ran only in region-a and its restore takes 5h: the RTO of 2h is missed by 3h
        // even were the region back at once, so it is breached, not "at risk".
        var orders = Function(RunWithDbRestore("5h", "region=r-a"), "function:orders");

        Assert.Equal(RecoveryKind.AfterOutage, orders.Recovery);
        Assert.Equal((300, 300), (orders.BackAtMinutes!.Value, orders.AfterOutageMinutes!.Value));
        Assert.Equal(new Deadline(120, DeadlineOutcome.Breached, 180, null), orders.Rto);
    }

    private const string Regions = """
        apiVersion: continuity/v1
        kind: Organisation
        metadata: {name: shop}
        ---
        apiVersion: continuity/v1
        kind: Site
        metadata: {name: region-a}
        spec: {type: cloud-region, region: r-a}
        ---
        apiVersion: continuity/v1
        kind: Site
        metadata: {name: region-b}
        spec: {type: cloud-region, region: r-b}
        ---
        apiVersion: continuity/v1
        kind: System
        metadata: {name: db-with-standby}
        spec:
          type: database
          hosting: {sites: [region-a], recoverySites: [region-b]}
          restore: {estimated: 2h}
        ---
        apiVersion: continuity/v1
        kind: System
        metadata: {name: db-alone}
        spec:
          type: database
          hosting: {sites: [region-a]}
          restore: {estimated: 2h}
        ---
        apiVersion: continuity/v1
        kind: BusinessFunction
        metadata: {name: orders}
        spec:
          objectives: {rto: 4h}
          dependsOn: [system:db-with-standby]
        ---
        apiVersion: continuity/v1
        kind: BusinessFunction
        metadata: {name: reports}
        spec:
          objectives: {rto: 4h}
          dependsOn: [system:db-alone]
        ---
        apiVersion: continuity/v1
        kind: Vendor
        metadata: {name: desk-co}
        spec: {contractualRto: 4h}
        ---
        apiVersion: continuity/v1
        kind: System
        metadata: {name: helpdesk}
        spec:
          type: saas
          vendor: desk-co
          restore: {byVendor: true}
        ---
        apiVersion: continuity/v1
        kind: System
        metadata: {name: mailer}
        spec:
          type: saas
          vendor: desk-co
          restore: {estimated: 4h}
        ---
        apiVersion: continuity/v1
        kind: BusinessFunction
        metadata: {name: support}
        spec:
          objectives: {rto: 8h}
          dependsOn: [system:helpdesk]
        ---
        apiVersion: continuity/v1
        kind: BusinessFunction
        metadata: {name: newsletters}
        spec:
          objectives: {rto: 8h}
          dependsOn: [system:mailer]
        """;

    private static (Plan Plan, PlanSnapshot Snapshot) RegionsPlan()
    {
        var loaded = PlanLoader.LoadTexts([("regions.yaml", Regions)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return (loaded.Plan, PlanSnapshot.From(loaded.Plan));
    }

    private static ImpactReport RunRegions(params string[] fail)
    {
        var (plan, snapshot) = RegionsPlan();
        var report = ImpactAnalysis.Run(plan, snapshot, fail, capacityPerTeam: 2);
        Assert.True(report.IsValid, string.Join("; ", report.Problems.Select(p => p.Message)));
        return report;
    }

    [Fact]
    public void A_system_with_a_recovery_site_that_is_up_is_restored_there_at_once_and_one_without_after_its_region_is_back()
    {
        var report = RunRegions("region=r-a");

        var orders = Function(report, "function:orders");
        Assert.Equal(RecoveryKind.At, orders.Recovery);                     // restored into region-b straight away
        Assert.Equal(120, orders.BackAtMinutes);
        Assert.Null(orders.AfterOutageMinutes);
        Assert.Equal(new Deadline(240, DeadlineOutcome.Met, null, null), orders.Rto);

        var reports = Function(report, "function:reports");
        Assert.Equal(RecoveryKind.AfterOutage, reports.Recovery);           // waits for region-a, then restores
        Assert.Equal((120, 120), (reports.BackAtMinutes!.Value, reports.AfterOutageMinutes!.Value));
        Assert.Equal(["site:region-a"], reports.WaitsFor);
        Assert.Equal(new Deadline(240, DeadlineOutcome.AtRisk, null, 120), reports.Rto);
    }

    [Fact]
    public void A_recovery_site_that_is_down_too_helps_nothing()
    {
        var orders = Function(RunRegions("region=r-a", "region=r-b"), "function:orders");

        Assert.Equal(RecoveryKind.AfterOutage, orders.Recovery);
        Assert.Equal(120, orders.AfterOutageMinutes);
    }

    [Fact]
    public void A_system_its_vendor_restores_is_back_after_the_contractual_rto_once_whatever_fails()
    {
        Assert.Equal(240, Function(RunRegions("vendor:desk-co"), "function:support").BackAtMinutes);     // not 4h + 4h
        Assert.Equal(240, Function(RunRegions("system:helpdesk"), "function:support").BackAtMinutes);    // failing alone: the vendor restores it

        var (_, snapshot) = RegionsPlan();
        var worst = AchievableRecovery.WorstCase(snapshot.Graph, DependencyOrder.Of(snapshot.Graph));
        Assert.Equal(240, worst.Minutes[snapshot.IndexOf("function:support")]);
        Assert.Equal(480, worst.Minutes[snapshot.IndexOf("function:newsletters")]);    // an estimate that repeats the contract counts twice
    }

    [Fact]
    public void A_function_that_stays_up_without_a_degraded_dependency_or_a_redundancy_member_is_reported_as_degraded()
    {
        var report = Run("system:cache");

        Assert.Empty(report.Functions);
        Assert.Equal(["function:reports", "function:search"], report.Degraded.Select(d => d.Id));
        Assert.All(report.Degraded, d => Assert.Equal(["system:cache"], d.Because));
    }

    [Fact]
    public void Scenarios_whose_failures_are_down_apply_with_their_procedures_fully_matched_first()
    {
        var report = Run("region=r-a");

        Assert.Equal(["scenario:region-a-loss", "scenario:db-loss", "scenario:everything-lost"], report.Scenarios.Select(s => s.Id));
        var regionLoss = report.Scenarios[0];
        Assert.True(regionLoss.AllDown);
        Assert.Equal(["site:region-a"], regionLoss.Matches);
        var failOver = Assert.Single(regionLoss.Procedures);
        Assert.Equal(("procedure:fail-over", "fail-over", (string?)null), (failOver.Id, failOver.Title, failOver.Team));
        Assert.Equal(["function:orders"], failOver.Recovers);
        var dbLoss = report.Scenarios[1];
        Assert.True(dbLoss.AllDown);                                        // the database went down with the region
        var restoreDb = Assert.Single(dbLoss.Procedures);
        Assert.Equal(("procedure:restore-db", "Restore the database", "ops"), (restoreDb.Id, restoreDb.Title, restoreDb.Team));
        Assert.Equal(["function:orders", "function:reports"], restoreDb.Recovers);
        Assert.False(report.Scenarios[2].AllDown);                         // region-b is still up
        Assert.Empty(Run("system:cache").Scenarios);
    }

    [Fact]
    public void The_recovery_order_of_what_is_down_respects_dependencies_and_team_capacity()
    {
        var recovery = Run("system:db", "system:app", "system:cache").Recovery!;

        Assert.False(recovery.WorstCase);
        Assert.Equal(1, recovery.CapacityPerTeam);
        Assert.Equal(["system:db", "system:cache"], recovery.Waves[0]);               // ties by tier, then id
        Assert.Equal(["system:app", "function:search"], recovery.Waves[1]);
        Assert.Equal(["function:orders", "function:reports"], recovery.Waves[2]);
        var schedule = recovery.Schedule.ToDictionary(r => r.Id);
        // One restore at a time, least slack first: the database (search needs it or the cache by
        // 1h, orders needs it by 1h30m), then the cache (search by 1h), then the application.
        Assert.Equal((0, 180), (schedule["system:db"].Start, schedule["system:db"].Finish));
        Assert.Equal((180, 240), (schedule["system:cache"].Start, schedule["system:cache"].Finish));
        Assert.Equal((240, 270), (schedule["system:app"].Start, schedule["system:app"].Finish));
        Assert.Equal(180, schedule["function:search"].Finish);              // back with the database, the first of its group
        Assert.Equal(270, schedule["function:orders"].Finish);
        Assert.True(schedule["function:orders"].MissesRto);
        Assert.Equal(270, recovery.Makespan);
        Assert.Equal(["function:orders", "function:search", "function:reports"], recovery.MissedRto);   // latest first
        Assert.Equal(recovery.Schedule.Select(r => r.Start).Order(), recovery.Schedule.Select(r => r.Start));
    }

    [Theory]
    [InlineData("region=r-c", "No element carries the tag 'region=r-c'", "'region=r-a'")]
    [InlineData("system:dbb", "The plan has no element 'system:dbb'", "'system:db'")]
    [InlineData("cache", "The plan has no element 'cache'", "'system:cache'")]
    public void A_selector_that_names_nothing_is_an_error_that_lists_what_exists(string selector, string message, string suggestion)
    {
        var (plan, snapshot) = Shop();

        var report = ImpactAnalysis.Run(plan, snapshot, ["system:db", selector], 1);

        Assert.False(report.IsValid);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(selector, problem.Written);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
        Assert.Contains(suggestion, problem.DidYouMean, StringComparison.Ordinal);
        Assert.Contains("region=r-a", problem.KnownTags);
        Assert.Contains("site=region-b", problem.KnownTags);
        Assert.Empty(report.Functions);
        Assert.Null(report.Recovery);
    }

    [Fact]
    public void Failing_nothing_is_an_error()
    {
        var (plan, snapshot) = Shop();

        var report = ImpactAnalysis.Run(plan, snapshot, [], 1);

        Assert.False(report.IsValid);
        Assert.Contains("at least one", Assert.Single(report.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_question_gives_the_same_report()
    {
        var (plan, snapshot) = Shop();

        var first = ImpactAnalysis.Run(plan, snapshot, ["region=r-a", "system:cache"], 1) with { Fail = [] };
        var again = ImpactAnalysis.Run(plan, snapshot, ["system:cache", "region=r-a"], 1) with { Fail = [] };

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(again));
    }

    [Fact]
    public void The_worst_case_recovery_order_restores_everything()
    {
        var (_, snapshot) = Shop();

        var result = ImpactAnalysis.RecoveryOrder(snapshot, [], 1);

        Assert.True(result.IsValid);
        var recovery = result.Recovery!;
        Assert.True(recovery.WorstCase);
        Assert.Equal(snapshot.NodeCount, recovery.Schedule.Count);
        Assert.Equal(180 + 30 + 60, recovery.Makespan);                     // one ops restore at a time
        Assert.False(ImpactAnalysis.RecoveryOrder(snapshot, ["region=nowhere"], 1).IsValid);
    }
}
