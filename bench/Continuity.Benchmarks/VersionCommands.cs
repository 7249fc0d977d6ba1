using System.Diagnostics;
using System.Text;
using Continuity.Generation;
using Continuity.Governance;
using Continuity.PlanFiles;
using static System.FormattableString;

namespace Continuity.Benchmarks;

/// <summary><c>versions [SIZE] [RUNS]</c>: what a plan version costs on a generated organisation
/// (ADR 010): the snapshot of the consolidated plan and of one team plan (time, size, SHA-256
/// included), and the semantic diff of two consolidated snapshots that differ in one RTO — with a
/// stopwatch, the process's CPU time and allocation per run.</summary>
public static class VersionCommands
{
    public static int Run(OrganisationSize size, int runs)
    {
        var plan = SyntheticOrganisation.Generate(Organisations.Options(size));
        var team = plan.OfKind(ElementKind.Team).First().Name;
        var organisation = VersionSnapshot.Of(plan, PlanScope.Organisation);
        var teamPlan = VersionSnapshot.Of(plan, PlanScope.OfTeam(team));
        var function = plan.Specs<BusinessFunctionSpec>().First(f => f.Spec.Objectives?.Rto is not null);
        function.Spec.Objectives!.Rto = new Duration(function.Spec.Objectives.Rto!.Value.Minutes + 60);
        var changed = VersionSnapshot.Of(plan, PlanScope.Organisation);
        var (organisationMb, teamKb) = (Encoding.UTF8.GetByteCount(organisation.Json) / 1e6, Encoding.UTF8.GetByteCount(teamPlan.Json) / 1e3);
        Console.WriteLine(Invariant($"{size}: {plan.Documents.Count:N0} documents; consolidated snapshot {organisationMb:F1} MB, team plan of {team} {teamPlan.Elements:N0} documents, {teamKb:F0} KB"));
        Measure("snapshot, consolidated plan", runs, () => VersionSnapshot.Of(plan, PlanScope.Organisation));
        Measure($"snapshot, team plan of {team}", runs, () => VersionSnapshot.Of(plan, PlanScope.OfTeam(team)));
        Measure("diff of two consolidated snapshots (one RTO changed)", runs, () => PlanDiff.Between(organisation.Json, changed.Json));
        return 0;
    }

    private static void Measure(string what, int runs, Func<object> work)
    {
        work();                                                        // JIT and first-use caches
        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        var allocatedPerRun = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6 / runs;
        times.Sort();
        Console.WriteLine(Invariant($"{what}: median {times[times.Count / 2]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms, CPU {cpuPerRun:F0} ms, allocated {allocatedPerRun:F0} MB per run ({runs} runs)"));
    }
}
