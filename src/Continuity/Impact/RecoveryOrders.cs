using Continuity.Analysis;
using Continuity.Snapshots;

namespace Continuity.Impact;

/// <summary>The recovery order of what is down, as a report: the waves and the least-slack
/// schedule of <see cref="RecoveryScheduler"/>, named and ordered for people.</summary>
internal static class RecoveryOrders
{
    public static RecoveryOrderReport Build(PlanSnapshot snapshot, DependencyOrder order, Failure failure, bool worstCase, int capacityPerTeam)
    {
        var graph = snapshot.Graph;
        var schedule = RecoveryScheduler.Schedule(graph, order, failure.Down, failure.Times.Restores, snapshot.RtoMinutes.AsSpan(), capacityPerTeam);

        // Within a wave, ties are broken by tier (untiered last), then id.
        var waves = schedule.WaveList()
            .Select(wave => (IReadOnlyList<string>)[.. wave.OrderBy(n => TierRank(snapshot, n)).ThenBy(n => snapshot.Ids[n], StringComparer.Ordinal).Select(n => snapshot.Ids[n])])
            .ToList();

        var rows = new List<ScheduledRestore>();
        var blocked = new List<int>();
        for (var node = 0; node < snapshot.NodeCount; node++)
        {
            if (!failure.Down[node])
            {
                continue;
            }
            if (schedule.Start[node] < 0)
            {
                blocked.Add(node);
                continue;
            }
            var rto = snapshot.RtoMinutes[node];
            var team = snapshot.Teams[node];
            rows.Add(new ScheduledRestore(
                snapshot.Ids[node],
                snapshot.Titles[node],
                snapshot.Kinds[node],
                snapshot.Tiers[node],
                team >= 0 ? snapshot.TeamNames[team] : null,
                schedule.Waves[node],
                schedule.Start[node],
                schedule.Finish[node],
                schedule.Finish[node] - schedule.Start[node],
                rto >= 0 ? rto : null,
                rto >= 0 && schedule.Finish[node] > rto,
                failure.KindOf(node) == RecoveryKind.AfterOutage,
                failure.Times.Assumed[node]));
        }
        rows.Sort(static (a, b) =>
            a.Start.CompareTo(b.Start) is var byStart and not 0 ? byStart
            : a.Finish.CompareTo(b.Finish) is var byFinish and not 0 ? byFinish
            : (a.Tier == 0 ? int.MaxValue : a.Tier).CompareTo(b.Tier == 0 ? int.MaxValue : b.Tier) is var byTier and not 0 ? byTier
            : string.CompareOrdinal(a.Id, b.Id));

        return new RecoveryOrderReport(
            worstCase,
            capacityPerTeam,
            ImpactAnalysis.Refs(snapshot, Failure.Indices(failure.OpenEnded)),
            waves,
            rows,
            schedule.Makespan,
            ImpactAnalysis.Refs(snapshot, blocked),
            [.. rows.Where(r => r.MissesRto).OrderByDescending(r => r.Finish - r.RtoMinutes!.Value).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id)]);
    }

    private static int TierRank(PlanSnapshot snapshot, int node) => snapshot.Tiers[node] == 0 ? int.MaxValue : snapshot.Tiers[node];
}
