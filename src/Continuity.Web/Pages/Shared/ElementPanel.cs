using Continuity.Accounts;
using Continuity.Checks;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Elements;

namespace Continuity.Web.Pages.Shared;

/// <summary>What the function, system and vendor pages add from the cached analysis: the
/// relationships both ways, the element's own findings, the actions the user may take and the
/// functions at stake when it is lost.</summary>
public sealed record ElementPanel(
    RelationshipsView Relationships, FindingsSummary Findings, IReadOnlyList<ElementAction> Actions, FunctionsAtStakeView? AtStake)
{
    public static ElementPanel? Of(AnalysisResult result, UserAccess access, ElementKind kind, string name, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(result);
        var catalog = result.Catalog!;
        if (catalog.Find(kind, name) is not { } row)
        {
            return null;
        }
        return new ElementPanel(RelationshipsView.Of(catalog, kind, name, query), RecoveryAnalysis.Findings(result, row.Id),
            ElementDetails.ActionsFor(access, kind, row), FunctionsAtStakeView.Of(result, row.Id));
    }
}
