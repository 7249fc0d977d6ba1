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
    public void Nodes_in_or_behind_a_loop_never_recover_and_are_reported_blocked()
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

        Assert.Equal([true, true, true, false, true], order.Blocked);
        Assert.Equal([free], order.Order);
        Assert.Equal([RecoveryTimes.Never, RecoveryTimes.Never, RecoveryTimes.Never, 5, RecoveryTimes.Never], times.Minutes);
    }

    [Fact]
    public void An_empty_graph_has_nothing_to_recover()
    {
        var graph = new RecoveryGraphBuilder().Build();

        var order = DependencyOrder.Of(graph);
        var times = AchievableRecovery.WorstCase(graph, order);
        var schedule = RecoveryScheduler.Schedule(graph, order, [], [], [], capacityPerTeam: 1);

        Assert.Empty(order.Order);
        Assert.Empty(times.Minutes);
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
