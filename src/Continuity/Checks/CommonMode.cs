using System.Text;
using Continuity.Analysis;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Checks;

/// <summary>CT506, during the walk of each critical function's failure set (see
/// <see cref="ResilienceChecks"/>): a redundancy group (a group that takes its owner down with
/// more than one member) whose owner's failure takes the function down is only as redundant as
/// its members are independent. The nearest elements common to every member's failure set — the
/// group's share of the failure-set generators — take all members down at once: a common-mode
/// failure. Each group's common elements are computed once, on first use, over the generators
/// (the same walk <see cref="FailureSets"/> does), so the cost is one more pass over the groups
/// the critical functions reach, not a walk per function.</summary>
internal sealed class CommonMode(CheckRun run)
{
    private readonly int[]?[] _common = new int[]?[run.Graph.GroupCount];
    private int[] _reported = [];
    private int[] _inClosure = [];
    private int[] _visited = [];
    private int _stamp;
    private readonly Stack<int> _stack = new();

    /// <summary>Reports, for critical function <paramref name="f"/>, the common-mode elements of
    /// every redundancy group of <paramref name="x"/> (a node of f's failure set, reached through
    /// <paramref name="parent"/>) not yet reported for f in walk <paramref name="mark"/>.</summary>
    public void Visit(int f, int x, int mark, int[] parent)
    {
        var graph = run.Graph;
        for (var g = graph.GroupStart[x]; g < graph.GroupStart[x + 1]; g++)
        {
            if (!graph.GroupKinds[g].TakesDown() || graph.MemberStart[g + 1] - graph.MemberStart[g] < 2)
            {
                continue;
            }
            foreach (var common in CommonTo(g))
            {
                if (common == f || common == x || _reported[common] == mark)
                {
                    continue;
                }
                _reported[common] = mark;
                Report(f, x, g, common, parent);
            }
        }
    }

    /// <summary>The nearest nodes whose failure alone takes down every member of group
    /// <paramref name="g"/>: the first nodes common to all members' failure sets, less any that
    /// lies under another of them. Ascending; computed once per group.</summary>
    private int[] CommonTo(int g)
    {
        if (_common[g] is { } known)
        {
            return known;
        }
        if (_visited.Length == 0)
        {
            _reported = new int[run.NodeCount];
            _inClosure = new int[run.NodeCount];
            _visited = new int[run.NodeCount];
        }
        var members = run.Graph.MembersOf(g);
        List<int> common = [members[0]];
        for (var i = 1; i < members.Length && common.Count > 0; i++)
        {
            var mark = MarkUnder(common, includeRoots: true);
            common = FirstMarked(members[i], mark);
        }
        if (common.Count > 1)
        {
            var under = MarkUnder(common, includeRoots: false);
            common.RemoveAll(node => _inClosure[node] == under);
        }
        common.Sort();
        return _common[g] = [.. common];
    }

    /// <summary>Marks the failure sets of <paramref name="roots"/> (without the roots themselves
    /// unless they lie under one another) with a fresh stamp.</summary>
    private int MarkUnder(List<int> roots, bool includeRoots)
    {
        var mark = ++_stamp;
        foreach (var root in roots)
        {
            if (includeRoots)
            {
                if (_inClosure[root] != mark)
                {
                    _inClosure[root] = mark;
                    _stack.Push(root);
                }
                continue;
            }
            foreach (var generator in run.Fails.GeneratorsOf(root))
            {
                if (_inClosure[generator] != mark)
                {
                    _inClosure[generator] = mark;
                    _stack.Push(generator);
                }
            }
        }
        while (_stack.TryPop(out var current))
        {
            foreach (var generator in run.Fails.GeneratorsOf(current))
            {
                if (_inClosure[generator] != mark)
                {
                    _inClosure[generator] = mark;
                    _stack.Push(generator);
                }
            }
        }
        return mark;
    }

    /// <summary>Walks down from <paramref name="member"/> and keeps the first nodes inside the marked set.</summary>
    private List<int> FirstMarked(int member, int mark)
    {
        var walk = ++_stamp;
        var common = new List<int>();
        _visited[member] = walk;
        _stack.Push(member);
        while (_stack.TryPop(out var current))
        {
            if (_inClosure[current] == mark)
            {
                common.Add(current);
                continue;
            }
            foreach (var generator in run.Fails.GeneratorsOf(current))
            {
                if (_visited[generator] != walk)
                {
                    _visited[generator] = walk;
                    _stack.Push(generator);
                }
            }
        }
        return common;
    }

    private void Report(int f, int x, int g, int common, int[] parent)
    {
        var snapshot = run.Snapshot;
        var group = GroupText(g);
        var whose = x == f ? "its" : run.Describe(x) + "'s";
        var chain = ResilienceChecks.Chain(run, parent, f, x) + " → " + group + " → " + run.Name(common);
        run.Report(CheckCatalogue.CommonModeFailure, common,
            $"Critical function {run.Name(f)} (tier {snapshot.Tiers[f]}) relies on {whose} {group}, but {run.Describe(common)} alone takes down every one of them: a common-mode failure that takes the function down. Chain: {chain}.",
            Location(f, x, g, parent));
    }

    /// <summary>"any of [a, b]", "hosting sites [eu, us]", "holders [ada, bob]".</summary>
    private string GroupText(int g)
    {
        var text = new StringBuilder(run.Snapshot.GroupOrigins[g] switch
        {
            GroupOrigin.Hosting => "hosting sites [",
            GroupOrigin.Holders => "holders [",
            _ => "any of [",
        });
        var members = run.Graph.MembersOf(g);
        var shown = Math.Min(members.Length, CheckRun.Shown);
        for (var i = 0; i < shown; i++)
        {
            text.Append(i > 0 ? ", " : "").Append(run.Name(members[i]));
        }
        if (members.Length > shown)
        {
            text.Append(" and ").Append(members.Length - shown).Append(" more");
        }
        return text.Append(']').ToString();
    }

    /// <summary>The function's own group where the plan states it (its dependsOn entry), else
    /// the function's requirement that leads to the group's owner.</summary>
    private SourceLocation? Location(int f, int x, int g, int[] parent)
    {
        if (x == f)
        {
            return DependencyChecks.GroupLocation(run, f, g) ?? run.AtElement(f);
        }
        var hop = x;
        while (parent[hop] != f)
        {
            hop = parent[hop];
        }
        return DependencyChecks.EdgeLocation(run, f, hop);
    }
}
