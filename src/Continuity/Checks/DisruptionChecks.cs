using Continuity.Analysis;
using Continuity.Impact;
using Continuity.PlanFiles;

namespace Continuity.Checks;

/// <summary>CT113 and CT114: every function a scenario takes down is back within its RTO for the
/// scenario's class of disruption (<c>objectives.byDisruption</c>, else its plain RTO); CT115: it
/// loses no more data than its RPO for the class, where one is stated (the achievable recovery
/// point is the same in every disruption: backup interval plus replication lag). One
/// what-if per scenario — the engine's <see cref="AchievableRecovery.AfterFailure"/> with the
/// scenario's <c>fails</c>, open-ended failures (a site, a person, a system or vendor with no
/// restore time) ending together at an unknown time, as the impact report reads them.</summary>
internal static class DisruptionChecks
{
    public static void Run(CheckRun run)
    {
        var functions = run.Snapshot.NodesOf(NodeKind.Function);
        if (functions.End.Value == functions.Start.Value)
        {
            return;
        }
        var rpoChecked = new HashSet<(int Function, Disruption Class)>();
        var worst = new Dictionary<(int Function, Check Check), Pending>();
        foreach (var scenario in run.Scenarios)
        {
            var spec = (ScenarioSpec)scenario.Spec;
            var failed = new List<int>();
            var openEnded = new bool[run.NodeCount];
            foreach (var reference in spec.Fails)
            {
                if (run.NodeOf(reference) is >= 0 and var node && !failed.Contains(node))
                {
                    failed.Add(node);
                    openEnded[node] = FailureSelection.IsOpenEnded(run.Snapshot, node);
                }
            }
            if (failed.Count == 0)
            {
                continue;
            }
            var times = AchievableRecovery.AfterFailure(run.Graph, run.Order, [.. failed], openEnded);
            AwaitedOutages? awaited = null;
            for (var f = functions.Start.Value; f < functions.End.Value; f++)
            {
                if (!times.Down[f] || Objective(run, f, spec.Disruption) is not { } objective)
                {
                    continue;
                }
                Compare(run, f, scenario, spec.Disruption, objective, times, () => awaited ??= new AwaitedOutages(run.Graph, run.Order, times, openEnded), worst);
            }
            for (var f = functions.Start.Value; f < functions.End.Value; f++)
            {
                if (times.Down[f] && spec.Disruption is { } kind && rpoChecked.Add((f, kind)))
                {
                    CompareRecoveryPoint(run, f, scenario, kind);
                }
            }
        }

        // One finding per function and check: its worst scenario, and how many others miss too, so
        // that a plan with hundreds of scenarios does not bury the reader (and the analysis).
        foreach (var ((f, check), pending) in worst)
        {
            var others = pending.Scenarios.Where(name => name != pending.Scenario).ToList();
            var listed = string.Join(", ", others.Take(CheckRun.Shown)) + (others.Count > CheckRun.Shown ? $" and {others.Count - CheckRun.Shown} more" : "");
            var also = others.Count == 0 ? ""
                : $" The same happens in {(others.Count == 1 ? "1 other scenario" : $"{others.Count} other scenarios")}: {listed}.";
            run.Report(check, f, pending.Message + also, pending.At, pending.Hint);
        }
    }

    /// <summary>The worst finding of one check for one function so far (highest <see cref="Rank"/>), and
    /// every scenario that gives the check for it.</summary>
    private sealed class Pending(long rank, string scenario, string message, SourceLocation? at, string? hint)
    {
        public long Rank { get; set; } = rank;

        public string Scenario { get; set; } = scenario;

        public string Message { get; set; } = message;

        public SourceLocation? At { get; set; } = at;

        public string? Hint { get; set; } = hint;

        public List<string> Scenarios { get; } = [scenario];
    }

    private static void Keep(Dictionary<(int, Check), Pending> worst, int f, Check check, long rank, PlanDocument scenario, string message, SourceLocation? at, string? hint = null)
    {
        if (!worst.TryGetValue((f, check), out var pending))
        {
            worst.Add((f, check), new Pending(rank, scenario.Name, message, at, hint));
            return;
        }
        pending.Scenarios.Add(scenario.Name);
        if (rank > pending.Rank)
        {
            (pending.Rank, pending.Scenario, pending.Message, pending.At, pending.Hint) = (rank, scenario.Name, message, at, hint);
        }
    }

