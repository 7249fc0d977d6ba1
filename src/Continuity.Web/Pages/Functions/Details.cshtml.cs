using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Functions;

/// <summary>One business function: its business impact analysis, recovery objectives and their
/// approval, whether the dependency chain can meet them (the critical path and the single points
/// of failure), what the plan checks found, and what it depends on.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class DetailsModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    /// <summary>Whether the signed-in user may change this function (its objectives form).</summary>
    public bool CanChange { get; private set; }

    /// <summary>Target against achievable RTO and RPO in the worst case.</summary>
    public FunctionRecovery Recovery { get; private set; } = null!;

    /// <summary>The chain that decides when the function is back in the worst case, first restore first.</summary>
    public IReadOnlyList<PathStep> CriticalPath { get; private set; } = [];

    /// <summary>True when the function waits on a dependency loop and can never be recovered.</summary>
    public bool WaitsOnLoop { get; private set; }

    public IReadOnlyList<SinglePointRow> SinglePoints { get; private set; } = [];

    /// <summary>What the plan checks found about this function.</summary>
    public FindingsSummary Findings { get; private set; } = null!;

    public FunctionDetails Function { get; private set; } = null!;

    public ImpactGrid Impact { get; private set; } = null!;

    public DependencyView Dependencies { get; private set; } = null!;

    public string OrganisationName { get; private set; } = "";

    public string Currency { get; private set; } = "";

    public IReadOnlyList<ServiceLabel> Supports { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        var function = await db.Functions.AsNoTracking()
            .Where(f => f.Name == name)
            .Select(f => new FunctionDetails(
                f.Id, f.Name, f.Title, f.Description, f.Tier, f.Team, f.Owner,
                f.Supports, f.PeakPeriods, f.MinimumCapacity, f.WorkaroundDescription, f.WorkaroundSustainableForMinutes,
                new Objectives(f.MtpdMinutes, f.RtoMinutes, f.RpoMinutes, f.ApprovedBy, f.ApprovedOn,
                    f.ApprovedMtpdMinutes, f.ApprovedRtoMinutes, f.ApprovedRpoMinutes),
                f.ApprovalNote, f.Labels, f.UpdatedUtc))
            .SingleOrDefaultAsync(cancellationToken);
        if (function is null)
        {
            return NotFound();
        }
        Function = function with
        {
            Objectives = function.Objectives with
            {
                Signed = await db.ObjectiveApprovals.AsNoTracking().Where(a => a.Function == name).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken),
            },
        };
        CanChange = (await access.GetAsync(cancellationToken)).CanChange(ElementKind.BusinessFunction, function.Team);

        var organisation = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new { Name = o.Title ?? o.Name, o.Currency, o.ImpactScales, o.Services })
            .FirstOrDefaultAsync(cancellationToken);
        OrganisationName = organisation?.Name ?? "";
        Currency = organisation?.Currency ?? "";

        var ratings = await db.FunctionImpacts.AsNoTracking()
            .Where(i => i.FunctionId == function.Id)
            .OrderBy(i => i.Position)
            .Select(i => new ImpactCell(i.Category, i.Minutes, i.Rating))
            .ToListAsync(cancellationToken);
        var losses = await db.FinancialLosses.AsNoTracking()
            .Where(l => l.FunctionId == function.Id)
            .OrderBy(l => l.Minutes)
            .Select(l => new LossPoint(l.Minutes, l.Amount))
            .ToListAsync(cancellationToken);
        Impact = ImpactGrid.Build(organisation?.ImpactScales ?? new ImpactScales(), ratings, losses);

        var services = organisation?.Services ?? [];
        Supports = [.. function.Supports.Select(s => new ServiceLabel(s, services.FirstOrDefault(service => service.Name == s)?.Title))];

        var result = await analysis.GetAsync(db, cancellationToken);
        Dependencies = DependencyView.Of(result.Catalog!, ElementKind.BusinessFunction, function.Name);
        var id = $"{ElementKinds.Slug(ElementKind.BusinessFunction)}:{function.Name}";
        var node = result.Snapshot.IndexOf(id);
        if (node < 0)
        {
            // Written between reading the function and reading the analysis: show it as it was.
            Recovery = new FunctionRecovery(new Achievable(null, null, false), new Achievable(null, null, false));
            Findings = new FindingsSummary(0, 0, 0, 0, []);
            return Page();
        }
        Recovery = RecoveryAnalysis.Of(result, node);
        WaitsOnLoop = Recovery.Rto.Never;
        CriticalPath = RecoveryAnalysis.CriticalPath(result, node);
        SinglePoints = RecoveryAnalysis.SinglePoints(result, node);
        Findings = RecoveryAnalysis.Findings(result, id);
        Panel = ElementPanel.Of(result, await access.GetAsync(cancellationToken), ElementKind.BusinessFunction, function.Name, Request.Query);
        return Page();
    }

    /// <summary>Relationships both ways and the actions the user may take (null while the analysis lags a write).</summary>
    public ElementPanel? Panel { get; private set; }
}

