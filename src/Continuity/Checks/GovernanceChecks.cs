using Continuity.PlanFiles;

namespace Continuity.Checks;

/// <summary>CT6xx: the plan is reviewed and exercised on its cadence, and waivers are current,
/// name something real and still waive something.</summary>
internal static class GovernanceChecks
{
    private static readonly HashSet<string> AboutWaivers = new(StringComparer.Ordinal)
    {
        CheckCatalogue.WaiverExpired.Id, CheckCatalogue.WaiverForNothing.Id, CheckCatalogue.WaiverUnused.Id,
    };

    public static void Run(CheckRun run)
    {
        var organisation = run.OrganisationDocument;
        run.Report(CheckCatalogue.PlanReviewOverdue, organisation is null ? "organisation" : CheckRun.IdOf(organisation),
            $"No evidence yet of a plan review within the last {run.Organisation.ReviewIntervalMonths} months: reviews are not recorded yet, so this cannot be confirmed.",
            organisation is null ? null : run.At(organisation.Spec, "reviewIntervalMonths"),
            "Review, approve and communicate the plan every review cycle; recorded reviews will settle this check.");
        run.Report(CheckCatalogue.NoExerciseEvidence, organisation is null ? "organisation" : CheckRun.IdOf(organisation),
            "No evidence yet of a continuity exercise in the last 12 months: exercises are not recorded yet, so this cannot be confirmed.",
            organisation is null ? null : run.AtElement(organisation),
            "Exercise the plan at least once a year and record the exercise; recorded exercises will settle this check.");
    }

    /// <summary>Applies the organisation's waivers to the findings: a current waiver marks the
    /// findings it covers (<see cref="Finding.WaivedBy"/>); an expired one is a finding itself and
    /// waives nothing, as is one naming an unknown check or element; a current one that matches
    /// nothing is reported as unused.</summary>
    public static void ApplyWaivers(CheckRun run)
    {
        var specs = run.Organisation.Waivers;
        if (specs.Count == 0)
        {
            return;
        }
        var current = new Dictionary<(string Check, string Element), (Waiver Waiver, WaiverSpec Spec)>();
        foreach (var spec in specs)
        {
            var element = spec.Element?.ToString() ?? "";
            var location = run.At(spec);
            if (CheckCatalogue.Find(spec.Check) is null || !Exists(run, spec.Element))
            {
                var what = CheckCatalogue.Find(spec.Check) is null ? $"check {spec.Check}, which does not exist" : $"{element}, which is not in the plan";
                run.Report(CheckCatalogue.WaiverForNothing, element.Length == 0 ? "organisation" : element,
                    $"A waiver names {what}; it waives nothing.", location);
                continue;
            }
            var waiver = new Waiver(spec.Check, element, spec.Reason, spec.Owner?.Name ?? "", spec.Expires ?? DateOnly.MinValue);
            if (waiver.Expires < run.Options.Today)
            {
                run.Report(CheckCatalogue.WaiverExpired, element,
                    $"The waiver of {spec.Check} for {element} (owner {waiver.Owner}: {waiver.Reason.Trim()}) expired on {waiver.Expires:yyyy-MM-dd}; its findings count again.",
                    run.At(spec, "expires"));
                continue;
            }
            current.TryAdd((waiver.CheckId, waiver.ElementId), (waiver, spec));
        }

        var used = new HashSet<(string, string)>();
        var findings = run.Findings;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            if (AboutWaivers.Contains(finding.CheckId) || !current.TryGetValue((finding.CheckId, finding.ElementId), out var match))
            {
                continue;
            }
            findings[i] = finding with { WaivedBy = match.Waiver };
            used.Add((finding.CheckId, finding.ElementId));
        }
        foreach (var (key, (waiver, spec)) in current)
        {
            if (!used.Contains(key))
            {
                run.Report(CheckCatalogue.WaiverUnused, waiver.ElementId,
                    $"The waiver of {waiver.CheckId} for {waiver.ElementId} (until {waiver.Expires:yyyy-MM-dd}) matches no finding.",
                    run.At(spec));
            }
        }
    }

    private static bool Exists(CheckRun run, Reference? element) =>
        element?.Kind is not null && (run.Snapshot.IndexOf(element.ToString()) >= 0 || run.DocumentById(element.ToString()) is not null);
}
