using Continuity.Analysis;
using Continuity.Checks;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>The business functions at stake when an element of the recovery graph (function,
/// system, vendor, site, person, role) is lost: those that need it through any path and those its
/// failure alone takes down, counted in full with the first of each in label order.</summary>
public sealed record FunctionsAtStakeView(FunctionsShown NeedIt, FunctionsShown TakenDown)
{
    /// <summary>Worked out once per analysis result for every node (label order, the first
    /// <see cref="FunctionsAtStake.Kept"/> kept) and shared by requests; immutable.</summary>
    private static readonly PerAnalysis<FunctionsAtStake> AtStake = new(result =>
    {
        var snapshot = result.Snapshot;
        var functions = result.Catalog!.OfKind(ElementKind.BusinessFunction)
            .Select(row => snapshot.IndexOf(row.Id)).Where(node => node >= 0).ToArray();
        return FunctionsAtStake.Of(snapshot.Graph, result.Fails, functions);
    });

    /// <summary>Null when the element is not part of the recovery graph (a team, a risk …).</summary>
    public static FunctionsAtStakeView? Of(AnalysisResult result, string id)
    {
        ArgumentNullException.ThrowIfNull(result);
        var snapshot = result.Snapshot;
        var node = snapshot.IndexOf(id);
        if (node < 0)
        {
            return null;
        }
        var atStake = AtStake.Of(result);
        FunctionsShown Shown((int Count, ReadOnlyMemory<int> First) functions) => new(functions.Count,
            [.. functions.First.ToArray().Select(f => new ElementLink(ElementKind.BusinessFunction, snapshot.Names[f], snapshot.Titles[f]))]);
        return new FunctionsAtStakeView(Shown(atStake.NeededBy(node)), Shown(atStake.TakenDownBy(node)));
    }
}

/// <summary>How many functions a list has in all, and the first of them (label order) a page shows.</summary>
public sealed record FunctionsShown(int Count, IReadOnlyList<ElementLink> First)
{
    public int More => Count - First.Count;
}
