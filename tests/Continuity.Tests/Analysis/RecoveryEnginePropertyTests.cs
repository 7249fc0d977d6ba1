using Continuity.Analysis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Continuity.Tests.Analysis;

/// <summary>Properties on random plans (<see cref="RandomGraphs"/>): loops, redundancy, hosting
/// and recovery sites, open-ended outages, zero and missing restore estimates.</summary>
public sealed class RecoveryEnginePropertyTests
{
    private static RandomPlan Generate(int seed) => RandomGraphs.Generate(seed);

    private static int[] WorstCase(RecoveryGraph graph) => AchievableRecovery.WorstCase(graph, DependencyOrder.Of(graph)).Minutes.ToArray();

    private static long Minutes(int value) => value == RecoveryTimes.Never ? long.MaxValue : value;

    [Property(MaxTest = 200)]
    public Property Achievable_recovery_is_monotone_in_restore_durations(PositiveInt seed, byte pick, ushort extra)
    {
        var plan = Generate(seed.Get);
        var longer = (int[])plan.Restore.Clone();
        longer[pick % plan.Nodes] += extra;

        var before = WorstCase(plan.Build());
        var after = WorstCase(plan.Build(restore: longer));

        return Enumerable.Range(0, plan.Nodes).All(n => Minutes(after[n]) >= Minutes(before[n])).ToProperty();
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
        var (node, kind, members) = plan.Groups[index];
        var extra = pickMember % plan.Nodes;
        var groups = plan.Groups.ToList();
        groups[index] = (node, kind, [.. members.Append(extra).Distinct()]);

        var before = WorstCase(plan.Build());
        var after = WorstCase((plan with { Groups = groups }).Build());

        return Enumerable.Range(0, plan.Nodes).All(n => Minutes(after[n]) <= Minutes(before[n])).ToProperty();
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

        var down = AchievableRecovery.AfterFailure(graph, order, failed).Down.ToArray();

        return down.SequenceEqual(RandomGraphs.NaiveDown(plan, failed)).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Recovery_times_are_the_definition_applied_until_nothing_changes(PositiveInt seed, byte failures, byte openMask)
    {
        var plan = Generate(seed.Get);
        var graph = plan.Build();
        var order = DependencyOrder.Of(graph);
        var failedList = Enumerable.Range(0, failures % (plan.Nodes + 1)).Select(i => (i * 7 + seed.Get) % plan.Nodes).Distinct().ToArray();
        var failed = new bool[plan.Nodes];
        var openEnded = new bool[plan.Nodes];
        foreach (var node in failedList)
        {
            failed[node] = true;
            openEnded[node] = plan.Kinds[node] == NodeKind.Site || ((openMask >> (node % 8)) & 1) == 1;
        }

        var times = AchievableRecovery.AfterFailure(graph, order, failedList, openEnded);
        var expected = RandomGraphs.NaiveTimes(plan, failed, openEnded);
        var worst = AchievableRecovery.WorstCase(graph, order);
        var expectedWorst = RandomGraphs.NaiveTimes(plan, [.. Enumerable.Repeat(true, plan.Nodes)], new bool[plan.Nodes]);

        for (var node = 0; node < plan.Nodes; node++)
        {
            Assert.Equal(expected[node], (Minutes(times.Minutes[node]), (long)times.AfterOutage[node]));
            Assert.Equal(expectedWorst[node], (Minutes(worst.Minutes[node]), (long)worst.AfterOutage[node]));
        }
        return true.ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Failing_every_site_with_the_sites_back_at_once_gives_the_worst_case(PositiveInt seed)
    {
        // Every system runs in a site, so losing all sites means restoring every system, each once
        // its site is back (at 0) and its dependencies are back: the worst case.
        var plan = RandomGraphs.Generate(seed.Get);
        var groups = plan.Groups.Where(g => g.Kind != RequirementKind.Hosting).ToList();
        var sites = plan.Sites.ToArray();
        if (sites.Length == 0)
        {
            return true.ToProperty();
        }
        var kinds = (NodeKind[])plan.Kinds.Clone();
        for (var node = 0; node < plan.Nodes; node++)
        {
            if (kinds[node] != NodeKind.Site)
            {
                kinds[node] = NodeKind.System;
                groups.Add((node, RequirementKind.Hosting, [sites[node % sites.Length]]));
            }
        }
        var hosted = plan with { Kinds = kinds, Groups = groups };
        var graph = hosted.Build();
        var order = DependencyOrder.Of(graph);
        var openEnded = new bool[hosted.Nodes];
        foreach (var site in sites)
        {
            openEnded[site] = true;
        }

        var whatIf = AchievableRecovery.AfterFailure(graph, order, sites, openEnded);
        var worst = AchievableRecovery.WorstCase(graph, order);

        for (var node = 0; node < hosted.Nodes; node++)
        {
            // Every node waits for the sites, so Minutes is its time when they are back at once.
            Assert.True(worst.Minutes[node] == whatIf.Minutes[node], $"node {node}: worst case {worst.Minutes[node]}, every site lost {whatIf.Minutes[node]}");
        }
        return true.ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property The_schedule_respects_every_dependency_and_capacity(PositiveInt seed, byte capacity, byte failures)
    {
        var plan = Generate(seed.Get);
        var graph = plan.Build();
        var order = DependencyOrder.Of(graph);
        var failed = Enumerable.Range(0, 1 + (failures % plan.Nodes)).Select(i => (i * 7 + seed.Get) % plan.Nodes).Distinct().ToArray();
        var times = AchievableRecovery.AfterFailure(graph, order, failed);
        var slots = 1 + (capacity % 3);

        var schedule = RecoveryScheduler.Schedule(graph, order, times.Down, times.Restores, [.. Enumerable.Repeat(-1, plan.Nodes)], slots);

        for (var node = 0; node < plan.Nodes; node++)
        {
            if (!times.Down[node])
            {
                Assert.Equal(-1, schedule.Start[node]);
                continue;
            }
            if (times.Minutes[node] == RecoveryTimes.Never)
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
