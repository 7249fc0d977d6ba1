using Continuity.Analysis;
using Continuity.PlanFiles;
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

        var ids = new IdOrder(snapshot);

        // Within a wave, ties are broken by tier (untiered last), then id.
        var waves = new List<IReadOnlyList<string>>();
        foreach (var wave in schedule.WaveList())
        {
            var keys = new long[wave.Length];
            for (var i = 0; i < wave.Length; i++)
            {
                keys[i] = ((long)TierRank(snapshot, wave[i]) << 32) | (uint)ids.Rank(wave[i]);
            }
            Array.Sort(keys, wave);
            var names = new string[wave.Length];
            for (var i = 0; i < wave.Length; i++)
            {
                names[i] = snapshot.Ids[wave[i]];
            }
            waves.Add(names);
        }

        var scheduled = new List<Scheduled>();
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
            scheduled.Add(new Scheduled(schedule.Start[node], schedule.Finish[node], TierRank(snapshot, node), ids.Rank(node), node));
        }
        scheduled.Sort();

        var rows = new List<ScheduledRestore>(scheduled.Count);
        var late = new List<(long Over, int Rank, string Id)>();
        foreach (var (_, _, _, rank, node) in scheduled)
        {
            var rto = snapshot.RtoMinutes[node];
            var team = snapshot.Teams[node];
            var missesRto = rto >= 0 && schedule.Finish[node] > rto;
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
                missesRto,
                failure.KindOf(node) == RecoveryKind.AfterOutage,
                failure.Times.Assumed[node]));
            if (missesRto)
            {
                late.Add(((long)schedule.Finish[node] - rto, rank, snapshot.Ids[node]));
            }
        }
        // Furthest past the RTO first, then id.
        late.Sort(static (a, b) => b.Over.CompareTo(a.Over) is var byOver and not 0 ? byOver : a.Rank.CompareTo(b.Rank));

        return new RecoveryOrderReport(
            worstCase,
            capacityPerTeam,
            ImpactAnalysis.Refs(snapshot, Failure.Indices(failure.OpenEnded)),
            waves,
            rows,
            schedule.Makespan,
            ImpactAnalysis.Refs(snapshot, blocked),
            [.. late.Select(l => l.Id)]);
    }

    /// <summary>A scheduled restore's sort key: start, finish, tier (untiered last), id.</summary>
    private readonly record struct Scheduled(int Start, int Finish, int Tier, int IdRank, int Node) : IComparable<Scheduled>
    {
        public int CompareTo(Scheduled other) =>
            Start.CompareTo(other.Start) is var byStart and not 0 ? byStart
            : Finish.CompareTo(other.Finish) is var byFinish and not 0 ? byFinish
            : Tier.CompareTo(other.Tier) is var byTier and not 0 ? byTier
            : IdRank.CompareTo(other.IdRank);
    }

    private static int TierRank(PlanSnapshot snapshot, int node) => snapshot.Tiers[node] == 0 ? int.MaxValue : snapshot.Tiers[node];
}

/// <summary>Where each node's id sorts among all ids (ordinal), without comparing strings: an id is
/// its kind's slug, a colon and its name, the snapshot orders the nodes of a kind by name, and no
/// kind's slug starts another's, so ids sort by slug, then by node index.</summary>
internal sealed class IdOrder
{
    private readonly PlanSnapshot _snapshot;
    private readonly int[] _offset = new int[6];
    private readonly int[] _kindStart = new int[6];

    public IdOrder(PlanSnapshot snapshot)
    {
        _snapshot = snapshot;
        var kinds = Enum.GetValues<NodeKind>();
        var bySlug = kinds.OrderBy(k => ElementKinds.Slug(SnapshotSource.ElementKindOf(k)), StringComparer.Ordinal).ToArray();
        var offset = 0;
        foreach (var kind in bySlug)
        {
            var range = snapshot.NodesOf(kind);
            _offset[(int)kind] = offset;
            _kindStart[(int)kind] = range.Start.Value;
            offset += range.End.Value - range.Start.Value;
        }
    }

    /// <summary>0 for the node whose id sorts first, and so on.</summary>
    public int Rank(int node)
    {
        var kind = (int)_snapshot.Kinds[node];
        return _offset[kind] + (node - _kindStart[kind]);
    }
}
