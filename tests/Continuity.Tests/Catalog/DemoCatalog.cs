using Continuity.Catalog;
using Continuity.Checks;
using Continuity.Demo;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Tests.Catalog;

/// <summary>The demo plan, its analysis (judged on 2026-11-28, as examples/illumidesk/README.md
/// is) and its catalog, built once for the catalog tests and only read by them.</summary>
internal static class DemoCatalog
{
    private static readonly Lazy<(Plan Plan, AnalysisResult Result, PlanCatalog Catalog)> Demo = new(() =>
    {
        var plan = DemoPlan.Load().Plan!;
        var result = PlanAnalysis.Run(plan, PlanSnapshot.From(plan), new AnalysisOptions(new DateOnly(2026, 11, 28)));
        return (plan, result, PlanCatalog.Build(plan, result.Findings));
    });

    public static Plan Plan => Demo.Value.Plan;

    public static AnalysisResult Result => Demo.Value.Result;

    public static PlanCatalog Catalog => Demo.Value.Catalog;
}
