using Continuity.Analysis;

namespace Continuity.Tests.Analysis;

/// <summary>Hand-made graphs whose answers are worked out by hand in the comments.</summary>
public sealed class RecoveryEngineTests
{
    // Power (60) ← Network (30) ← Database (240) ← App (60) ← Function (RTO 240)
    private static (RecoveryGraph Graph, int Power, int Network, int Database, int App, int Function) Chain()
    {
        var builder = new RecoveryGraphBuilder();
        var power = builder.AddNode(NodeKind.Site, restoreMinutes: 60);
        var network = builder.AddNode(NodeKind.System, restoreMinutes: 30);
        var database = builder.AddNode(NodeKind.System, restoreMinutes: 240);
        var app = builder.AddNode(NodeKind.System, restoreMinutes: 60);
        var function = builder.AddNode(NodeKind.Function, tier: 1);
        builder.Require(network, power);
        builder.Require(database, network);
        builder.Require(app, database);
        builder.Require(function, app);
        return (builder.Build(), power, network, database, app, function);
    }

    [Fact]
    public void In_the_worst_case_each_node_waits_for_its_whole_chain()
    {
        var (graph, power, network, database, app, function) = Chain();

        var times = AchievableRecovery.WorstCase(graph, DependencyOrder.Of(graph));

        Assert.Equal([60, 90, 330, 390, 390], times.Minutes);
        Assert.Equal([function, app, database, network, power], times.CriticalPath(function));
    }

    [Fact]
    public void A_redundancy_group_is_back_with_its_first_member()
    {
        var builder = new RecoveryGraphBuilder();
        var network = builder.AddNode(NodeKind.System, restoreMinutes: 30);
        var primary = builder.AddNode(NodeKind.System, restoreMinutes: 240);
        var replica = builder.AddNode(NodeKind.System, restoreMinutes: 120);
        var app = builder.AddNode(NodeKind.System, restoreMinutes: 60);
        builder.Require(primary, network);
        builder.Require(replica, network);
        builder.Require(app, primary, replica);
        var graph = builder.Build();

        var times = AchievableRecovery.WorstCase(graph, DependencyOrder.Of(graph));

        // replica: 30 + 120 = 150 beats primary: 30 + 240 = 270; app = 150 + 60.
        Assert.Equal(210, times.Minutes[app]);
        Assert.Equal([app, replica, network], times.CriticalPath(app));
    }

    [Fact]
    public void Degraded_dependencies_never_delay_recovery()
    {
        var builder = new RecoveryGraphBuilder();
        var reporting = builder.AddNode(NodeKind.System, restoreMinutes: 600);
        var app = builder.AddNode(NodeKind.System, restoreMinutes: 60);
        builder.Degrade(app, reporting);
        var graph = builder.Build();

        var times = AchievableRecovery.WorstCase(graph, DependencyOrder.Of(graph));

        Assert.Equal(60, times.Minutes[app]);
        Assert.Equal([app], times.CriticalPath(app));
    }

    [Fact]
    public void After_a_failure_only_what_depends_on_it_goes_down_and_needs_no_restore_of_its_own()
    {
        var (graph, power, network, database, app, function) = Chain();

        var times = AchievableRecovery.AfterFailure(graph, DependencyOrder.Of(graph), [database]);

        Assert.Equal([false, false, true, true, true], times.Down);
        // Only the database is restored (240); the app and the function are back with it.
        Assert.Equal([0, 0, 240, 240, 240], times.Minutes);
        Assert.Equal([function, app, database], times.CriticalPath(function));
        Assert.Equal(-1, times.Via[power]);
        Assert.Equal(-1, times.Via[network]);
    }

    [Fact]
    public void One_failed_member_of_a_redundancy_group_takes_nothing_down_and_both_do()
    {
        var builder = new RecoveryGraphBuilder();
        var primary = builder.AddNode(NodeKind.System, restoreMinutes: 240);
        var replica = builder.AddNode(NodeKind.System, restoreMinutes: 120);
        var app = builder.AddNode(NodeKind.System, restoreMinutes: 60);
        builder.Require(app, primary, replica);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        Assert.False(AchievableRecovery.AfterFailure(graph, order, [primary]).Down[app]);
        var both = AchievableRecovery.AfterFailure(graph, order, [primary, replica]);
        Assert.True(both.Down[app]);
        Assert.Equal(120, both.Minutes[app]);
    }

