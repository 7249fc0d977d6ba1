using System.Text;
using Continuity.Analysis;
using Continuity.PlanFiles;

namespace Continuity.Checks;

/// <summary>CT5xx: vendors of critical systems can be reached and have promised a recovery time;
/// no vendor or site alone takes down a large share of the critical functions; no element's
/// failure alone makes a critical function miss its RTO; no redundancy group a critical function
/// relies on goes down with one shared element.</summary>
internal static class ResilienceChecks
{
    private const int Unknown = -1;
    private const int NotAnOutage = -2;

    public static void Run(CheckRun run)
    {
        Vendors(run);
        SinglePointsOfFailure(run);
    }

    private static void Vendors(CheckRun run)
    {
        var vendors = run.Snapshot.NodesOf(NodeKind.Vendor);
        for (var v = vendors.Start.Value; v < vendors.End.Value; v++)
        {
            if (!run.Critical[v] || run.Documents[v]?.Spec is not VendorSpec spec)
            {
                continue;
            }
            if (!spec.EmergencyContacts.Any(c => !string.IsNullOrWhiteSpace(c.Phone) || !string.IsNullOrWhiteSpace(c.Email)))
            {
                var why = spec.EmergencyContacts.Count == 0 ? "has no emergency contact" : "has no emergency contact with a phone number or e-mail address";
                run.Report(CheckCatalogue.VendorWithoutEmergencyContact, v,
                    $"{run.Subject(v)} provides what critical functions need but {why}: in its outage there is nobody to call.",
                    spec.EmergencyContacts.Count == 0 ? run.AtElement(v) : run.At(spec, "emergencyContacts"));
            }
            if (spec.ContractualRto is null)
            {
                run.Report(CheckCatalogue.VendorWithoutContractualRto, v,
                    $"{run.Subject(v)} provides what critical functions need but has no contractual RTO: nothing says when it must restore service.",
                    run.AtElement(v));
            }
        }
    }

    /// <summary>CT503, CT504, CT505, CT506 in one walk of each critical function's failure set (the
    /// nodes whose single failure takes it down, <see cref="FailureSets"/>): a failure of x alone
    /// brings f back when x is back, so x misses f's RTO when its outage is longer than the RTO
    /// or unknown. The walk follows the sets' generators and remembers the first way it reached
    /// each node, which gives the chain from the function to the single point of failure. Per
    /// node it keeps counts and the first few functions only, which is all a message lists.</summary>
    private static void SinglePointsOfFailure(CheckRun run)
    {
        var critical = run.CriticalFunctions;
        if (critical.Length == 0)
        {
            return;
        }
        var n = run.NodeCount;
        var kinds = run.Graph.Kinds;
        var rtos = run.Snapshot.RtoMinutes;
        var outage = Outages(run);
        var stamp = new int[n];
        var parent = new int[n];
        var stack = new int[n];
        var mark = 0;
        var takenDown = new int[n];
        var takenDownSample = new List<int>?[n];
        var missed = new int[n];
        var missedSample = new List<int>?[n];
        var chains = new string?[n];
        var counted = 0;
        var commonMode = new CommonMode(run);

        foreach (var f in critical)
        {
            counted++;
            var rto = rtos[f];
            mark++;
            stamp[f] = mark;
            var top = 0;
            stack[top++] = f;
            while (top > 0)
            {
                var x = stack[--top];
                if (x != f)
                {
                    if (kinds[x] is NodeKind.Vendor or NodeKind.Site && takenDown[x]++ < CheckRun.Shown)
                    {
                        (takenDownSample[x] ??= []).Add(f);
                    }
                    if (rto >= 0 && outage[x] != NotAnOutage && (outage[x] == Unknown || outage[x] > rto) && missed[x]++ < CheckRun.Shown)
                    {
                        (missedSample[x] ??= []).Add(f);
                        chains[x] ??= Chain(run, parent, f, x);
                    }
                }
                commonMode.Visit(f, x, mark, parent);
                foreach (var generator in run.Fails.GeneratorsOf(x))
                {
                    if (stamp[generator] != mark)
                    {
                        stamp[generator] = mark;
                        parent[generator] = x;
                        stack[top++] = generator;
                    }
                }
            }
        }

        var snapshot = run.Snapshot;
        void Function(StringBuilder text, int f) =>
            text.Append(snapshot.Names[f]).Append(" (tier ").Append(snapshot.Tiers[f]).Append(", RTO ").Append(CheckRun.Minutes(rtos[f])).Append(')');
        var function = (Action<StringBuilder, int>)Function;
        var name = (Action<StringBuilder, int>)run.AppendName;
        for (var x = 0; x < n; x++)
        {
            if (missed[x] > 0)
            {
                Spof(run, x, outage[x], missed[x], run.Listed(missedSample[x]!, missed[x], function), chains[x]!);
            }
            if (takenDown[x] >= 2 && takenDown[x] > run.Options.ConcentrationThreshold * counted)
            {
                var share = (int)Math.Round(100.0 * takenDown[x] / counted);
                run.Report(CheckCatalogue.Concentration, x,
                    $"{run.Subject(x)} alone takes down {takenDown[x]} of {counted} critical functions ({share}%): {run.Listed(takenDownSample[x]!, takenDown[x], name)}.",
                    run.AtElement(x));
            }
        }
    }