public sealed record FunctionDetails(
    Guid Id, string Name, string? Title, string? Description, int Tier, string? Team, string? Owner,
    IReadOnlyList<string> Supports, IReadOnlyList<string> PeakPeriods, string? MinimumCapacity,
    string? WorkaroundDescription, int? WorkaroundSustainableForMinutes,
    Objectives Objectives, string? ApprovalNote, IReadOnlyDictionary<string, string> Labels, DateTime UpdatedUtc)
{
    public string DisplayName => Format.Title(Title, Name);
}

/// <summary>A service in scope named by a function's <c>supports</c>; the title is null when the
/// organisation does not list the service.</summary>
public sealed record ServiceLabel(string Name, string? Title)
{
    public string Label => Format.Title(Title, Name);
}

public sealed record ImpactCell(string Category, int Minutes, ImpactRating Rating);

public sealed record LossPoint(int Minutes, long Amount);

/// <summary>The business impact analysis as a table: impact categories down, time points across.
/// The organisation's scales come first; categories or time points that only this function rates
/// are added after them, so nothing the plan says is hidden.</summary>
public sealed record ImpactGrid(
    IReadOnlyList<string> Categories, IReadOnlyList<int> TimePoints,
    IReadOnlyDictionary<(string Category, int Minutes), ImpactRating> Ratings,
    IReadOnlyDictionary<int, long> Losses, ImpactRating IntolerableFrom)
{
    public bool IsEmpty => Ratings.Count == 0 && Losses.Count == 0;

    /// <summary>The first time point at which any category reaches the intolerable rating: the
    /// MTPD the analysis suggests.</summary>
    public int? IntolerableAt => TimePoints
        .Where(minutes => Categories.Any(c => Ratings.TryGetValue((c, minutes), out var r) && r >= IntolerableFrom))
        .Select(minutes => (int?)minutes)
        .FirstOrDefault();

    public ImpactRating? Rating(string category, int minutes) =>
        Ratings.TryGetValue((category, minutes), out var rating) ? rating : null;

    public static ImpactGrid Build(ImpactScales scales, IReadOnlyList<ImpactCell> cells, IReadOnlyList<LossPoint> losses)
    {
        var categories = scales.Categories.Concat(cells.Select(c => c.Category)).Distinct().ToList();
        var timePoints = scales.TimePoints.Select(t => t.Minutes)
            .Concat(cells.Select(c => c.Minutes))
            .Concat(losses.Select(l => l.Minutes))
            .Distinct().Order().ToList();
        var ratings = new Dictionary<(string, int), ImpactRating>();
        foreach (var cell in cells)
        {
            ratings[(cell.Category, cell.Minutes)] = cell.Rating;
        }
        return new ImpactGrid(categories, timePoints, ratings,
            losses.GroupBy(l => l.Minutes).ToDictionary(g => g.Key, g => g.Last().Amount), scales.IntolerableFrom);
    }
}
