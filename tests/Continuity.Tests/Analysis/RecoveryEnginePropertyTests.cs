using Continuity.Analysis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Continuity.Tests.Analysis;

/// <summary>Properties on random acyclic plans (dependencies only point to lower indices).</summary>
public sealed class RecoveryEnginePropertyTests
{
    private sealed record RandomPlan(int Nodes, int[] Restore, int[] Tier, int[] Team, List<(int Node, bool Required, int[] Members)> Groups)
    {
        public RecoveryGraph Build(int[]? relabel = null, int[]? restore = null)
        {
            relabel ??= [.. Enumerable.Range(0, Nodes)];
            var inverse = new int[Nodes];
            for (var i = 0; i < Nodes; i++)
            {
                inverse[relabel[i]] = i;
            }
            var builder = new RecoveryGraphBuilder();
            for (var label = 0; label < Nodes; label++)
            {
                var node = inverse[label];
                builder.AddNode(NodeKind.System, (restore ?? Restore)[node], Tier[node], Team[node]);
            }
            foreach (var (node, required, members) in Groups)
            {
                var mapped = members.Select(m => relabel[m]).ToArray();
                if (required)
                {
                    builder.Require(relabel[node], mapped);
                }
                else
                {
                    builder.Degrade(relabel[node], mapped);
                }
            }
            return builder.Build();
        }
    }

