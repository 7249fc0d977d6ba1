using System.Globalization;
using Continuity.Analysis;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Pictures;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Pictures;

/// <summary>The whole organisation by recovery wave: if everything failed at once, what can be
/// restored first, what next, and so on (the worst-case recovery order). Each wave is counted by
/// kind and team with its first elements named; one wave's elements can be listed page by page;
/// the picture draws each element only for a small plan and one box per wave otherwise.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class RecoveryWavesModel(ContinuityDb db, AnalysisCache analysisCache, PictureCache pictures) : PageModel
{
    public const int NamedPerWave = 12;
    public const int TeamsPerWave = 8;
    public const int RowsPerPage = 100;

    public IReadOnlyList<WaveSummary> Waves { get; private set; } = [];

    public int ElementCount { get; private set; }

    public int Makespan { get; private set; }

    public int CapacityPerTeam { get; private set; }

    public IReadOnlyList<ElementLink> Blocked { get; private set; } = [];

    public int BlockedCount { get; private set; }

    public string? Svg { get; private set; }

    public string? PictureProblem { get; private set; }

    public bool GraphvizMissing { get; private set; }

    public bool Summarised { get; private set; }

    /// <summary>The wave listed in full (<c>?wave=N</c>), or null.</summary>
    public WaveSummary? Listed { get; private set; }

    public IReadOnlyList<WaveRow> ListedRows { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public string? WaveProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "wave")] string? wave, [FromQuery(Name = "page")] string? pageNumber,
        CancellationToken cancellationToken)
    {
        var analysis = await analysisCache.GetAsync(db, cancellationToken);
        var snapshot = analysis.Snapshot;
        CapacityPerTeam = analysis.Impact?.CapacityPerTeam ?? 2;
        var report = pictures.Remember(analysis, "recovery-waves", (snapshot.NodeCount * 64L) + 1, () =>
            ImpactAnalysis.RecoveryOrder(snapshot, [], CapacityPerTeam, analysis.Order).Recovery
                ?? throw new InvalidOperationException("The worst-case recovery order has no selectors to reject."));
        Makespan = report.Makespan;
        ElementCount = report.Schedule.Count;
        BlockedCount = report.Blocked.Count;
        Blocked = [.. report.Blocked.Take(50).Select(b => RecoveryAnalysis.Link(snapshot, b.Id))];

        var rowsByWave = report.Schedule.ToLookup(r => r.Wave);
        Waves = [.. report.Waves.Select((ids, index) =>
        {
            var rows = rowsByWave[index].ToList();
            return new WaveSummary(
                index + 1,
                ids.Count,
                [.. rows.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => new KindCount(ElementPicture.KindOf(g.Key), g.Count()))],
                [.. rows.Where(r => r.Team is not null).GroupBy(r => r.Team!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new TeamCount(new ElementLink(ElementKind.Team, g.Key, null), g.Count()))],
                rows.Count(r => r.Team is null),
                [.. ids.Take(NamedPerWave).Select(id => RecoveryAnalysis.Link(snapshot, id))],
                rows.Count == 0 ? 0 : rows.Max(r => r.Finish),
                rows.Count(r => r.MissesRto));
        })];

        if (wave is not null)
        {
            if (int.TryParse(wave, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= Waves.Count)
            {
                Listed = Waves[number - 1];
                var ids = report.Waves[number - 1];
                PageCount = Math.Max(1, (ids.Count + RowsPerPage - 1) / RowsPerPage);
                PageNumber = int.TryParse(pageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, PageCount) : 1;
                var rows = rowsByWave[number - 1].ToDictionary(r => r.Id, StringComparer.Ordinal);
                ListedRows = [.. ids.Skip((PageNumber - 1) * RowsPerPage).Take(RowsPerPage).Select(id =>
                {
                    var row = rows.GetValueOrDefault(id);
                    return new WaveRow(RecoveryAnalysis.Link(snapshot, id), row?.Team is { } team ? new ElementLink(ElementKind.Team, team, null) : null,
                        row?.Tier ?? 0, row?.Start ?? 0, row?.Finish ?? 0, row?.RtoMinutes, row?.MissesRto ?? false);
                })];
            }
            else
            {
                WaveProblem = Waves.Count == 0
                    ? $"There is no wave {wave}: the plan has nothing to recover."
                    : $"There is no wave '{wave}': the waves are numbered 1 to {Waves.Count}.";
            }
        }

        Summarised = ElementCount > ElementPicture.MaxDrawn;
        var outcome = await pictures.SvgAsync(analysis, "recovery-waves", () => WavesDot(snapshot, report, Waves),
            "The organisation by recovery wave", cancellationToken);
        Svg = outcome.Svg;
        PictureProblem = outcome.Problem;
        GraphvizMissing = outcome.Missing;
        return Page();
    }

    public string WaveHref(int wave, int page = 1) => page == 1 ? $"/recovery-waves?wave={wave}#wave-list" : $"/recovery-waves?wave={wave}&page={page}#wave-list";

    private static string WavesDot(Snapshots.PlanSnapshot snapshot, RecoveryOrderReport report, IReadOnlyList<WaveSummary> waves)
    {
        if (report.Schedule.Count > ElementPicture.MaxDrawn)
        {
            var boxes = waves.Select(w => new DotNode(
                "w" + w.Number.ToString(CultureInfo.InvariantCulture),
                $"Wave {w.Number}: {Format.Count(w.Count, "element")}",
                string.Join(", ", w.ByKind.Select(k => Format.Count(k.Count, ElementRoutes.SingularTitle(k.Kind), ElementRoutes.PluralTitle(k.Kind).ToLowerInvariant())))
                    + "\nall back by " + ElementPicture.Moment(w.BackByMinutes),
                $"/recovery-waves?wave={w.Number}#wave-list",
                $"Wave {w.Number}",
                null,
                w.MissedRto > 0 ? NodeMarks.SinglePoint | NodeMarks.Group : NodeMarks.Group)).ToList();
            var chain = waves.Skip(1).Select(w => new DotEdge("w" + (w.Number - 1).ToString(CultureInfo.InvariantCulture), "w" + w.Number.ToString(CultureInfo.InvariantCulture), RequirementKind.Required, false, false)).ToList();
            return Dot.Write(boxes, chain, leftToRight: false);
        }

        var clusters = waves.Select(w => new DotCluster("w" + w.Number.ToString(CultureInfo.InvariantCulture), $"Wave {w.Number} · back by {ElementPicture.Moment(w.BackByMinutes)}")).ToList();
        var nodes = new List<DotNode>();
        var down = new HashSet<int>();
        foreach (var row in report.Schedule)
        {
            var node = snapshot.IndexOf(row.Id);
            down.Add(node);
            nodes.Add(ElementPicture.Element(snapshot, node, "n" + node.ToString(CultureInfo.InvariantCulture),
                row.MissesRto ? NodeMarks.SinglePoint : NodeMarks.None, "w" + (row.Wave + 1).ToString(CultureInfo.InvariantCulture)));
        }
        var graph = snapshot.Graph;
        var edges = new List<DotEdge>();
        var seen = new HashSet<(int, int)>();
        foreach (var node in down.Order())
        {
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (!graph.GroupKinds[g].Orders())
                {
                    continue;
                }
                var members = graph.MembersOf(g);
                foreach (var member in members)
                {
                    if (down.Contains(member) && seen.Add((member, node)))
                    {
                        edges.Add(new DotEdge("n" + member.ToString(CultureInfo.InvariantCulture), "n" + node.ToString(CultureInfo.InvariantCulture), graph.GroupKinds[g], members.Length > 1, false));
                    }
                }
            }
        }
        return Dot.Write(nodes, edges, clusters, leftToRight: false);
    }
}

public sealed record KindCount(ElementKind Kind, int Count);

public sealed record TeamCount(ElementLink Team, int Count);

/// <summary>One recovery wave: how many elements, by kind and by team (<see cref="NoTeam"/>
/// have none), the first of them, when the last is back and how many miss their RTO.</summary>
public sealed record WaveSummary(int Number, int Count, IReadOnlyList<KindCount> ByKind, IReadOnlyList<TeamCount> ByTeam, int NoTeam,
    IReadOnlyList<ElementLink> First, int BackByMinutes, int MissedRto);

public sealed record WaveRow(ElementLink Link, ElementLink? Team, int Tier, int StartMinutes, int FinishMinutes, int? RtoMinutes, bool MissesRto);
