using System.Collections.Frozen;
using System.Collections.Immutable;
using Continuity.Checks;
using Continuity.PlanFiles;

namespace Continuity.Catalog;

/// <summary>A finding with the element it is about as lists show it: kind, name, title and teams
/// (<see cref="CatalogRow.Teams"/>; from the element's <see cref="CatalogRow"/>; kind and name parsed from the id when the element
/// has no row).</summary>
public sealed record CatalogFinding(Finding Finding, ElementKind Kind, string Name, string? Title, IReadOnlyList<string> Teams);

/// <summary>What the findings list needs that depends only on the analysis, computed once per
/// plan revision with the catalog (<see cref="PlanCatalog.Findings"/>): every finding with its
/// element, the counts by severity, the rules that found something, and the positions of the
/// findings by severity, rule, kind, team and waived, so that a filtered page walks only the
/// findings of its narrowest filter. Immutable, shared by concurrent requests.</summary>
public sealed class FindingIndex
{
    private static readonly ImmutableArray<int> Nothing = [];

    private readonly FrozenDictionary<Severity, ImmutableArray<int>> _bySeverity;
    private readonly FrozenDictionary<string, ImmutableArray<int>> _byCheck;
    private readonly FrozenDictionary<ElementKind, ImmutableArray<int>> _byKind;
    private readonly FrozenDictionary<string, ImmutableArray<int>> _byTeam;
    private readonly FrozenDictionary<string, ImmutableArray<int>> _byElement;
    private readonly ImmutableArray<int> _waived;
    private readonly ImmutableArray<int> _unwaived;

