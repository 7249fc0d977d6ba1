using BenchmarkDotNet.Attributes;
using Continuity.Checks;
using Continuity.Generation;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Benchmarks;

/// <summary>The full analysis of a generated organisation from an in-memory snapshot, at the
/// three engine sizes (see <see cref="EngineWork.FullAnalysis"/>), and its two halves.</summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
public class AnalysisBenchmarks
{
    private Plan _plan = null!;
    private PlanSnapshot _snapshot = null!;
    private int _capacity;

    [Params(EngineSize.Nodes1k, EngineSize.Nodes10k, EngineSize.Nodes100k)]
    public EngineSize Size { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _plan = SyntheticOrganisation.Generate(EngineOrganisations.Options(Size));
        _snapshot = PlanSnapshot.From(_plan);
        _capacity = ImpactAnalysis.CapacityPerTeam(_plan);
        Console.WriteLine("// " + EngineOrganisations.Describe(Size, _snapshot));
    }

    /// <summary>Every rule, achievable RTO/RPO, failure sets, and the worst-case recovery schedule.</summary>
    [Benchmark]
    public long FullAnalysis() => EngineWork.FullAnalysis(_plan, _snapshot).Checksum;

    /// <summary><c>continuity check</c>'s analysis alone (<see cref="PlanAnalysis.Run"/>).</summary>
    [Benchmark]
    public int Checks() => PlanAnalysis.Run(_plan, _snapshot, EngineWork.Options).Findings.Count;

    /// <summary><c>continuity recovery-order</c> with nothing selected: the worst-case schedule,
    /// its own dependency order included.</summary>
    [Benchmark]
    public int WorstCaseRecoveryOrder() => ImpactAnalysis.RecoveryOrder(_snapshot, [], _capacity).Recovery!.Makespan;
}
