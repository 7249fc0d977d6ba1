using Continuity.Accounts;
using Continuity.Analysis;
using Continuity.Checks;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Elements;

namespace Continuity.Web.Pages.Shared;

/// <summary>What the function, system and vendor pages add from the cached analysis: the
/// relationships both ways, the element's own findings, the actions the user may take, the
/// functions that depend on it through any path and those its failure alone takes down.</summary>
public sealed record ElementPanel(
    RelationshipsView Relationships, FindingsSummary Findings, IReadOnlyList<ElementAction> Actions,
    IReadOnlyList<ElementLink> FunctionsThroughAnyPath, IReadOnlyList<ElementLink> FunctionsItAloneTakesDown)
{
    public const int FunctionsShown = 50;

    public static ElementPanel? Of(AnalysisResult result, UserAccess access, ElementKind kind, string name, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(result);
        var catalog = result.Catalog!;
        if (catalog.Find(kind, name) is not { } row)
        {
            return null;
        }
        var snapshot = result.Snapshot;
        var node = snapshot.IndexOf(row.Id);
        var through = new List<ElementLink>();
        var alone = new List<ElementLink>();
        if (node >= 0)
        {
            // Every element that requires this one directly or through others (any kind of requirement).
            var graph = snapshot.Graph;
            var seen = new HashSet<int> { node };
            var stack = new Stack<int>();
            stack.Push(node);
            while (stack.TryPop(out var current))
            {
                foreach (var group in graph.GroupsWith(current))
                {
                    var owner = graph.OwnerOf(group);
                    if (seen.Add(owner))
                    {
                        stack.Push(owner);
                        if (snapshot.Kinds[owner] == NodeKind.Function)
                        {
                            through.Add(new ElementLink(ElementKind.BusinessFunction, snapshot.Names[owner], snapshot.Titles[owner]));
                        }
                    }
                }
            }
            foreach (var down in result.Fails.TakesDown(node))
            {
                if (down != node && snapshot.Kinds[down] == NodeKind.Function)
                {
                    alone.Add(new ElementLink(ElementKind.BusinessFunction, snapshot.Names[down], snapshot.Titles[down]));
                }
            }
        }
        return new ElementPanel(RelationshipsView.Of(catalog, kind, name, query), RecoveryAnalysis.Findings(result, row.Id),
            ElementDetails.ActionsFor(access, kind, row),
            [.. through.OrderBy(l => l.Label, StringComparer.Ordinal)], [.. alone.OrderBy(l => l.Label, StringComparer.Ordinal)]);
    }
}