    private static void Spof(CheckRun run, int x, int outage, int count, string functions, string chain)
    {
        var snapshot = run.Snapshot;
        var what = count == 1 ? "critical function" : $"{count} critical functions:";
        if (outage == Unknown)
        {
            var why = snapshot.Kinds[x] switch
            {
                NodeKind.Site => "nothing in the plan says when a site is back",
                NodeKind.Person => "nothing says when a person is available again",
                NodeKind.Vendor => "the vendor has no contractual RTO",
                _ => "it has no restore estimate",
            };
            run.Report(CheckCatalogue.SinglePointOfFailureUnknownRecovery, x,
                $"{run.Subject(x)} is a single point of failure: its loss alone takes down {what} {functions}, and {why}. Chain: {chain}.",
                run.AtElement(x));
            return;
        }
        var restore = snapshot.Kinds[x] == NodeKind.Vendor ? "its contractual RTO is" : "restoring it takes";
        var location = run.Documents[x]?.Spec switch
        {
            SystemSpec { Restore: { } estimate } => run.At(estimate, estimate.Measured is null ? "estimated" : "measured"),
            VendorSpec vendor => run.At(vendor, "contractualRto"),
            _ => null,
        };
        run.Report(CheckCatalogue.SinglePointOfFailure, x,
            $"{run.Subject(x)} is a single point of failure: its failure alone takes down {what} {functions}, and {restore} {CheckRun.Minutes(outage)}. Chain: {chain}.",
            location ?? run.AtElement(x));
    }

    /// <summary>How long each node's outage lasts when it fails alone: a system's restore, a
    /// vendor's contractual RTO, <see cref="Unknown"/> for sites, people and nodes without an
    /// estimate; <see cref="NotAnOutage"/> for functions and roles (they come back with what they need).</summary>
    private static int[] Outages(CheckRun run)
    {
        var snapshot = run.Snapshot;
        var outage = new int[run.NodeCount];
        for (var x = 0; x < outage.Length; x++)
        {
            outage[x] = snapshot.Kinds[x] switch
            {
                NodeKind.System => snapshot.RestoreKnown[x] ? snapshot.RestoreMinutes[x] : Unknown,
                NodeKind.Vendor => snapshot.ContractualRtoMinutes[x] >= 0 ? snapshot.ContractualRtoMinutes[x] : Unknown,
                NodeKind.Site or NodeKind.Person => Unknown,
                NodeKind.Function or NodeKind.Role => NotAnOutage,
                _ => NotAnOutage,
            };
        }
        return outage;
    }

    internal static string Chain(CheckRun run, int[] parent, int f, int x)
    {
        var path = new List<string>();
        for (var node = x; node != f; node = parent[node])
        {
            path.Add(run.Name(node));
        }
        path.Add(run.Name(f));
        path.Reverse();
        return string.Join(" → ", path);
    }
}
