using Continuity.Analysis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Continuity.Tests.Analysis;

public sealed class FailureSetsTests
{
    private static int[] TakesDown(RecoveryGraph graph, int node) =>
        [.. FailureSets.Compute(graph, DependencyOrder.Of(graph)).TakesDown(node).Order()];

    [Fact]
    public void Without_redundancy_everything_below_takes_a_node_down()
    {
        var builder = new RecoveryGraphBuilder();
        var site = builder.AddNode(NodeKind.Site);
        var database = builder.AddNode(NodeKind.System);
        var app = builder.AddNode(NodeKind.System);
        var function = builder.AddNode(NodeKind.Function);
        builder.Require(database, site);
        builder.Require(app, database);
        builder.Require(function, app);

        Assert.Equal([site, database, app, function], TakesDown(builder.Build(), function));
    }

    [Fact]
    public void Redundant_members_are_not_single_points_of_failure_but_what_they_share_is()
    {
        var builder = new RecoveryGraphBuilder();
        var region = builder.AddNode(NodeKind.Site);
        var primary = builder.AddNode(NodeKind.System);
        var replica = builder.AddNode(NodeKind.System);
        var app = builder.AddNode(NodeKind.System);
        var function = builder.AddNode(NodeKind.Function);
        builder.Require(primary, region);
        builder.Require(replica, region);
        builder.Require(app, primary, replica);
        builder.Require(function, app);

        Assert.Equal([region, app, function], TakesDown(builder.Build(), function));
    }

    [Fact]
    public void Members_in_different_regions_share_nothing()
    {
        var builder = new RecoveryGraphBuilder();
        var east = builder.AddNode(NodeKind.Site);
        var west = builder.AddNode(NodeKind.Site);
        var a = builder.AddNode(NodeKind.System);
        var b = builder.AddNode(NodeKind.System);
        var app = builder.AddNode(NodeKind.System);
        var report = builder.AddNode(NodeKind.System);
        builder.Require(a, east);
        builder.Require(b, west);
        builder.Require(app, a, b);
        builder.Degrade(app, report);

        Assert.Equal([app], TakesDown(builder.Build(), app));
    }

    [Property(MaxTest = 300)]
    public Property A_node_takes_exactly_those_down_that_a_simulated_failure_of_it_takes_down(PositiveInt seed)
    {
        var plan = RandomGraphs.Generate(seed.Get);
        var graph = plan.Build();
        var order = DependencyOrder.Of(graph);
        var sets = FailureSets.Compute(graph, order);

        for (var failed = 0; failed < plan.Nodes; failed++)
        {
            var down = RandomGraphs.NaiveDown(plan, [failed]);
            for (var node = 0; node < plan.Nodes; node++)
            {
                Assert.True(down[node] == sets.TakesDown(node).Contains(failed),
                    $"failing {failed} {(down[node] ? "takes" : "does not take")} {node} down");
            }
        }
        return true.ToProperty();
    }

    [Fact]
    public void Elements_behind_a_loop_have_their_single_points_of_failure()
    {
        var builder = new RecoveryGraphBuilder();
        var database = builder.AddNode(NodeKind.System);
        var a = builder.AddNode(NodeKind.System);
        var b = builder.AddNode(NodeKind.System);
        var function = builder.AddNode(NodeKind.Function);
        builder.Require(a, b);
        builder.Require(b, a);
        builder.Require(a, database);
        builder.Require(function, a);

        Assert.Equal([database, a, b, function], TakesDown(builder.Build(), function));
    }

    [Fact]
    public void Concurrent_walks_of_shared_failure_sets_each_see_the_whole_set_once()
    {
        var builder = new RecoveryGraphBuilder();
        var nodes = Enumerable.Range(0, 200).Select(_ => builder.AddNode(NodeKind.System)).ToArray();
        for (var n = 1; n < nodes.Length; n++)
        {
            builder.Require(nodes[n], nodes[n - 1]);
            builder.Require(nodes[n], nodes[n / 2]);
        }
        var graph = builder.Build();
        var sets = FailureSets.Compute(graph, DependencyOrder.Of(graph));
        var expected = sets.TakesDown(199).Order().ToArray();

        Parallel.For(0, 400, _ => Assert.Equal(expected, sets.TakesDown(199).Order()));
    }
}