    [Fact]
    public void Nodes_in_a_loop_never_recover_and_neither_does_what_needs_them_with_no_other_way()
    {
        var builder = new RecoveryGraphBuilder();
        var a = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var b = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var behind = builder.AddNode(NodeKind.Function);
        var free = builder.AddNode(NodeKind.System, restoreMinutes: 5);
        var self = builder.AddNode(NodeKind.System, restoreMinutes: 5);
        builder.Require(a, b);
        builder.Require(b, a);
        builder.Require(behind, a);
        builder.Require(self, self);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        var times = AchievableRecovery.WorstCase(graph, order);

        Assert.Equal(2, order.LoopCount);
        Assert.Equal([true, true, false, false, true], Enumerable.Range(0, 5).Select(order.InLoop));
        Assert.Equal(5, order.Order.Length);
        Assert.Equal([RecoveryTimes.Never, RecoveryTimes.Never, RecoveryTimes.Never, 5, RecoveryTimes.Never], times.Minutes.ToArray());
    }

    [Fact]
    public void A_redundancy_group_with_one_member_in_a_loop_is_met_by_its_other_members()
    {
        var builder = new RecoveryGraphBuilder();
        var a = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var b = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var standby = builder.AddNode(NodeKind.System, restoreMinutes: 30);
        var function = builder.AddNode(NodeKind.Function);
        builder.Require(a, b);
        builder.Require(b, a);
        builder.Require(function, a, standby);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        Assert.Equal(30, AchievableRecovery.WorstCase(graph, order).Minutes[function]);
    }

    [Fact]
    public void Behind_a_loop_a_failed_member_of_a_redundancy_group_takes_nothing_down()
    {
        var builder = new RecoveryGraphBuilder();
        var a = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var b = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var primary = builder.AddNode(NodeKind.System, restoreMinutes: 30);
        var replica = builder.AddNode(NodeKind.System, restoreMinutes: 30);
        var function = builder.AddNode(NodeKind.Function);
        builder.Require(a, b);
        builder.Require(b, a);
        builder.Require(a, primary, replica);
        builder.Require(function, a);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        var times = AchievableRecovery.AfterFailure(graph, order, [primary]);

        Assert.Equal([false, false, true, false, false], times.Down.ToArray());
        var both = AchievableRecovery.AfterFailure(graph, order, [primary, replica]);
        // a and b went down together and wait for each other: neither can be brought back.
        Assert.True(both.Down[function]);
        Assert.Equal(RecoveryTimes.Never, both.Minutes[function]);
    }

    [Fact]
    public void A_system_whose_every_site_is_lost_is_restored_once_a_site_is_back()
    {
        var builder = new RecoveryGraphBuilder();
        var region = builder.AddNode(NodeKind.Site);
        var other = builder.AddNode(NodeKind.Site);
        var database = builder.AddNode(NodeKind.System, restoreMinutes: 120);
        var app = builder.AddNode(NodeKind.System, restoreMinutes: 15);
        var function = builder.AddNode(NodeKind.Function);
        builder.HostIn(database, region);
        builder.HostIn(app, region, other);
        builder.Require(app, database);
        builder.Require(function, app);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        var times = AchievableRecovery.AfterFailure(graph, order, [region], openEnded: [true, false, false, false, false]);

        // The database ran only in the region: it is restored after the region is back. The app
        // still runs in the other site, so it only waits for the database.
        Assert.Equal([true, false, true, true, true], times.Down.ToArray());
        Assert.Equal([true, false, true, false, false], times.Restores.ToArray());
        Assert.Equal(120, times.AfterOutage[database]);
        Assert.Equal(120, times.AfterOutage[function]);
        Assert.Equal([function, app, database, region], times.CriticalPath(function));
    }

    [Fact]
    public void A_recovery_site_that_is_up_lets_the_restore_start_at_once()
    {
        var builder = new RecoveryGraphBuilder();
        var region = builder.AddNode(NodeKind.Site);
        var standby = builder.AddNode(NodeKind.Site);
        var database = builder.AddNode(NodeKind.System, restoreMinutes: 120);
        builder.HostIn(database, region);
        builder.RecoverIn(database, standby);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        var times = AchievableRecovery.AfterFailure(graph, order, [region], openEnded: [true, false, false]);
        var schedule = RecoveryScheduler.Schedule(graph, order, times.Down, times.Restores, [-1, -1, -1], capacityPerTeam: 1);

        Assert.True(times.Down[database]);
        Assert.Equal(120, times.Minutes[database]);
        Assert.Equal(RecoveryTimes.NoOutage, times.AfterOutage[database]);
        Assert.Equal(0, schedule.Start[database]);
        Assert.Equal(120, schedule.Finish[database]);
    }

