using Continuity.Impact;

namespace Continuity.Web.Pages.WhatIf;

/// <summary>The last what-if answers, per plan version and question, so that sharing or paging a
/// what-if does not work it out again. An answer is kept for the <see cref="ImpactModel"/> it was
/// computed on (the analysis cache prepares a new one for every plan revision, so an answer for an
/// older revision is never returned) and the CLI selectors in order. Bounded to
/// <see cref="Capacity"/> answers, least recently used first out. The reports are immutable and
/// shared between requests: nobody may change them. Thread-safe.</summary>
public sealed class WhatIfCache
{
    public const int Capacity = 32;

    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _recent = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byQuery = new(StringComparer.Ordinal);

    /// <summary>The impact report for <paramref name="selectors"/> (CLI form) on <paramref name="model"/>
    /// with the organisation's restore capacity: <see cref="ImpactAnalysis.Run(ImpactModel, IReadOnlyList{string}, int)"/>,
    /// the code the CLI's <c>impact</c> and the API run.</summary>
    public ImpactReport Get(ImpactModel model, IReadOnlyList<string> selectors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(selectors);
        var key = string.Join('\n', selectors);
        lock (_lock)
        {
            if (_byQuery.TryGetValue(key, out var found) && ReferenceEquals(found.Value.Model, model))
            {
                _recent.Remove(found);
                _recent.AddFirst(found);
                return found.Value.Report;
            }
        }
        // Worked out outside the lock: two requests for the same new question may both compute it,
        // which costs time but never a wrong answer.
        var report = ImpactAnalysis.Run(model, selectors, model.CapacityPerTeam);
        lock (_lock)
        {
            if (_recent.First is { } newest && !ReferenceEquals(newest.Value.Model, model))
            {
                // The plan changed: answers for the old revision would only hold its snapshot in memory.
                _recent.Clear();
                _byQuery.Clear();
            }
            if (_byQuery.Remove(key, out var stale))
            {
                _recent.Remove(stale);
            }
            _byQuery[key] = _recent.AddFirst(new Entry(key, model, report));
            while (_recent.Count > Capacity)
            {
                _byQuery.Remove(_recent.Last!.Value.Key);
                _recent.RemoveLast();
            }
        }
        return report;
    }

    /// <summary>How many answers are kept (for tests of the bound).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _recent.Count;
            }
        }
    }

    private sealed record Entry(string Key, ImpactModel Model, ImpactReport Report);
}
