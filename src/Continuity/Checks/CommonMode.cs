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
/// failure. Each group's common elements are found once, on first use: read off the owner's
/// generators, or for an owner with several redundancy groups walked as <see cref="FailureSets"/>
/// walks them; so the cost is a look at each group the critical functions reach, not a walk per
/// function.</summary>
internal sealed class CommonMode(CheckRun run)
{
    private readonly int[]?[] _common = new int[]?[run.Graph.GroupCount];
    private readonly string?[] _groupText = new string?[run.Graph.GroupCount];
    private const byte Unknown = 0;
    private const byte Nothing = 1;
    private const byte Something = 2;

    private readonly byte[] _state = new byte[run.NodeCount];
    private readonly int[] _reported = new int[run.NodeCount];
    private readonly List<int> _scratch = [];
    private int[] _inClosure = [];
    private int[] _visited = [];
    private int _stamp;
    private readonly Stack<int> _stack = new();

    /// <summary>Reports, for critical function <paramref name="f"/>, the common-mode elements of
    /// every redundancy group of <paramref name="x"/> (a node of f's failure set, reached through
    /// <paramref name="parent"/>) not yet reported for f in walk <paramref name="mark"/>.</summary>
    public void Visit(int f, int x, int mark, int[] parent)
    {
        // The walks visit each node once per critical function that can lose it: most nodes have
        // no redundancy group with a common element, and after the first visit that costs one read.
        if (_state[x] == Nothing)
        {
            return;
        }
        if (_state[x] == Unknown)
        {
            _state[x] = HasCommon(x) ? Something : Nothing;
            if (_state[x] == Nothing)
            {
                return;
            }
        }
        var graph = run.Graph;
        string? chain = null;
        for (var g = graph.GroupStart[x]; g < graph.GroupStart[x + 1]; g++)
        {
            if (!graph.GroupKinds[g].TakesDown() || graph.MemberStart[g + 1] - graph.MemberStart[g] < 2)
            {
                continue;
            }
            foreach (var common in CommonTo(x, g))
            {
                if (common == f || common == x || _reported[common] == mark)
                {
                    continue;
                }
                _reported[common] = mark;
                chain ??= ResilienceChecks.Chain(run, parent, f, x);
                Report(f, x, g, common, chain, parent);
            }
        }
    }

    /// <summary>True when some redundancy group of <paramref name="x"/> has a common element.</summary>
    private bool HasCommon(int x)
    {
        var graph = run.Graph;
        var found = false;
        for (var g = graph.GroupStart[x]; g < graph.GroupStart[x + 1]; g++)
        {
            if (graph.GroupKinds[g].TakesDown() && graph.MemberStart[g + 1] - graph.MemberStart[g] > 1 && CommonTo(x, g).Length > 0)
            {
                found = true;
            }
        }
        return found;
    }

    /// <summary>The nearest nodes whose failure alone takes down every member of group
    /// <paramref name="g"/> of <paramref name="owner"/>: the first nodes common to all members'
    /// failure sets, which <see cref="FailureSets"/> made generators of the owner, less the
    /// owner's plain requirements (losing one of those is a single point of failure of its own,
    /// CT504/CT505, whatever the group). When the owner has no other redundancy group they are
    /// read straight off its generators; otherwise the intersection is walked as FailureSets
    /// walks it. Ascending; computed once per group.</summary>
    private int[] CommonTo(int owner, int g)
    {
        if (_common[g] is { } known)
        {
            return known;
        }
        var graph = run.Graph;
        var redundancyGroups = 0;
        for (var h = graph.GroupStart[owner]; h < graph.GroupStart[owner + 1]; h++)
        {
            if (graph.GroupKinds[h].TakesDown() && graph.MemberStart[h + 1] - graph.MemberStart[h] > 1)
            {
                redundancyGroups++;
            }
        }
        _scratch.Clear();
        if (redundancyGroups == 1)
        {
            foreach (var generator in run.Fails.GeneratorsOf(owner))
            {
                _scratch.Add(generator);
            }
        }
        else
        {
            Intersect(graph.MembersOf(g));
            _scratch.Sort();
        }
        _scratch.RemoveAll(node => IsPlainRequirement(owner, node));
        return _common[g] = _scratch.Count == 0 ? [] : [.. _scratch];
    }

    /// <summary>True when <paramref name="owner"/> requires <paramref name="node"/> on its own (a group of one).</summary>
    private bool IsPlainRequirement(int owner, int node)
    {
        var graph = run.Graph;
        for (var h = graph.GroupStart[owner]; h < graph.GroupStart[owner + 1]; h++)
        {
            if (graph.GroupKinds[h].TakesDown() && graph.MemberStart[h + 1] - graph.MemberStart[h] == 1 && graph.Members[graph.MemberStart[h]] == node)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Leaves in <see cref="_scratch"/> the first nodes common to all members' failure sets.</summary>
    private void Intersect(ReadOnlySpan<int> members)
    {
        _scratch.Add(members[0]);
        for (var i = 1; i < members.Length && _scratch.Count > 0; i++)
        {
            var mark = MarkUnder(_scratch);
            FirstMarked(members[i], mark);
        }
    }

    /// <summary>Marks the failure sets of <paramref name="roots"/> with a fresh stamp.</summary>
    private int MarkUnder(List<int> roots)
    {
        if (_visited.Length == 0)
        {
            _inClosure = new int[run.NodeCount];
            _visited = new int[run.NodeCount];
        }
        var mark = ++_stamp;
        foreach (var root in roots)
        {
            if (_inClosure[root] != mark)
            {
                _inClosure[root] = mark;
                _stack.Push(root);
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

    /// <summary>Walks down from <paramref name="member"/> and leaves in <see cref="_scratch"/> the first nodes inside the marked set.</summary>
    private void FirstMarked(int member, int mark)
    {
        var walk = ++_stamp;
        _scratch.Clear();
        _visited[member] = walk;
        _stack.Push(member);
        while (_stack.TryPop(out var current))
        {
            if (_inClosure[current] == mark)
            {
                _scratch.Add(current);
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
    }

    /// <summary>One finding; its message is built in the run's reused builder, so a large plan
    /// pays one string per finding (the group's text is made once per group).</summary>
    private void Report(int f, int x, int g, int common, string chain, int[] parent)
    {
        var group = _groupText[g] ??= GroupText(g);
        var text = run.Text()
            .Append("Critical function ").Append(run.Name(f)).Append(" (tier ").Append(run.Snapshot.Tiers[f]).Append(") relies on ");
        if (x == f)
        {
            text.Append("its ");
        }
        else
        {
            text.Append(CheckRun.KindWord(run.Snapshot.Kinds[x])).Append(' ').Append(run.Name(x)).Append("'s ");
        }
        text.Append(group).Append(", but ").Append(CheckRun.KindWord(run.Snapshot.Kinds[common])).Append(' ').Append(run.Name(common))
            .Append(" alone takes down every one of them: a common-mode failure that takes the function down. Chain: ")
            .Append(chain).Append(" → ").Append(group).Append(" → ").Append(run.Name(common)).Append('.');
        run.Report(CheckCatalogue.CommonModeFailure, common, text.ToString(), Location(f, x, g, parent));
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
        if (run.Options.Sources is null)
        {
            return null;
        }
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