    [Fact]
    public void A_function_waiting_for_a_restore_and_for_an_open_ended_outage_keeps_both()
    {
        var builder = new RecoveryGraphBuilder();
        var region = builder.AddNode(NodeKind.Site);
        var ledger = builder.AddNode(NodeKind.System, restoreMinutes: 600);
        var api = builder.AddNode(NodeKind.System, restoreMinutes: 60);
        var function = builder.AddNode(NodeKind.Function);
        builder.HostIn(api, region);
        builder.Require(function, ledger);
        builder.Require(function, api);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        var times = AchievableRecovery.AfterFailure(graph, order, [region, ledger], openEnded: [true, false, false, false]);

        Assert.Equal(600, times.Minutes[function]);
        Assert.Equal(60, times.AfterOutage[function]);
    }

    [Fact]
    public void A_service_restored_by_its_provider_is_back_with_the_provider_not_after_it()
    {
        var builder = new RecoveryGraphBuilder();
        var vendor = builder.AddNode(NodeKind.Vendor, restoreMinutes: 240);
        var saas = builder.AddNode(NodeKind.System, restoreMinutes: 240);
        var function = builder.AddNode(NodeKind.Function);
        builder.ProvidedBy(saas, vendor);
        builder.Require(function, saas);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        // Worst case and a vendor outage: the vendor's return is the service's restore (4h, not 8h).
        Assert.Equal(240, AchievableRecovery.WorstCase(graph, order).Minutes[function]);
        Assert.Equal(240, AchievableRecovery.AfterFailure(graph, order, [vendor]).Minutes[function]);
        // The service failing on its own is restored by the vendor in the same time.
        var alone = AchievableRecovery.AfterFailure(graph, order, [saas]);
        Assert.Equal(240, alone.Minutes[function]);
        Assert.True(alone.Restores[saas]);
    }

    [Fact]
    public void Degradation_is_passed_up_however_far_the_degraded_dependency_is()
    {
        var builder = new RecoveryGraphBuilder();
        var reporting = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var warehouse = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var app = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var function = builder.AddNode(NodeKind.Function);
        builder.Degrade(warehouse, reporting);
        builder.Require(app, warehouse);
        builder.Require(function, app);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);

        var down = AchievableRecovery.AfterFailure(graph, order, [reporting]).Down;
        var degraded = AchievableRecovery.RunsDegraded(graph, order, down);

