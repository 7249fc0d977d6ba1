using Continuity.Analysis;
using Continuity.Snapshots;

namespace Continuity.Impact;

/// <summary>Single points of failure of the critical functions (those of <see cref="CriticalTier"/>
/// or better), and how concentrated they are on vendors and sites.</summary>
public sealed record SinglePointsReport(
    int CriticalTier,
    int CriticalFunctionCount,
    int Tier1FunctionCount,
    IReadOnlyList<FunctionSinglePoints> Functions,
    IReadOnlyList<Concentration> Vendors,
    IReadOnlyList<Concentration> Sites);

/// <summary>A critical function and every element whose failure alone takes it down.</summary>
public sealed record FunctionSinglePoints(string Id, string Title, int Tier, int? RtoMinutes, IReadOnlyList<SinglePoint> SinglePoints);

/// <summary>An element whose failure alone takes a function down. After that failure the function is
/// back when the element is restored (<see cref="RestoreMinutes"/>); null when nothing states when
/// (a site, a person, a vendor without a contractual RTO). <see cref="MissesRto"/>: that is later
/// than the function's RTO, or unknown.</summary>
public sealed record SinglePoint(string Id, string Title, NodeKind Kind, int? RestoreMinutes, bool MissesRto);

/// <summary>A vendor or site and the critical functions that depend on it (through any required
/// chain, redundancy groups included) and that its failure alone takes down.</summary>
public sealed record Concentration(string Id, string Title, IReadOnlyList<string> DependedOnBy, IReadOnlyList<string> TakenDown, int Tier1DependedOnBy, int Tier1TakenDown);

public static class SinglePoints
{
    /// <summary>From the failure sets (<see cref="FailureSets"/>): for each function of
    /// <paramref name="criticalTier"/> or better, the nodes in <c>fails(f)</c> other than itself.
    /// One walk of each function's set with a stamp array; a single point is the same immutable
    /// record wherever it appears with the same verdict, so the report costs a row reference per
    /// listed element, not an object.</summary>
    public static SinglePointsReport Find(PlanSnapshot snapshot, int criticalTier = 2)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var graph = snapshot.Graph;
        var order = DependencyOrder.Of(graph);
        var fails = FailureSets.Compute(graph, order);
        var range = snapshot.NodesOf(NodeKind.Function);
        var critical = new List<int>();
        for (var tier = 1; tier <= criticalTier; tier++)
        {
            // Ids of one kind sort as their names, which is the node order.
            for (var f = range.Start.Value; f < range.End.Value; f++)
            {
                if (snapshot.Tiers[f] == tier)
                {
                    critical.Add(f);
                }
            }
        }

        var reach = new VendorAndSiteReach(snapshot, order);
        var points = new Points(snapshot, fails);
        var functions = new List<FunctionSinglePoints>(critical.Count);
        var takenDown = new List<int>?[snapshot.NodeCount];
        var dependedOnBy = new List<int>?[snapshot.NodeCount];
        foreach (var function in critical)
        {
            var rto = snapshot.RtoMinutes[function];
            var set = points.Walk(function);
            foreach (var node in set)
            {
                if (node != function && snapshot.Kinds[node] is NodeKind.Vendor or NodeKind.Site)
                {
                    (takenDown[node] ??= []).Add(function);
                }
            }
            functions.Add(new FunctionSinglePoints(snapshot.Ids[function], snapshot.Titles[function], snapshot.Tiers[function], rto >= 0 ? rto : null,
                points.Report(function, set)));

            foreach (var node in reach.Of(function))
            {
                (dependedOnBy[node] ??= []).Add(function);
            }
        }

