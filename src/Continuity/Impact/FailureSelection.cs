using Continuity.Analysis;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Impact;

/// <summary>Turns what a user asks to fail (<c>region=eu-west-1</c>, <c>vendor=aws</c>,
/// <c>site=office</c>, any label, or a node id such as <c>system:license-db</c>) into the nodes
/// that fail themselves. A tag fails only the elements it describes (the region's sites, the
/// vendor, what is labelled so), not what merely runs there: the graph takes those down, so a
/// system hosted in two regions survives the loss of one.</summary>
internal static class FailureSelection
{
    public static (bool[] Failed, List<SelectorProblem> Problems) Resolve(PlanSnapshot snapshot, IReadOnlyList<string> selectors)
    {
        var failed = new bool[snapshot.NodeCount];
        var problems = new List<SelectorProblem>();
        foreach (var written in selectors)
        {
            var selector = written.Trim();
            var nodes = snapshot.SelectOwn(selector);
            if (nodes.Count == 0)
            {
                nodes = snapshot.Select(selector);
            }
            if (nodes.Count == 0)
            {
                problems.Add(Unknown(snapshot, written, selector));
                continue;
            }
            foreach (var node in nodes)
            {
                failed[node] = true;
            }
        }
        return (failed, problems);
    }

    public static SelectorProblem NothingSelected(PlanSnapshot snapshot) =>
        new("", "Name at least one element or tag to fail, for example --fail region=eu-west-1 or --fail system:license-db.", null, [.. snapshot.Tags]);

    private static SelectorProblem Unknown(PlanSnapshot snapshot, string written, string selector)
    {
        var isTag = selector.Contains('=', StringComparison.Ordinal);
        var candidates = isTag || !selector.Contains(':', StringComparison.Ordinal)
            ? snapshot.Tags.Concat(snapshot.Ids)
            : snapshot.Ids.AsEnumerable();
        var message = isTag
            ? $"No element carries the tag '{selector}'."
            : $"The plan has no element '{selector}'; name a node as kind:name (system:license-db) or a tag as key=value (region=eu-west-1).";
        return new SelectorProblem(written, message, Naming.DidYouMean(selector, candidates), [.. snapshot.Tags]);
    }

    /// <summary>A failure with no end the plan can state: a site, a person, a role or a function
    /// comes back when whatever took it down ends, and a system or vendor without a restore
    /// estimate or contractual RTO gives no time either.</summary>
    public static bool IsOpenEnded(PlanSnapshot snapshot, int node) => snapshot.Kinds[node] switch
    {
        NodeKind.System or NodeKind.Vendor => !snapshot.RestoreKnown[node],
        _ => true,
    };
}
