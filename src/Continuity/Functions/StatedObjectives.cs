using Continuity.Catalog;
using Continuity.Checks;
using Continuity.PlanFiles;

namespace Continuity.Functions;

/// <summary>The business functions that state recovery objectives (an MTPD, RTO or RPO), those
/// whose objectives are signed as they stand and those that are not: from the catalog, once per
/// analysis result and shared (immutable). BC.1.04 and the dashboard's "objectives signed" read it.</summary>
public sealed record StatedObjectives(IReadOnlyList<CatalogRow> Stated, IReadOnlyList<CatalogRow> Approved, IReadOnlyList<CatalogRow> Unsigned)
{
    private static readonly PerAnalysis<StatedObjectives> Shared = new(Build);

    public static StatedObjectives Of(AnalysisResult result) => Shared.Of(result);

    private static StatedObjectives Build(AnalysisResult result)
    {
        var stated = (result.Catalog?.OfKind(ElementKind.BusinessFunction) ?? [])
            .Where(f => f.Approval is { } approval && approval != ApprovalState.NoObjectives).ToArray();
        return new StatedObjectives(stated.AsReadOnly(),
            stated.Where(f => f.Approval == ApprovalState.Approved).ToArray().AsReadOnly(),
            stated.Where(f => f.Approval != ApprovalState.Approved).ToArray().AsReadOnly());
    }
}