        return new SinglePointsReport(
            criticalTier,
            critical.Count,
            critical.Count(f => snapshot.Tiers[f] == 1),
            functions,
            Concentrations(snapshot, NodeKind.Vendor, dependedOnBy, takenDown),
            Concentrations(snapshot, NodeKind.Site, dependedOnBy, takenDown));
    }

    /// <summary>The elements whose failure alone takes <paramref name="node"/> down, those that keep
    /// it down past its RTO (or for an unknown time) first, then by kind and id.</summary>
    public static IReadOnlyList<SinglePoint> Of(PlanSnapshot snapshot, FailureSets fails, int node)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(fails);
        var points = new Points(snapshot, fails);
        return points.Report(node, points.Walk(node));
    }

    /// <summary>Walks failure sets and turns them into report rows, reusing its buffers and rows.</summary>
    private sealed class Points(PlanSnapshot snapshot, FailureSets fails)
    {
        private readonly int[] _seen = new int[snapshot.NodeCount];
        private readonly SinglePoint?[] _missing = new SinglePoint?[snapshot.NodeCount];
        private readonly SinglePoint?[] _within = new SinglePoint?[snapshot.NodeCount];
        private readonly List<int> _set = [];
        private readonly List<int> _late = [];
        private readonly List<int> _inTime = [];
        private readonly Stack<int> _stack = new();
        private int _stamp;

        /// <summary>Every node of <c>fails(node)</c>, itself included, in no particular order (valid until the next walk).</summary>
        public List<int> Walk(int node)
        {
            var stamp = ++_stamp;
            _set.Clear();
            _seen[node] = stamp;
            _stack.Push(node);
            while (_stack.TryPop(out var current))
            {
                _set.Add(current);
                foreach (var generator in fails.GeneratorsOf(current))
                {
                    if (_seen[generator] != stamp)
                    {
                        _seen[generator] = stamp;
                        _stack.Push(generator);
                    }
                }
            }
            return _set;
        }

        /// <summary>The rows of <paramref name="set"/> without <paramref name="node"/>: those that miss the
        /// RTO first, then by kind and id, which within the snapshot is node order.</summary>
        public SinglePoint[] Report(int node, List<int> set)
        {
            var rto = snapshot.RtoMinutes[node];
            _late.Clear();
            _inTime.Clear();
            foreach (var element in set)
            {
                if (element == node)
                {
                    continue;
                }
                var restore = Restore(element);
                (rto >= 0 && (restore is null || restore > rto) ? _late : _inTime).Add(element);
            }
            _late.Sort();
            _inTime.Sort();
            var rows = new SinglePoint[_late.Count + _inTime.Count];
            var i = 0;
            foreach (var element in _late)
            {
                rows[i++] = _missing[element] ??= Row(element, missesRto: true);
            }
            foreach (var element in _inTime)
            {
                rows[i++] = _within[element] ??= Row(element, missesRto: false);
            }
            return rows;
        }

        private int? Restore(int element) => FailureSelection.IsOpenEnded(snapshot, element) ? null : snapshot.RestoreMinutes[element];

        private SinglePoint Row(int element, bool missesRto) =>
            new(snapshot.Ids[element], snapshot.Titles[element], snapshot.Kinds[element], Restore(element), missesRto);
    }

    private static List<Concentration> Concentrations(PlanSnapshot snapshot, NodeKind kind, List<int>?[] dependedOnBy, List<int>?[] takenDown)
    {
        var range = snapshot.NodesOf(kind);
        var rows = new List<Concentration>();
        for (var node = range.Start.Value; node < range.End.Value; node++)
        {
            var depending = dependedOnBy[node] ?? [];
            if (depending.Count == 0)
            {
                continue;
            }
            var down = takenDown[node] ?? [];
            rows.Add(new Concentration(snapshot.Ids[node], snapshot.Titles[node],
                [.. depending.Select(f => snapshot.Ids[f])],
                [.. down.Select(f => snapshot.Ids[f])],
                depending.Count(f => snapshot.Tiers[f] == 1),
                down.Count(f => snapshot.Tiers[f] == 1)));
        }
        rows.Sort(static (a, b) =>
            b.TakenDown.Count.CompareTo(a.TakenDown.Count) is var byDown and not 0 ? byDown
            : b.DependedOnBy.Count.CompareTo(a.DependedOnBy.Count) is var byDepending and not 0 ? byDepending
            : string.CompareOrdinal(a.Id, b.Id));
        return rows;
    }
}

/// <summary>Which vendors and sites each node depends on through required chains (any member of a
/// redundancy group counts), as one bit per vendor or site per node, filled in dependency order:
/// O((V + E) · K / 64) for K vendors and sites, instead of a search per function. Nodes in or
/// behind a dependency loop reach nothing.</summary>
internal sealed class VendorAndSiteReach
{
    private readonly int _first;
    private readonly int _words;
    private readonly ulong[] _bits;

    public VendorAndSiteReach(PlanSnapshot snapshot, DependencyOrder order)
    {
        // Vendors and sites are adjacent in the snapshot's node order (NodeKind order).
        _first = snapshot.NodesOf(NodeKind.Vendor).Start.Value;
        var count = snapshot.NodesOf(NodeKind.Site).End.Value - _first;
        _words = Math.Max(1, (count + 63) / 64);
        _bits = new ulong[snapshot.NodeCount * _words];
        var graph = snapshot.Graph;
        foreach (var node in order.Order)
        {
            var own = _bits.AsSpan(node * _words, _words);
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (!graph.GroupKinds[g].TakesDown())
                {
                    continue;
                }
                foreach (var member in graph.MembersOf(g))
                {
                    var target = member - _first;
                    if (target >= 0 && target < count)
                    {
                        own[target / 64] |= 1UL << (target % 64);
                    }
                    var theirs = _bits.AsSpan(member * _words, _words);
                    for (var w = 0; w < _words; w++)
                    {
                        own[w] |= theirs[w];
                    }
                }
            }
        }
    }

    /// <summary>The vendors and sites <paramref name="node"/> depends on, ascending.</summary>
    public IEnumerable<int> Of(int node)
    {
        for (var w = 0; w < _words; w++)
        {
            var word = _bits[(node * _words) + w];
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                yield return _first + (w * 64) + bit;
                word &= word - 1;
            }
        }
    }
}
