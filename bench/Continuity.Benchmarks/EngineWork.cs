using Continuity.Analysis;
using Continuity.Checks;
using Continuity.Generation;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Benchmarks;

/// <summary>The analysis as the product runs it, shared by the benchmarks and the commands, so
/// that every measurement times the same calls.</summary>
public static class EngineWork
{
    /// <summary>A fixed date (the generator's reference date), so that every run finds the same.</summary>
    public static AnalysisOptions Options { get; } = new(SyntheticOrganisation.AsOf);

    /// <summary>The full analysis: <c>continuity check</c>'s <see cref="PlanAnalysis.Run"/> (every
    /// rule; dependency order, worst-case achievable RTO and RPO of every node, failure sets /
    /// single points of failure) followed by <c>continuity recovery-order</c>'s worst-case recovery
    /// schedule (<see cref="ImpactAnalysis.RecoveryOrder"/>, reusing the dependency order).</summary>
    public static FullAnalysisResult FullAnalysis(Plan plan, PlanSnapshot snapshot)
    {
        var result = PlanAnalysis.Run(plan, snapshot, Options);
        var schedule = ImpactAnalysis.RecoveryOrder(snapshot, [], ImpactAnalysis.CapacityPerTeam(plan), result.Order);
        return new FullAnalysisResult(result, schedule);
    }

    /// <summary>What-if selectors for a snapshot: the first region tag (a whole cloud region or
    /// zone fails) and the system most other nodes name as a requirement.</summary>
    public static (string Region, string System) WhatIfSelectors(PlanSnapshot snapshot)
    {
        var region = snapshot.Tags.First(t => t.StartsWith("region=", StringComparison.Ordinal));
        var graph = snapshot.Graph;
        var fanIn = new int[graph.NodeCount];
        foreach (var member in graph.Members)
        {
            fanIn[member]++;
        }
        var systems = snapshot.NodesOf(NodeKind.System);
        var best = systems.Start.Value;
        for (var s = systems.Start.Value; s < systems.End.Value; s++)
        {
            if (fanIn[s] > fanIn[best])
            {
                best = s;
            }
        }
        return (region, snapshot.Ids[best]);
    }

    /// <summary>Each node's own recovery point, as the checks compute it (CheckRun.OwnRecoveryPoints).</summary>
    public static int[] OwnRecoveryPoints(PlanSnapshot snapshot)
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
}

public sealed record FullAnalysisResult(AnalysisResult Analysis, RecoveryOrderResult Schedule)
{
    /// <summary>A number that depends on everything computed, so that nothing is optimised away
    /// and runs can be compared.</summary>
    public long Checksum
    {
        get
        {
            long sum = Analysis.Findings.Count;
            foreach (var minutes in Analysis.WorstCase.Minutes)
            {
                sum += minutes;
            }
            foreach (var minutes in Analysis.RecoveryPointMinutes)
            {
                sum += minutes == AchievableRecoveryPoint.Unbounded ? 1 : minutes;
            }
            return sum + (Schedule.Recovery?.Makespan ?? 0) + (Schedule.Recovery?.Schedule.Count ?? 0);
        }
    }
}