    /// <summary>CT115: the function's RPO stated for the class against the data it can lose.</summary>
    private static void CompareRecoveryPoint(CheckRun run, int f, PlanDocument scenario, Disruption kind)
    {
        var objectives = (run.Documents[f]?.Spec as BusinessFunctionSpec)?.Objectives;
        if (objectives?.ByDisruption.GetValueOrDefault(kind) is not { Rpo: { } rpo } stated)
        {
            return;
        }
        var loss = run.RecoveryPoint[f];
        if (loss == AchievableRecoveryPoint.None || (loss != AchievableRecoveryPoint.Unbounded && loss <= rpo.Minutes))
        {
            return;
        }
        var className = Naming.KebabCase(kind.ToString());
        var lost = loss == AchievableRecoveryPoint.Unbounded
            ? "can lose all its data: something it requires has no backup policy"
            : $"can lose up to {CheckRun.Minutes(loss)} of data";
        run.Report(CheckCatalogue.ScenarioRpoMissed, f,
            $"Scenario {scenario.Name} (a {className} disruption) takes {run.Describe(f)} down, and it {lost}, more than its {className} RPO of {CheckRun.Minutes(rpo.Minutes)}.",
            run.At(stated, "rpo") ?? run.AtElement(f));
    }

    /// <summary>The function's RTO for the class (stated per class, else the plain one) and where it is written.</summary>
    private static (int Minutes, bool PerClass, SourceLocation? At)? Objective(CheckRun run, int f, Disruption? disruption)
    {
        var objectives = (run.Documents[f]?.Spec as BusinessFunctionSpec)?.Objectives;
        if (disruption is { } kind && objectives?.ByDisruption.GetValueOrDefault(kind) is { Rto: { } perClass } stated)
        {
            return (perClass.Minutes, true, run.At(stated, "rto") ?? run.AtElement(f));
        }
        var rto = run.Snapshot.RtoMinutes[f];
        return rto < 0 ? null : (rto, false, run.At(objectives, "rto") ?? run.AtElement(f));
    }

    private static void Compare(CheckRun run, int f, PlanDocument scenario, Disruption? disruption,
        (int Minutes, bool PerClass, SourceLocation? At) objective, RecoveryTimes times, Func<AwaitedOutages> awaited,
        Dictionary<(int, Check), Pending> worst)
    {
        var rto = objective.Minutes;
        var className = disruption is { } kind ? Naming.KebabCase(kind.ToString()) : null;
        var target = objective.PerClass ? $"its {className} RTO of {CheckRun.Minutes(rto)}" : $"its RTO of {CheckRun.Minutes(rto)}";
        var where = className is null ? $"In scenario {scenario.Name}" : $"In scenario {scenario.Name} (a {className} disruption)";
        var back = times.Minutes[f];
        var after = times.AfterOutage[f];
        if (back == RecoveryTimes.Never)
        {
            Keep(worst, f, CheckCatalogue.ScenarioRtoBreached, long.MaxValue, scenario,
                $"{where}, {run.Describe(f)} can never be recovered: it waits on a dependency loop (see CT206), so {target} cannot be met.",
                objective.At, CheckCatalogue.DependencyLoop.Fix);
            return;
        }
        var assumed = times.Assumed[f] ? " What has no estimate counts as instant, so it may be worse." : "";
        if (back > rto)
        {
            Keep(worst, f, CheckCatalogue.ScenarioRtoBreached, back - rto, scenario,
                $"{where}, {run.Describe(f)} is back after {CheckRun.Minutes(back)} at best, {CheckRun.Minutes(back - rto)} later than {target}.{assumed}",
                objective.At);
            return;
        }
        if (after == RecoveryTimes.NoOutage)
        {
            return;
        }
        var outages = run.Listed(awaited().Of(f), awaited().Of(f).Count, run.AppendName);
        if (after > rto)
        {
            Keep(worst, f, CheckCatalogue.ScenarioRtoBreached, after - rto, scenario,
                $"{where}, {run.Describe(f)} is back only {CheckRun.Minutes(after)} after {outages} is back, longer than {target} even if the outage ended at once.{assumed}",
                objective.At);
            return;
        }
        Keep(worst, f, CheckCatalogue.ScenarioRtoAtRisk, -(long)(rto - after), scenario,
            $"{where}, {run.Describe(f)} waits for {outages}, whose outage has no known end: it meets {target} only if that outage ends within {CheckRun.Minutes(rto - after)}.{assumed}",
            objective.At);
    }
}