    private FindingIndex(ImmutableArray<CatalogFinding> all)
    {
        All = all;
        var bySeverity = new Dictionary<Severity, List<int>>();
        var byCheck = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byKind = new Dictionary<ElementKind, List<int>>();
        var byTeam = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byElement = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var waived = new List<int>();
        var unwaived = new List<int>();
        static void Add<TKey>(Dictionary<TKey, List<int>> index, TKey key, int position) where TKey : notnull
        {
            if (!index.TryGetValue(key, out var positions))
            {
                index[key] = positions = [];
            }
            positions.Add(position);
        }
        for (var i = 0; i < all.Length; i++)
        {
            var (finding, kind, teams) = (all[i].Finding, all[i].Kind, all[i].Teams);
            Add(bySeverity, finding.Severity, i);
            Add(byCheck, finding.CheckId, i);
            Add(byKind, kind, i);
            Add(byElement, finding.ElementId, i);
            foreach (var team in teams)
            {
                Add(byTeam, team, i);
            }
            if (finding.WaivedBy is null)
            {
                unwaived.Add(i);
                switch (finding.Severity)
                {
                    case Severity.Error: Errors++; break;
                    case Severity.Warning: Warnings++; break;
                    default: Infos++; break;
                }
            }
            else
            {
                waived.Add(i);
            }
        }
        _bySeverity = bySeverity.ToFrozenDictionary(e => e.Key, e => e.Value.ToImmutableArray());
        _byCheck = byCheck.ToFrozenDictionary(e => e.Key, e => e.Value.ToImmutableArray(), StringComparer.Ordinal);
        _byKind = byKind.ToFrozenDictionary(e => e.Key, e => e.Value.ToImmutableArray());
        _byTeam = byTeam.ToFrozenDictionary(e => e.Key, e => e.Value.ToImmutableArray(), StringComparer.Ordinal);
        _byElement = byElement.ToFrozenDictionary(e => e.Key, e => e.Value.ToImmutableArray(), StringComparer.Ordinal);
        _waived = [.. waived];
        _unwaived = [.. unwaived];
        Checks = [.. byCheck.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every finding in the analysis' order (severity, rule, element, message).</summary>
    public ImmutableArray<CatalogFinding> All { get; }

    /// <summary>Unwaived findings by severity, over the whole plan.</summary>
    public int Errors { get; }

    public int Warnings { get; }

    public int Infos { get; }

    public int Waived => _waived.Length;

    /// <summary>The ids of the rules that found something, ordered.</summary>
    public ImmutableArray<string> Checks { get; }

    /// <summary>Whether any finding is about the element <paramref name="elementId"/> (<c>kind:name</c>).</summary>
    public bool HasFindingsAbout(string elementId) => _byElement.ContainsKey(elementId);

    /// <summary>The findings about the element <paramref name="elementId"/> (<c>kind:name</c>), in the analysis' order.</summary>
    public IReadOnlyList<Finding> About(string elementId) =>
        [.. _byElement.GetValueOrDefault(elementId, Nothing).Select(position => All[position].Finding)];

    /// <summary>The findings that pass every given filter (null: not filtered), in the analysis'
    /// order. Walks only the positions of the narrowest filter given; without filters it returns
    /// <see cref="All"/> itself. <paramref name="text"/> matches the message, the element's id and
    /// title and the rule id, ignoring case; <paramref name="element"/> is one element's <c>kind:name</c>.</summary>
    public IReadOnlyList<CatalogFinding> Select(Severity? severity, string? check, ElementKind? kind, string? team, bool? waived, string? text, string? element = null)
    {
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (severity is null && check is null && kind is null && team is null && waived is null && text is null && element is null)
        {
            return All;
        }
        ImmutableArray<int>? narrowest = null;
        void Narrow(ImmutableArray<int> positions)
        {
            if (narrowest is not { } current || positions.Length < current.Length)
            {
                narrowest = positions;
            }
        }
        if (severity is { } s)
        {
            Narrow(_bySeverity.GetValueOrDefault(s, Nothing));
        }
        if (check is not null)
        {
            Narrow(_byCheck.GetValueOrDefault(check, Nothing));
        }
        if (kind is { } k)
        {
            Narrow(_byKind.GetValueOrDefault(k, Nothing));
        }
        if (team is not null)
        {
            Narrow(_byTeam.GetValueOrDefault(team, Nothing));
        }
        if (waived is { } w)
        {
            Narrow(w ? _waived : _unwaived);
        }
        if (element is not null)
        {
            Narrow(_byElement.GetValueOrDefault(element, Nothing));
        }

        var kept = new List<CatalogFinding>();
        void Consider(CatalogFinding entry)
        {
            var finding = entry.Finding;
            if ((severity is null || finding.Severity == severity)
                && (check is null || string.Equals(finding.CheckId, check, StringComparison.Ordinal))
                && (kind is null || entry.Kind == kind)
                && (team is null || entry.Teams.Contains(team, StringComparer.Ordinal))
                && (waived is null || (finding.WaivedBy is not null) == waived)
                && (element is null || string.Equals(finding.ElementId, element, StringComparison.Ordinal))
                && (text is null
                    || finding.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || finding.ElementId.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || finding.CheckId.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || (entry.Title?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)))
            {
                kept.Add(entry);
            }
        }
        if (narrowest is { } positions)
        {
            foreach (var position in positions)
            {
                Consider(All[position]);
            }
        }
        else
        {
            foreach (var entry in All)
            {
                Consider(entry);
            }
        }
        return kept;
    }

    /// <summary>Indexes <paramref name="findings"/> with the elements of <paramref name="rows"/> (by <c>kind:name</c>).</summary>
    public static FindingIndex Build(IReadOnlyList<Finding> findings, IReadOnlyDictionary<string, CatalogRow> rows)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(rows);
        var all = ImmutableArray.CreateBuilder<CatalogFinding>(findings.Count);
        foreach (var finding in findings)
        {
            if (rows.TryGetValue(finding.ElementId, out var row))
            {
                all.Add(new CatalogFinding(finding, row.Kind, row.Name, row.Title, row.Teams));
                continue;
            }
            var colon = finding.ElementId.IndexOf(':', StringComparison.Ordinal);
            all.Add(colon > 0 && ElementKinds.TryParseSlug(finding.ElementId[..colon], out var kind)
                ? new CatalogFinding(finding, kind, finding.ElementId[(colon + 1)..], null, [])
                : new CatalogFinding(finding, ElementKind.Organisation, finding.ElementId, null, []));
        }
        return new FindingIndex(all.MoveToImmutable());
    }
}
