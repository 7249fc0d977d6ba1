using Continuity.Analysis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Continuity.Tests.Analysis;

public sealed class FunctionsAtStakeTests
{
    [Fact]
    public void A_shared_vendor_is_needed_by_both_functions_but_takes_down_only_the_one_without_a_fallback()
    {
        var builder = new RecoveryGraphBuilder();
        var vendor = builder.AddNode(NodeKind.Vendor);
        var saas = builder.AddNode(NodeKind.System);
        var spare = builder.AddNode(NodeKind.System);
        var billing = builder.AddNode(NodeKind.Function);
        var payroll = builder.AddNode(NodeKind.Function);
        var reporting = builder.AddNode(NodeKind.Function);
        builder.ProvidedBy(saas, vendor);
        builder.Require(billing, saas);
        builder.Require(payroll, saas, spare);
        builder.Degrade(reporting, saas);
        var graph = builder.Build();
        var atStake = FunctionsAtStake.Of(graph, FailureSets.Compute(graph, DependencyOrder.Of(graph)), [payroll, billing, reporting]);

        var needed = atStake.NeededBy(vendor);
        var down = atStake.TakenDownBy(vendor);

        Assert.Equal(2, needed.Count);
        Assert.Equal([payroll, billing], needed.First.ToArray());
        Assert.Equal(1, down.Count);
        Assert.Equal([billing], down.First.ToArray());
        Assert.Equal(0, atStake.TakenDownBy(billing).Count);
    }

    [Fact]
    public void Lists_keep_the_first_functions_in_the_given_order_and_count_them_all()
    {
        var builder = new RecoveryGraphBuilder();
        var site = builder.AddNode(NodeKind.Site);
        var functions = Enumerable.Range(0, FunctionsAtStake.Kept + 7).Select(_ => builder.AddNode(NodeKind.Function)).ToArray();
        foreach (var function in functions)
        {
            builder.Require(function, site);
        }
        var graph = builder.Build();
        int[] order = [.. functions.Reverse()];

        var down = FunctionsAtStake.Of(graph, FailureSets.Compute(graph, DependencyOrder.Of(graph)), order).TakenDownBy(site);

        Assert.Equal(functions.Length, down.Count);
        Assert.Equal(order.Take(FunctionsAtStake.Kept), down.First.ToArray());
    }

    [Property(MaxTest = 300)]
    public Property Each_node_is_needed_by_and_takes_down_exactly_what_a_naive_walk_and_a_simulated_failure_say(PositiveInt seed)
    {
        var plan = RandomGraphs.Generate(seed.Get);
        var graph = plan.Build();
        var functions = Enumerable.Range(0, plan.Nodes).Where(n => plan.Kinds[n] == NodeKind.Function).Reverse().ToArray();
        var atStake = FunctionsAtStake.Of(graph, FailureSets.Compute(graph, DependencyOrder.Of(graph)), functions);

        for (var node = 0; node < plan.Nodes; node++)
        {
            var down = RandomGraphs.NaiveDown(plan, [node]);
            int[] takenDown = [.. functions.Where(f => f != node && down[f])];
            int[] needing = [.. functions.Where(f => f != node && NaiveReaches(plan, f, node))];
            var (downCount, downFirst) = atStake.TakenDownBy(node);
            var (needCount, needFirst) = atStake.NeededBy(node);
            Assert.Equal(takenDown.Length, downCount);
            Assert.Equal(takenDown.Take(FunctionsAtStake.Kept), downFirst.ToArray());
            Assert.Equal(needing.Length, needCount);
            Assert.Equal(needing.Take(FunctionsAtStake.Kept), needFirst.ToArray());
        }
        return true.ToProperty();
    }

    /// <summary>Whether <paramref name="from"/> reaches <paramref name="to"/> through groups that
    /// are not degraded, by growing the reached set until nothing changes.</summary>
    private static bool NaiveReaches(RandomPlan plan, int from, int to)
    {
        var reached = new bool[plan.Nodes];
        reached[from] = true;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (node, kind, members) in plan.Groups)
            {
                if (reached[node] && kind != RequirementKind.Degraded)
                {
                    foreach (var member in members.Where(m => !reached[m]))
                    {
                        reached[member] = changed = true;
                    }
                }
            }
        }
        return reached[to];
    }
}
