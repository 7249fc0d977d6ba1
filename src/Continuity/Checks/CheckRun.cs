using System.Text;
using Continuity.Analysis;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Checks;

/// <summary>One run of the checks: the plan, its snapshot, everything computed once for all
/// rules (dependency order, worst-case recovery, recovery points, failure sets, which elements
/// are critical), the plan's documents by node, and the findings so far.</summary>
internal sealed class CheckRun
{
    private readonly StringBuilder _text = new();
    private Dictionary<string, PlanDocument>? _documentsById;

    public CheckRun(Plan plan, PlanSnapshot snapshot, AnalysisOptions options, DependencyOrder order)
    {
        Plan = plan;
        Snapshot = snapshot;
        Options = options;
        Graph = snapshot.Graph;
        Order = order;
        WorstCase = AchievableRecovery.WorstCase(Graph, Order);
        (RecoveryPoint, RecoveryPointVia) = AchievableRecoveryPoint.Compute(Graph, Order, OwnRecoveryPoints(snapshot));
        Documents = new PlanDocument?[snapshot.NodeCount];
        ReadDocuments();
        Organisation = OrganisationDocument?.Spec as OrganisationSpec ?? new OrganisationSpec();
        CriticalFunctions = FindCriticalFunctions();
        Critical = MarkCritical();
    }

    public Plan Plan { get; }

    public PlanSnapshot Snapshot { get; }

    public AnalysisOptions Options { get; }

    public RecoveryGraph Graph { get; }

    public DependencyOrder Order { get; }

    public RecoveryTimes WorstCase { get; }

    public int[] RecoveryPoint { get; }

    public int[] RecoveryPointVia { get; }

    /// <summary>Computed alongside the first rules (see <see cref="PlanAnalysis.Run"/>); set before the rules that need it.</summary>
    public FailureSets Fails { get; set; } = null!;

    /// <summary>The plan document of each node (null when the plan does not describe it).</summary>
    public PlanDocument?[] Documents { get; }

    public PlanDocument? OrganisationDocument { get; private set; }

    public OrganisationSpec Organisation { get; }

    public List<PlanDocument> Procedures { get; } = [];

    public List<PlanDocument> Scenarios { get; } = [];

    public List<PlanDocument> BackupPolicies { get; } = [];

    /// <summary>Functions of a critical tier, ascending.</summary>
    public int[] CriticalFunctions { get; }

    /// <summary>Critical functions and systems by tier, and everything they require, directly or
    /// through other elements (any member of a redundancy group; degraded dependencies do not count).</summary>
    public bool[] Critical { get; }

    public List<Finding> Findings { get; } = [];

    public int NodeCount => Snapshot.NodeCount;

    public void Report(Check check, string element, string message, SourceLocation? location, string? hint = null) =>
        Findings.Add(new Finding(check.Id, check.Severity, element, message, hint ?? check.Fix, location));

    public void Report(Check check, int node, string message, SourceLocation? location, string? hint = null) =>
        Report(check, Snapshot.Ids[node], message, location, hint);

    /// <summary>Where an object starts in the plan files (null without files).</summary>
    public SourceLocation? At(object? value) => value is null || Options.Sources is null ? null : Options.Sources.Locate(value);

    /// <summary>Where a property's value is, falling back to where its owner starts.</summary>
    public SourceLocation? At(object? owner, string key) => owner is null || Options.Sources is null ? null : Options.Sources.Locate(owner, key);

    /// <summary>Where an element is declared (its metadata.name).</summary>
    public SourceLocation? AtElement(PlanDocument? document) => document is null ? null : At(document.Metadata, "name");

    public SourceLocation? AtElement(int node) => AtElement(Documents[node]);

    /// <summary>A node as a sentence names it: "system license-db".</summary>
    public string Describe(int node) => KindWord(Snapshot.Kinds[node]) + " " + Snapshot.Names[node];

    /// <summary>A node as a sentence starts with it: "System license-db".</summary>
    public string Subject(int node) => KindTitle(Snapshot.Kinds[node]) + " " + Snapshot.Names[node];

