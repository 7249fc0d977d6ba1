using BenchmarkDotNet.Attributes;
using Continuity.Analysis;
using Continuity.Generation;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Benchmarks;

/// <summary>The pieces of the analysis engine one by one, and what-if queries, on the
/// 100,000-node organisation (see <see cref="EngineOrganisations"/>).</summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class EngineBenchmarks
{
    private Plan _plan = null!;
    private PlanSnapshot _snapshot = null!;
    private RecoveryGraph _graph = null!;
    private DependencyOrder _order = null!;
    private int[] _ownRecoveryPoints = [];
    private bool[] _allDown = [];
    private int[] _rto = [];
    private int _capacity;
    private ImpactModel _model = null!;
    private string[] _failRegion = [];
    private string[] _failSystem = [];

    [Params(EngineSize.Nodes100k)]
    public EngineSize Size { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _plan = SyntheticOrganisation.Generate(EngineOrganisations.Options(Size));
        _snapshot = PlanSnapshot.From(_plan);
        _graph = _snapshot.Graph;
        _order = DependencyOrder.Of(_graph);
        _ownRecoveryPoints = EngineWork.OwnRecoveryPoints(_snapshot);
        _allDown = new bool[_graph.NodeCount];
        Array.Fill(_allDown, true);
        _rto = [.. _snapshot.RtoMinutes];
        _capacity = ImpactAnalysis.CapacityPerTeam(_plan);
        _model = ImpactModel.Prepare(_plan, _snapshot, _order);
        var (region, system) = EngineWork.WhatIfSelectors(_snapshot);
        _failRegion = [region];
        _failSystem = [system];
        Console.WriteLine("// " + EngineOrganisations.Describe(Size, _snapshot));
        foreach (var fail in new[] { _failRegion, _failSystem })
        {
            var report = ImpactAnalysis.Run(_model, fail, _capacity);
            Console.WriteLine($"// what-if {fail[0]}: {report.DownCount} nodes down, {report.Functions.Count} functions down");
        }
    }

    /// <summary>Kahn's algorithm over the required edges.</summary>
    [Benchmark]
    public int DependencyOrderOf() => DependencyOrder.Of(_graph).Order.Length;

    /// <summary>The first step of <see cref="DependencyOrder.Of"/>: the required edges as a CSR digraph.</summary>
    [Benchmark]
    public int ToDigraphRequired() => _graph.ToDigraph(requiredOnly: true).EdgeCount;

    /// <summary>Worst-case achievable RTO of every node (everything down).</summary>
    [Benchmark]
    public int AchievableRtoWorstCase() => AchievableRecovery.WorstCase(_graph, _order).Minutes[^1];

    /// <summary>Achievable RPO of every node.</summary>
    [Benchmark]
    public int AchievableRpo() => AchievableRecoveryPoint.Compute(_graph, _order, _ownRecoveryPoints).Minutes[^1];

    /// <summary>The dominator-style failure sets (single points of failure) of every node.</summary>
    [Benchmark]
    public int FailureSetsCompute() => FailureSets.Compute(_graph, _order).NodeCount;

    /// <summary><c>continuity spof</c>: order, failure sets, and every critical function's single points.</summary>
    [Benchmark]
    public int SinglePointsReport() => SinglePoints.Find(_snapshot).Functions.Count;

    /// <summary>The least-slack list schedule of the worst case (everything down).</summary>
    [Benchmark]
    public int RecoverySchedule() => RecoveryScheduler.Schedule(_graph, _order, _allDown, _allDown, _rto, _capacity).Makespan;

    /// <summary>Strongly connected components and one cycle per loop (the loop check).</summary>
    [Benchmark]
    public int CyclesFind() => Cycles.Find(_graph.ToDigraph(requiredOnly: true)).Count;

    /// <summary>One what-if query on a plan prepared once (<see cref="ImpactModel"/>): a region fails.</summary>
    [Benchmark]
    public int WhatIfRegion() => ImpactAnalysis.Run(_model, _failRegion, _capacity).DownCount;

    /// <summary>One what-if query on a prepared plan: the most required system fails.</summary>
    [Benchmark]
    public int WhatIfSystem() => ImpactAnalysis.Run(_model, _failSystem, _capacity).DownCount;

    /// <summary>A what-if query as <c>continuity impact</c> runs it: the plan prepared for this one question.</summary>
    [Benchmark]
    public int WhatIfRegionUnprepared() => ImpactAnalysis.Run(_plan, _snapshot, _failRegion, _capacity).DownCount;
}
