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
        var random = new Random(seed.Get);
        var builder = new RecoveryGraphBuilder();
        var nodes = random.Next(1, 30);
        for (var node = 0; node < nodes; node++)
        {
            builder.AddNode(NodeKind.System, restoreMinutes: random.Next(1, 100));
            for (var g = node == 0 ? 0 : random.Next(0, 4); g > 0; g--)
            {
                var members = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(0, node)).ToArray();
                if (random.Next(6) == 0)
                {
                    builder.Degrade(node, members);
                }
                else
                {
                    builder.Require(node, members);
                }
            }
        }
        var graph = builder.Build();
        var order = DependencyOrder.Of(graph);
        var sets = FailureSets.Compute(graph, order);

        for (var failed = 0; failed < nodes; failed++)
        {
            var down = AchievableRecovery.AfterFailure(graph, order, [failed]).Down;
            for (var node = 0; node < nodes; node++)
            {
                Assert.True(down[node] == sets.TakesDown(node).Contains(failed),
                    $"failing {failed} {(down[node] ? "takes" : "does not take")} {node} down");
            }
        }
        return true.ToProperty();
    }
}
