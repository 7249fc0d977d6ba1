using System.Globalization;
using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Pictures;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Pictures;

/// <summary>The dependency picture of a business function, system, vendor or site: what it
/// depends on and what depends on it, a few steps each way, drawn by Graphviz with its critical
/// path and single points of failure marked, and the same elements as a paged table.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class ElementModel(ContinuityDb db, AnalysisCache analysisCache, PictureCache pictures) : PageModel
{
    public const int RowsPerPage = 100;

    public ElementLink Subject { get; private set; } = null!;

    public int Depth { get; private set; } = Neighbourhood.DefaultDepth;

    public string? DepthProblem { get; private set; }

    public string? Svg { get; private set; }

    public string? PictureProblem { get; private set; }

    public bool GraphvizMissing { get; private set; }

    public bool Summarised { get; private set; }

    public int ElementCount { get; private set; }

    public int DependencyCount { get; private set; }

    public int DependsOnCount { get; private set; }

    public int DependedOnByCount { get; private set; }

    public int RunsDegradedCount { get; private set; }

    public IReadOnlyList<PathStep> CriticalPath { get; private set; } = [];

    public IReadOnlyList<SinglePointRow> SinglePoints { get; private set; } = [];

    public bool ShowsSinglePoints { get; private set; }

    public IReadOnlyList<PictureRow> Rows { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public string PagePath { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string path, string name, [FromQuery(Name = "depth")] string? depth,
        [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (!ElementRoutes.TryParsePath(path, out var kind) || !Neighbourhood.HasPicture(kind))
        {
            return NotFound();
        }
        var analysis = await analysisCache.GetAsync(db, cancellationToken);
        var snapshot = analysis.Snapshot;
        var focus = snapshot.IndexOf($"{ElementKinds.Slug(kind)}:{name}");
        if (focus < 0)
        {
            return NotFound();
        }
        Subject = new ElementLink(kind, name, snapshot.Titles[focus]);
        PagePath = $"{ElementRoutes.Details(kind, name)}/picture";
        if (depth is not null)
        {
            if (int.TryParse(depth, NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked is >= Neighbourhood.MinDepth and <= Neighbourhood.MaxDepth)
            {
                Depth = asked;
            }
            else
            {
                DepthProblem = $"The depth is a number of steps from {Neighbourhood.MinDepth} to {Neighbourhood.MaxDepth}; '{depth}' is not, so the picture shows {Neighbourhood.DefaultDepth}.";
            }
        }

        var neighbourhood = Neighbourhood.Of(analysis, focus, Depth);
        ElementCount = neighbourhood.Nodes.Count;
        DependencyCount = neighbourhood.Edges.Count;
        DependsOnCount = neighbourhood.Nodes.Count(n => n.Side == PictureSide.DependsOn);
        DependedOnByCount = neighbourhood.Nodes.Count(n => n.Side == PictureSide.DependedOnBy);
        RunsDegradedCount = neighbourhood.Nodes.Count(n => n.Side == PictureSide.RunsDegradedWithout);
        CriticalPath = RecoveryAnalysis.CriticalPath(analysis, focus);
        ShowsSinglePoints = kind is ElementKind.BusinessFunction or ElementKind.System;
        SinglePoints = ShowsSinglePoints ? RecoveryAnalysis.SinglePoints(analysis, focus) : [];

        PictureDrawing? drawing = null;
        var outcome = await pictures.SvgAsync(analysis, $"{snapshot.Ids[focus]}@{Depth}", () =>
            {
                drawing = ElementPicture.Draw(snapshot, neighbourhood);
                return Dot.Write(drawing.Nodes, drawing.Edges);
            },
            $"Dependency picture of {Subject.Label}", cancellationToken);
        Summarised = drawing?.Summarised ?? ElementCount > ElementPicture.MaxDrawn;
        Svg = outcome.Svg;
        PictureProblem = outcome.Problem;
        GraphvizMissing = outcome.Missing;

        PageCount = Math.Max(1, (neighbourhood.Nodes.Count + RowsPerPage - 1) / RowsPerPage);
        PageNumber = int.TryParse(pageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, PageCount) : 1;
        var shown = neighbourhood.Nodes.Skip((PageNumber - 1) * RowsPerPage).Take(RowsPerPage).ToList();
        var shownSet = shown.Select(n => n.Node).ToHashSet();
        var targets = neighbourhood.Edges.Where(e => shownSet.Contains(e.From)).ToLookup(e => e.From, e => e.To);
        Rows = [.. shown.Select(n =>
        {
            var team = snapshot.Teams[n.Node];
            return new PictureRow(
                Link(snapshot, n.Node),
                team >= 0 ? new ElementLink(ElementKind.Team, snapshot.TeamNames[team], null) : null,
                n.Side,
                n.Distance <= Depth ? n.Distance : null,
                n.OnCriticalPath,
                n.SinglePoint,
                [.. targets[n.Node].Select(t => Link(snapshot, t))]);
        })];
        return Page();
    }

    public string PageHref(int page) => $"{PagePath}?depth={Depth}&page={page}";

    private static ElementLink Link(Snapshots.PlanSnapshot snapshot, int node) =>
        new(snapshot.ElementKindOf(node), snapshot.Names[node], snapshot.Titles[node]);
}

/// <summary>One element of a picture as a table row: which way it lies and how far (null: further
/// than the depth, shown because it is on the critical path or a single point of failure), and
/// what it depends on among the picture's elements.</summary>
public sealed record PictureRow(ElementLink Link, ElementLink? Team, PictureSide Side, int? Distance, bool OnCriticalPath, bool SinglePoint, IReadOnlyList<ElementLink> DependsOn);