    private static RandomPlan Generate(int seed)
    {
        var random = new Random(seed);
        var nodes = random.Next(1, 40);
        var groups = new List<(int, bool, int[])>();
        for (var node = 1; node < nodes; node++)
        {
            for (var g = random.Next(0, 4); g > 0; g--)
            {
                var members = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(0, node)).Distinct().ToArray();
                groups.Add((node, random.Next(5) > 0, members));
            }
        }
        return new RandomPlan(nodes,
            [.. Enumerable.Range(0, nodes).Select(_ => random.Next(0, 500))],
            [.. Enumerable.Range(0, nodes).Select(_ => random.Next(0, 5))],
            [.. Enumerable.Range(0, nodes).Select(_ => random.Next(-1, 3))],
            groups);
    }

    private static int[] WorstCase(RecoveryGraph graph) => AchievableRecovery.WorstCase(graph, DependencyOrder.Of(graph)).Minutes;

    [Property(MaxTest = 200)]
    public Property Achievable_recovery_is_monotone_in_restore_durations(PositiveInt seed, byte pick, ushort extra)
    {
        var plan = Generate(seed.Get);
        var longer = (int[])plan.Restore.Clone();
        longer[pick % plan.Nodes] += extra;

        var before = WorstCase(plan.Build());
        var after = WorstCase(plan.Build(restore: longer));

        return Enumerable.Range(0, plan.Nodes).All(n => after[n] >= before[n]).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Adding_a_redundant_member_never_makes_anything_worse(PositiveInt seed, byte pickGroup, byte pickMember)
    {
        var plan = Generate(seed.Get);
        if (plan.Groups.Count == 0)
        {
            return true.ToProperty();
        }
        var index = pickGroup % plan.Groups.Count;
        var (node, required, members) = plan.Groups[index];
        var extra = pickMember % node;        // any lower node keeps the plan acyclic
        var groups = plan.Groups.ToList();
        groups[index] = (node, required, [.. members.Append(extra).Distinct()]);

        var before = WorstCase(plan.Build());
        var after = WorstCase((plan with { Groups = groups }).Build());

        return Enumerable.Range(0, plan.Nodes).All(n => after[n] <= before[n]).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Recovery_times_do_not_depend_on_how_nodes_are_numbered(PositiveInt seed)
    {
        var plan = Generate(seed.Get);
        var relabel = Enumerable.Range(0, plan.Nodes).ToArray();
        new Random(seed.Get).Shuffle(relabel);

        var plain = WorstCase(plan.Build());
        var shuffled = WorstCase(plan.Build(relabel));

        return Enumerable.Range(0, plan.Nodes).All(n => plain[n] == shuffled[relabel[n]]).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property What_a_failure_takes_down_is_what_the_rule_gives_when_applied_until_nothing_changes(PositiveInt seed, byte failures)
    {
        var plan = Generate(seed.Get);
        var graph = plan.Build();
        var order = DependencyOrder.Of(graph);
        var failed = Enumerable.Range(0, 1 + (failures % plan.Nodes)).Select(i => (i * 11 + seed.Get) % plan.Nodes).Distinct().ToArray();

        var down = AchievableRecovery.AfterFailure(graph, order, failed).Down;

        // The rule, naively: down if failed, or if every member of one of its required groups is down.
        var expected = new bool[plan.Nodes];
        foreach (var node in failed)
        {
            expected[node] = true;
        }
        for (var changed = true; changed;)
        {
            changed = false;
            for (var node = 0; node < plan.Nodes; node++)
            {
                var goesDown = !expected[node] && Enumerable.Range(graph.GroupStart[node], graph.GroupStart[node + 1] - graph.GroupStart[node])
                    .Any(g => graph.GroupKinds[g] == RequirementKind.Required && graph.MembersOf(g).ToArray().All(m => expected[m]));
                if (goesDown)
                {
                    expected[node] = changed = true;
                }
            }
        }
        return Enumerable.Range(0, plan.Nodes).Where(n => !order.Blocked[n]).All(n => down[n] == expected[n]).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property The_schedule_respects_every_dependency_and_capacity(PositiveInt seed, byte capacity, byte failures)
    {
        var plan = Generate(seed.Get);
        var graph = plan.Build();
        var order = DependencyOrder.Of(graph);
        var failed = Enumerable.Range(0, 1 + (failures % plan.Nodes)).Select(i => (i * 7 + seed.Get) % plan.Nodes).Distinct().ToArray();
        var times = AchievableRecovery.AfterFailure(graph, order, failed);
        var isFailed = new bool[plan.Nodes];
        foreach (var node in failed)
        {
            isFailed[node] = true;
        }
        var slots = 1 + (capacity % 3);

        var schedule = RecoveryScheduler.Schedule(graph, order, times.Down, isFailed, [.. Enumerable.Repeat(-1, plan.Nodes)], slots);

        for (var node = 0; node < plan.Nodes; node++)
        {
            if (!times.Down[node])
            {
                Assert.Equal(-1, schedule.Start[node]);
                continue;
            }
            Assert.True(schedule.Start[node] >= 0, $"down node {node} never started");
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                var members = graph.MembersOf(g).ToArray();
                if (graph.GroupKinds[g] == RequirementKind.Required && members.All(m => times.Down[m]))
                {
                    Assert.True(schedule.Start[node] >= members.Min(m => schedule.Finish[m]), $"node {node} started before group {g} was back");
                    Assert.True(schedule.Waves[node] > members.Min(m => schedule.Waves[m]));
                }
            }
            // The schedule can never beat the unlimited-capacity recovery time.
            Assert.True(schedule.Finish[node] >= times.Minutes[node]);
        }
        var events = Enumerable.Range(0, plan.Nodes).Where(n => schedule.Start[n] >= 0 && schedule.Finish[n] > schedule.Start[n]).ToList();
        foreach (var moment in events.Select(n => schedule.Start[n]).Distinct())
        {
            // Only teams have slots; what no team restores (a vendor) runs whenever it can.
            var busy = events.Where(n => graph.Teams[n] >= 0 && schedule.Start[n] <= moment && moment < schedule.Finish[n]).GroupBy(n => graph.Teams[n]);
            Assert.All(busy, team => Assert.True(team.Count() <= slots, $"team {team.Key} ran {team.Count()} restores at {moment}"));
        }
        return true.ToProperty();
    }
}