        Assert.Equal([false, true, true, true], degraded);
    }

    [Fact]
    public void A_time_that_counts_a_missing_estimate_as_instant_says_so()
    {
        var builder = new RecoveryGraphBuilder();
        var database = builder.AddNode(NodeKind.System, restoreKnown: false);
        var app = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var other = builder.AddNode(NodeKind.System, restoreMinutes: 10);
        var function = builder.AddNode(NodeKind.Function);
        builder.Require(app, database);
        builder.Require(function, app);
        var graph = builder.Build();

        var times = AchievableRecovery.WorstCase(graph, DependencyOrder.Of(graph));

        Assert.Equal([true, true, false, true], times.Assumed.ToArray());
        Assert.Equal(10, times.Minutes[function]);
        Assert.False(times.Assumed[other]);
    }

    [Fact]
    public void An_empty_graph_has_nothing_to_recover()
    {
        var graph = new RecoveryGraphBuilder().Build();

        var order = DependencyOrder.Of(graph);
        var times = AchievableRecovery.WorstCase(graph, order);
        var schedule = RecoveryScheduler.Schedule(graph, order, [], [], [], capacityPerTeam: 1);

        Assert.Equal(0, order.Order.Length);
        Assert.Equal(0, times.Minutes.Length);
        Assert.Equal(0, schedule.Makespan);
    }

    [Fact]
    public void The_recovery_point_is_the_worst_data_required_through_the_best_member_of_each_group()
    {
        var builder = new RecoveryGraphBuilder();
        var primary = builder.AddNode(NodeKind.System);
        var replica = builder.AddNode(NodeKind.System);
        var archive = builder.AddNode(NodeKind.System);
        var app = builder.AddNode(NodeKind.System);
        var function = builder.AddNode(NodeKind.Function);
        var unrelated = builder.AddNode(NodeKind.Function);
        builder.Require(app, primary, replica);
        builder.Require(function, app);
        builder.Require(function, archive);
        var graph = builder.Build();

        var (minutes, via) = AchievableRecoveryPoint.Compute(graph, DependencyOrder.Of(graph), [60, 15, 240, -1, -1, -1]);

        Assert.Equal(15, minutes[app]);
        Assert.Equal(replica, via[app]);
        Assert.Equal(240, minutes[function]);
        Assert.Equal(archive, via[function]);
        Assert.Equal(AchievableRecoveryPoint.None, minutes[unrelated]);
    }

    [Fact]
    public void Unprotected_data_makes_the_recovery_point_unbounded()
    {
        var builder = new RecoveryGraphBuilder();
        var store = builder.AddNode(NodeKind.System);
        var function = builder.AddNode(NodeKind.Function);
        builder.Require(function, store);
        var graph = builder.Build();

        var (minutes, _) = AchievableRecoveryPoint.Compute(graph, DependencyOrder.Of(graph), [AchievableRecoveryPoint.Unbounded, -1]);

        Assert.Equal(AchievableRecoveryPoint.Unbounded, minutes[function]);
    }

    [Fact]
    public void With_one_restore_at_a_time_the_tighter_deadline_goes_first()
    {
        var builder = new RecoveryGraphBuilder();
        var relaxed = builder.AddNode(NodeKind.System, restoreMinutes: 60, tier: 1, team: 0);
        var urgent = builder.AddNode(NodeKind.System, restoreMinutes: 60, tier: 3, team: 0);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);
        var times = AchievableRecovery.WorstCase(graph, order);

        var schedule = RecoveryScheduler.Schedule(graph, order, times.Down, times.Down, [600, 90], capacityPerTeam: 1);

        Assert.Equal(0, schedule.Start[urgent]);
        Assert.Equal(60, schedule.Start[relaxed]);
        Assert.Equal(120, schedule.Makespan);
    }

    [Fact]
    public void What_no_team_restores_takes_no_slot()
    {
        var builder = new RecoveryGraphBuilder();
        var database = builder.AddNode(NodeKind.System, restoreMinutes: 60, tier: 1, team: 0);
        var cache = builder.AddNode(NodeKind.System, restoreMinutes: 30, tier: 1, team: 0);
        var saas = builder.AddNode(NodeKind.Vendor, restoreMinutes: 240, tier: 0, team: -1);
        var orphan = builder.AddNode(NodeKind.System, restoreMinutes: 90, tier: 2, team: -1);
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);
        var times = AchievableRecovery.WorstCase(graph, order);

        var schedule = RecoveryScheduler.Schedule(graph, order, times.Down, times.Down, [120, 120, -1, -1], capacityPerTeam: 1);

        // The team's one slot restores its two systems one after the other; the vendor and the
        // system of no team run alongside from the start.
        Assert.Equal([0, 60, 0, 0], schedule.Start);
        Assert.Equal([60, 90, 240, 90], schedule.Finish);
        Assert.Equal(240, schedule.Makespan);
    }

    [Fact]
    public void The_schedule_follows_the_chain_and_puts_it_in_waves()
    {
        var (graph, power, network, database, app, function) = Chain();
        var order = DependencyOrder.Of(graph);
        var times = AchievableRecovery.WorstCase(graph, order);

        var schedule = RecoveryScheduler.Schedule(graph, order, times.Down, times.Down, [-1, -1, -1, -1, 240], capacityPerTeam: 2);

        Assert.Equal([0, 60, 90, 330, 390], schedule.Start);
        Assert.Equal([60, 90, 330, 390, 390], schedule.Finish);
        Assert.Equal([[power], [network], [database], [app], [function]], schedule.WaveList());
        // The function's RTO of 240 pushes latest finishes down the chain: app 240, database 180, …
        Assert.Equal([-90, -60, 180, 240, 240], schedule.LatestFinish);
    }
}