    public string Name(int node) => Snapshot.Names[node];

    public static string KindWord(NodeKind kind) => kind switch
    {
        NodeKind.Function => "function",
        NodeKind.System => "system",
        NodeKind.Vendor => "vendor",
        NodeKind.Site => "site",
        NodeKind.Person => "person",
        NodeKind.Role => "role",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string KindTitle(NodeKind kind) => kind switch
    {
        NodeKind.Function => "Function",
        NodeKind.System => "System",
        NodeKind.Vendor => "Vendor",
        NodeKind.Site => "Site",
        NodeKind.Person => "Person",
        NodeKind.Role => "Role",
        _ => kind.ToString(),
    };

    /// <summary>The id of any element of the plan (<c>procedure:region-failover</c>).</summary>
    public static string IdOf(PlanDocument document) => ElementKinds.Slug(document.Kind) + ":" + document.Name;

    /// <summary>Any document by id, nodes or not (built on first use: only rare rules need it).</summary>
    public PlanDocument? DocumentById(string id)
    {
        if (_documentsById is null)
        {
            _documentsById = new Dictionary<string, PlanDocument>(StringComparer.Ordinal);
            foreach (var document in Plan.Documents)
            {
                _documentsById.TryAdd(IdOf(document), document);
            }
        }
        return _documentsById.GetValueOrDefault(id);
    }

    /// <summary>The node a reference names, or -1 (a reference to a kind that is not a node, or to nothing).</summary>
    public int NodeOf(Reference? reference) => reference?.Kind switch
    {
        ElementKind.BusinessFunction => NodeOf(NodeKind.Function, reference.Name),
        ElementKind.System => NodeOf(NodeKind.System, reference.Name),
        ElementKind.Vendor => NodeOf(NodeKind.Vendor, reference.Name),
        ElementKind.Site => NodeOf(NodeKind.Site, reference.Name),
        ElementKind.Person => NodeOf(NodeKind.Person, reference.Name),
        ElementKind.Role => NodeOf(NodeKind.Role, reference.Name),
        _ => -1,
    };

    /// <summary>The node of this kind and name, or -1: a binary search, since the snapshot orders
    /// the nodes of a kind by name (ordinal); no id is built and nothing is allocated.</summary>
    public int NodeOf(NodeKind kind, string? name)
    {
        if (name is null)
        {
            return -1;
        }
        var names = Snapshot.Names;
        var range = Snapshot.NodesOf(kind);
        var low = range.Start.Value;
        var high = range.End.Value - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(names[middle], name);
            if (order == 0)
            {
                return middle;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return -1;
    }

    /// <summary>A critical function is a function of tier 1 … <see cref="AnalysisOptions.CriticalTier"/>.</summary>
    public bool IsCriticalTier(int node) => Snapshot.Tiers[node] is > 0 and var tier && tier <= Options.CriticalTier;

    /// <summary>Minutes as people write them: 6h 35m, 1d, 1d 4h. Durations up to four weeks are
    /// formatted once and kept: large plans repeat the same few values thousands of times.</summary>
    public static string Minutes(int minutes)
    {
        if (minutes <= 0)
        {
            return "0m";
        }
        if (minutes < MinuteTexts.Length)
        {
            return MinuteTexts[minutes] ??= Duration.Readable(minutes);
        }
        return Duration.Readable(minutes);
    }

    private static readonly string?[] MinuteTexts = new string?[4 * 7 * 24 * 60 + 1];

    /// <summary>A cleared builder for one message at a time (it is reused, so that large plans
    /// with many findings do not allocate one per message).</summary>
    public StringBuilder Text() => _text.Clear();

    /// <summary>How many items a message lists before "and N more".</summary>
    public const int Shown = 5;

    /// <summary>"a, b, c, d, e and 4 more": the first <see cref="Shown"/> of <paramref name="nodes"/>,
    /// each written by <paramref name="item"/>, out of <paramref name="total"/>.</summary>
    public string Listed(IReadOnlyList<int> nodes, int total, Action<StringBuilder, int> item)
    {
        var text = Text();
        var shown = Math.Min(nodes.Count, Shown);
        for (var i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }
            item(text, nodes[i]);
        }
        if (total > shown)
        {
            text.Append(" and ").Append(total - shown).Append(" more");
        }
        return text.ToString();
    }

    /// <summary>A node's name, for <see cref="Listed"/>.</summary>
    public void AppendName(StringBuilder text, int node) => text.Append(Snapshot.Names[node]);

    private static int[] OwnRecoveryPoints(PlanSnapshot snapshot)
    {
        var own = new int[snapshot.NodeCount];
        for (var n = 0; n < own.Length; n++)
        {
            own[n] = snapshot.Unprotected[n] ? AchievableRecoveryPoint.Unbounded
                : snapshot.RecoveryPointMinutes[n] >= 0 ? snapshot.RecoveryPointMinutes[n]
                : AchievableRecoveryPoint.None;
        }
        return own;
    }

    /// <summary>One pass over the plan: node documents matched by position (the plan and the
    /// snapshot both order elements by kind, then name), the other kinds collected.</summary>
    private void ReadDocuments()
    {
        var cursor = new int[6];
        for (var k = 0; k < cursor.Length; k++)
        {
            cursor[k] = Snapshot.NodesOf((NodeKind)k).Start.Value;
        }
        foreach (var document in Plan.Documents)
        {
            NodeKind kind;
            switch (document.Kind)
            {
                case ElementKind.BusinessFunction: kind = NodeKind.Function; break;
                case ElementKind.System: kind = NodeKind.System; break;
                case ElementKind.Vendor: kind = NodeKind.Vendor; break;
                case ElementKind.Site: kind = NodeKind.Site; break;
                case ElementKind.Person: kind = NodeKind.Person; break;
                case ElementKind.Role: kind = NodeKind.Role; break;
                case ElementKind.Organisation: OrganisationDocument ??= document; continue;
                case ElementKind.Procedure: Procedures.Add(document); continue;
                case ElementKind.Scenario: Scenarios.Add(document); continue;
                case ElementKind.BackupPolicy: BackupPolicies.Add(document); continue;
                case ElementKind.Team:
                case ElementKind.Risk:
                case ElementKind.CommunicationPlan:
                default: continue;
            }
            var end = Snapshot.NodesOf(kind).End.Value;
            var at = cursor[(int)kind];
            if (at < end && string.Equals(Snapshot.Names[at], document.Name, StringComparison.Ordinal))
            {
                Documents[at] = document;
                cursor[(int)kind] = at + 1;
            }
            else if (NodeOf(kind, document.Name) is >= 0 and var node)
            {
                Documents[node] = document;
            }
        }
    }

    private int[] FindCriticalFunctions()
    {
        var functions = Snapshot.NodesOf(NodeKind.Function);
        var critical = new List<int>();
        for (var f = functions.Start.Value; f < functions.End.Value; f++)
        {
            if (IsCriticalTier(f))
            {
                critical.Add(f);
            }
        }
        return [.. critical];
    }

    private bool[] MarkCritical()
    {
        var critical = new bool[NodeCount];
        var queue = new int[NodeCount];
        var tail = 0;
        foreach (var f in CriticalFunctions)
        {
            critical[f] = true;
            queue[tail++] = f;
        }
        var systems = Snapshot.NodesOf(NodeKind.System);
        for (var s = systems.Start.Value; s < systems.End.Value; s++)
        {
            if (IsCriticalTier(s))
            {
                critical[s] = true;
                queue[tail++] = s;
            }
        }
        for (var head = 0; head < tail; head++)
        {
            var node = queue[head];
            for (var g = Graph.GroupStart[node]; g < Graph.GroupStart[node + 1]; g++)
            {
                if (!Graph.GroupKinds[g].TakesDown())
                {
                    continue;
                }
                foreach (var member in Graph.MembersOf(g))
                {
                    if (!critical[member])
                    {
                        critical[member] = true;
                        queue[tail++] = member;
                    }
                }
            }
        }
        return critical;
    }
}
