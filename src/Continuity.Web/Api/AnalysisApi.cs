using System.ComponentModel;
using System.Globalization;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Impact;
using Continuity.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Continuity.Web.Api;

/// <summary>The analysis of the stored plan, from the <see cref="AnalysisCache"/> (computed once per
/// change of the plan or of the day): the same JSON as the command line's <c>--format json</c>
/// with <c>--db</c>, written by the same code (<see cref="ReportJson"/>, <see cref="CheckReport"/>).</summary>
internal static class AnalysisApi
{
    private static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(RouteGroupBuilder api)
    {
        var analysis = api.MapGroup("/analysis").WithTags("analysis");
        analysis.MapMethods("/check", GetHead, CheckAsync)
            .WithName("analysis-check")
            .WithSummary("Run every plan check")
            .WithDescription("The findings of every check (docs/checks.md) as `continuity check --db --format json` writes them, as of today (UTC).")
            .Produces<object>(contentType: "application/json")
            .ProducesValidationProblem();
        analysis.MapMethods("/impact", GetHead, ImpactAsync)
            .WithName("analysis-impact")
            .WithSummary("What if something fails?")
            .WithDescription("Every business function that the failure takes down, when it is back, its RTO and MTPD breaches, its impact over time, " +
                "the scenarios and procedures that apply and the recovery order — as `continuity impact --db --fail … --format json` writes it. " +
                "A selector the plan does not know is a 400 listing each problem in `problems`.")
            .Produces<object>(contentType: "application/json")
            .ProducesValidationProblem();
        analysis.MapMethods("/recovery-order", GetHead, RecoveryOrderAsync)
            .WithName("analysis-recovery-order")
            .WithSummary("In what order to recover")
            .WithDescription("Dependency-respecting waves and a schedule per team, for a failure or (without `failed`) the worst case — " +
                "as `continuity recovery-order --db --format json` writes it.")
            .Produces<object>(contentType: "application/json")
            .ProducesValidationProblem();
        analysis.MapMethods("/spof", GetHead, SpofAsync)
            .WithName("analysis-spof")
            .WithSummary("Single points of failure")
            .WithDescription("For each critical function, every element whose failure alone takes it down, and vendor and site concentration — " +
                "as `continuity spof --db --format json` writes it.")
            .Produces<object>(contentType: "application/json")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> CheckAsync(ContinuityDb db, AnalysisCache cache, TimeProvider clock,
        [Description("The lowest severity listed and counted for `passed`: error, warning (default) or info.")] string? minSeverity,
        CancellationToken cancellationToken)
    {
        if (!CheckReport.TryParseSeverity(minSeverity ?? "warning", out var threshold))
        {
            return ApiProblems.BadParameter("minSeverity", "must be error, warning or info.");
        }
        var result = await cache.GetAsync(db, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Json(CheckReport.Of(result, threshold, fromFiles: false, today, []));
    }

    private static async Task<IResult> ImpactAsync(ContinuityDb db, AnalysisCache cache,
        [Description("What fails: a tag (region=eu-west-1, vendor=aws, any label) or an element (system:license-db). Repeat for several.")] string[]? failed,
        [Description("Restores one team runs at once (default: the organisation's restoreCapacityPerTeam).")] string? capacity,
        CancellationToken cancellationToken)
    {
        if (failed is not { Length: > 0 } || failed.Any(string.IsNullOrWhiteSpace))
        {
            return ApiProblems.BadParameter("failed", "name what fails: a tag such as region=eu-west-1 or an element such as system:license-db; repeat for several.");
        }
        var model = await ModelAsync(db, cache, cancellationToken);
        if (CapacityOf(capacity, model) is not { } perTeam)
        {
            return CapacityRefused;
        }
        var report = ImpactAnalysis.Run(model, failed, perTeam);
        return report.IsValid ? Json(report) : SelectorProblems(report.Problems);
    }

    private static async Task<IResult> RecoveryOrderAsync(ContinuityDb db, AnalysisCache cache,
        [Description("Recover from this failure only (tag or element; repeat for several). Default: the worst case, everything fails.")] string[]? failed,
        [Description("Restores one team runs at once (default: the organisation's restoreCapacityPerTeam).")] string? capacity,
        CancellationToken cancellationToken)
    {
        if (failed is not null && failed.Any(string.IsNullOrWhiteSpace))
        {
            return ApiProblems.BadParameter("failed", "must not be empty.");
        }
        var model = await ModelAsync(db, cache, cancellationToken);
        if (CapacityOf(capacity, model) is not { } perTeam)
        {
            return CapacityRefused;
        }
        var result = ImpactAnalysis.RecoveryOrder(model.Snapshot, failed ?? [], perTeam, model.Order);
        return result.IsValid ? Json(result) : SelectorProblems(result.Problems);
    }

    private static async Task<IResult> SpofAsync(ContinuityDb db, AnalysisCache cache,
        [Description("Functions of this tier or better are critical: 1 to 4 (default 2).")] string? tier,
        CancellationToken cancellationToken)
    {
        var critical = 2;
        if (tier is not null && (!int.TryParse(tier, NumberStyles.None, CultureInfo.InvariantCulture, out critical) || critical is < 1 or > 4))
        {
            return ApiProblems.BadParameter("tier", "must be 1, 2, 3 or 4.");
        }
        var result = await cache.GetAsync(db, cancellationToken);
        return Json(SinglePoints.Find(result.Snapshot, critical));
    }

    private static async Task<ImpactModel> ModelAsync(ContinuityDb db, AnalysisCache cache, CancellationToken cancellationToken) =>
        (await cache.GetAsync(db, cancellationToken)).Impact ?? throw new InvalidOperationException("The analysis cache prepares the impact model.");

    private static int? CapacityOf(string? capacity, ImpactModel model)
    {
        if (capacity is null)
        {
            return model.CapacityPerTeam;
        }
        return int.TryParse(capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 1000 ? value : null;
    }

    private static IResult CapacityRefused => ApiProblems.BadParameter("capacity", "must be a whole number from 1 to 1000.");

    private static ProblemHttpResult SelectorProblems(IReadOnlyList<SelectorProblem> problems) => TypedResults.Problem(
        detail: string.Join(" ", problems.Select(p => (p.Written.Length == 0 ? "" : $"failed={p.Written}: ") + p.Message + (p.DidYouMean is null ? "" : $" ({p.DidYouMean})"))),
        statusCode: StatusCodes.Status400BadRequest,
        title: "The plan does not know what is said to fail",
        type: ApiProblems.InvalidSelector,
        extensions: new Dictionary<string, object?>
        {
            ["problems"] = problems.Select(p => new { failed = p.Written, message = p.Message, didYouMean = p.DidYouMean }).ToList(),
        });

    private static ContentHttpResult Json<T>(T value) => TypedResults.Text(ReportJson.Serialize(value), "application/json; charset=utf-8");
}
