using Continuity.Analysis;
using Continuity.PlanFiles;

namespace Continuity.Checks;

/// <summary>CT3xx: every role has a primary and an alternate active holder, nobody is the only
/// one who can fill several critical roles or the first in line for several, every critical role
/// has a second holder who can be reached, every procedure step names a responsible role and can
/// be done by a second person, and contact details are confirmed every 12 months.</summary>
internal static class PeopleChecks
{
    public static void Run(CheckRun run)
    {
        var people = run.Snapshot.NodesOf(NodeKind.Person);
        var roles = run.Snapshot.NodesOf(NodeKind.Role);
        var activeHolders = new List<int>[roles.End.Value - roles.Start.Value];
        for (var r = roles.Start.Value; r < roles.End.Value; r++)
        {
            activeHolders[r - roles.Start.Value] = Holders(run, r);
        }
        int[] HoldersOf(Reference? role) =>
            run.NodeOf(role) is var r && r >= roles.Start.Value && r < roles.End.Value ? [.. activeHolders[r - roles.Start.Value]] : [];

        var critical = CriticalRoles(run);
        var soleHolders = SoleHolders(run, roles, activeHolders, critical);
        Primaries(run, roles, critical, soleHolders);
        OnlyReachableHolders(run, roles, critical);
        Steps(run, HoldersOf);
        Contacts(run, people);
    }

    /// <summary>CT301, CT302, CT304 for one role; returns its active holders over all assignments.</summary>
    private static List<int> Holders(CheckRun run, int role)
    {
        var all = new List<int>();
        if (run.Documents[role]?.Spec is not RoleSpec spec)
        {
            return all;
        }
        if (spec.Assignments.Count == 0)
        {
            run.Report(CheckCatalogue.RoleWithoutHolder, role, $"Nobody holds {run.Describe(role)}.", run.AtElement(role));
            return all;
        }
        var reportedInactive = new HashSet<int>();
        foreach (var assignment in spec.Assignments)
        {
            var active = new List<int>(assignment.Holders.Count);
            foreach (var holder in assignment.Holders)
            {
                var person = run.NodeOf(NodeKind.Person, holder.Name);
                if (person < 0)
                {
                    continue;
                }
                if (!run.Snapshot.Active[person])
                {
                    if (reportedInactive.Add(person))
                    {
                        run.Report(CheckCatalogue.InactiveHolder, role,
                            $"{run.Subject(person)} has left but is still a holder of {run.Describe(role)}.",
                            run.At(holder) ?? run.At(assignment, "holders"));
                    }
                    continue;
                }
                if (!active.Contains(person))
                {
                    active.Add(person);
                }
                if (!all.Contains(person))
                {
                    all.Add(person);
                }
            }
            var scope = assignment.Team is { } team ? $" for team {team.Name}" : "";
            if (active.Count == 0)
            {
                run.Report(CheckCatalogue.RoleWithoutHolder, role, $"No active person holds {run.Describe(role)}{scope}.",
                    run.At(assignment, "holders"));
            }
            else if (active.Count == 1)
            {
                run.Report(CheckCatalogue.RoleWithSingleHolder, role,
                    $"Only {run.Name(active[0])} holds {run.Describe(role)}{scope}: nobody can stand in when they are unavailable.",
                    run.At(assignment, "holders"));
            }
        }
        return all;
    }

    /// <summary>A role is critical when it can activate or approve the plan, a procedure step
    /// names it, or it recovers a critical element.</summary>
    private static HashSet<int> CriticalRoles(CheckRun run)
    {
        var critical = new HashSet<int>();
        foreach (var procedure in run.Procedures)
        {
            foreach (var step in ((ProcedureSpec)procedure.Spec).Steps)
            {
                if (run.NodeOf(step.Responsible) is >= 0 and var responsible)
                {
                    critical.Add(responsible);
                }
                if (run.NodeOf(step.Backup) is >= 0 and var backup)
                {
                    critical.Add(backup);
                }
            }
        }
        var roles = run.Snapshot.NodesOf(NodeKind.Role);
        for (var r = roles.Start.Value; r < roles.End.Value; r++)
        {
            if (run.Documents[r]?.Spec is not RoleSpec spec)
            {
                continue;
            }
            if (spec.CanActivatePlan || spec.CanApprovePlans
                || spec.Assignments.Any(a => a.Recovers.Any(target => run.NodeOf(target) is >= 0 and var n && run.Critical[n])))
            {
                critical.Add(r);
            }
        }
        return critical;
    }

    /// <summary>CT303; returns the critical roles each person holds alone.</summary>
    private static Dictionary<int, List<int>> SoleHolders(CheckRun run, Range roles, List<int>[] activeHolders, HashSet<int> critical)
    {
        var solely = new Dictionary<int, List<int>>();
        for (var r = roles.Start.Value; r < roles.End.Value; r++)
        {
            var holders = activeHolders[r - roles.Start.Value];
            if (holders.Count == 1 && critical.Contains(r))
            {
                if (!solely.TryGetValue(holders[0], out var held))
                {
                    solely.Add(holders[0], held = []);
                }
                held.Add(r);
            }
        }
        foreach (var (person, held) in solely.OrderBy(p => p.Key))
        {
            if (held.Count >= 2)
            {
                run.Report(CheckCatalogue.SoleHolderOfSeveralRoles, person,
                    $"{run.Subject(person)} is the only holder of {held.Count} critical roles: {string.Join(", ", held.Select(run.Name))}.",
                    run.AtElement(person));
            }
        }
        return solely;
    }

    /// <summary>CT308: nobody is the primary (the first active holder of an assignment) of two or
    /// more critical roles. A person CT303 already reports for exactly these roles is not
    /// reported again.</summary>
    private static void Primaries(CheckRun run, Range roles, HashSet<int> critical, Dictionary<int, List<int>> soleHolders)
    {
        var primaryOf = new SortedDictionary<int, List<int>>();
        for (var r = roles.Start.Value; r < roles.End.Value; r++)
        {
            if (!critical.Contains(r) || run.Documents[r]?.Spec is not RoleSpec spec)
            {
                continue;
            }
            foreach (var assignment in spec.Assignments)
            {
                var primary = FirstActive(run, assignment);
                if (primary < 0)
                {
                    continue;
                }
                if (!primaryOf.TryGetValue(primary, out var held))
                {
                    primaryOf.Add(primary, held = []);
                }
                if (!held.Contains(r))
                {
                    held.Add(r);
                }
            }
        }
        foreach (var (person, held) in primaryOf)
        {
            if (held.Count < 2 || (soleHolders.TryGetValue(person, out var alone) && alone.Count >= 2 && alone.Count == held.Count))
            {
                continue;
            }
            run.Report(CheckCatalogue.PrimaryOfSeveralRoles, person,
                $"{run.Subject(person)} is the first to be called for {held.Count} critical roles: {string.Join(", ", held.Select(run.Name))}. In a disruption they cannot fill them all at once, and their absence hands every one of them to an alternate at the same moment.",
                run.AtElement(person));
        }
    }

    /// <summary>CT309: in every assignment of a critical role with two or more active holders,
    /// at least two are reachable — their contact details confirmed within
    /// <see cref="AnalysisOptions.ContactVerificationMonths"/> (as CT306 judges them). One finding
    /// per assignment, on the only reachable holder.</summary>
    private static void OnlyReachableHolders(CheckRun run, Range roles, HashSet<int> critical)
    {
        var oldest = run.Options.Today.AddMonths(-run.Options.ContactVerificationMonths);
        bool Reachable(int person) => run.Documents[person]?.Spec is PersonSpec { ContactVerified: { } verified } && verified >= oldest;

        for (var r = roles.Start.Value; r < roles.End.Value; r++)
        {
            if (!critical.Contains(r) || run.Documents[r]?.Spec is not RoleSpec spec)
            {
                continue;
            }
            foreach (var assignment in spec.Assignments)
            {
                var active = new List<int>();
                foreach (var holder in assignment.Holders)
                {
                    if (run.NodeOf(NodeKind.Person, holder.Name) is >= 0 and var person && run.Snapshot.Active[person] && !active.Contains(person))
                    {
                        active.Add(person);
                    }
                }
                if (active.Count < 2)
                {
                    continue;
                }
                var reachable = active.Where(Reachable).ToList();
                if (reachable.Count != 1)
                {
                    continue;
                }
                var only = reachable[0];
                var others = active.Where(p => p != only).ToList();
                var scope = assignment.Team is { } team ? $" for team {team.Name}" : "";
                run.Report(CheckCatalogue.OnlyReachableHolder, only,
                    $"{run.Subject(only)} is the only reachable holder of {run.Describe(r)}{scope}: the contact details of {string.Join(", ", others.Select(run.Name))} are not confirmed within the last {run.Options.ContactVerificationMonths} months, so nobody can be sure to reach a stand-in.",
                    run.At(assignment, "holders"));
            }
        }
    }

    /// <summary>The first active holder of an assignment (the primary in succession order), or -1.</summary>
    private static int FirstActive(CheckRun run, RoleAssignment assignment)
    {
        foreach (var holder in assignment.Holders)
        {
            if (run.NodeOf(NodeKind.Person, holder.Name) is >= 0 and var person && run.Snapshot.Active[person])
            {
                return person;
            }
        }
        return -1;
    }

    private static void Steps(CheckRun run, Func<Reference?, int[]> holdersOf)
    {
        foreach (var procedure in run.Procedures)
        {
            foreach (var step in ((ProcedureSpec)procedure.Spec).Steps)
            {
                if (step.Responsible is null)
                {
                    run.Report(CheckCatalogue.StepWithoutResponsibleRole, CheckRun.IdOf(procedure),
                        $"Step {step.Id} of procedure {procedure.Name} names no responsible role: nobody is charged with doing it.",
                        run.At(step));
                    continue;
                }
                var responsible = holdersOf(step.Responsible);
                var backup = holdersOf(step.Backup);
                if (responsible.Union(backup).Count() >= 2)
                {
                    continue;
                }
                var who = responsible.Length == 0 ? "nobody active" : "only " + run.Name(responsible[0]);
                var backupText = step.Backup is null ? "and it names no backup role"
                    : backup.Length == 0 ? $"and backup role {step.Backup.Name} has no active holder"
                    : $"and backup role {step.Backup.Name} is held by the same person";
                run.Report(CheckCatalogue.StepWithoutAlternate, CheckRun.IdOf(procedure),
                    $"Step {step.Id} of procedure {procedure.Name}: responsible role {step.Responsible.Name} is held by {who}, {backupText}.",
                    run.At(step, "responsible"));
            }
        }
    }

    private static void Contacts(CheckRun run, Range people)
    {
        var oldest = run.Options.Today.AddMonths(-run.Options.ContactVerificationMonths);
        for (var p = people.Start.Value; p < people.End.Value; p++)
        {
            if (!run.Snapshot.Active[p] || run.Documents[p]?.Spec is not PersonSpec spec)
            {
                continue;
            }
            if (spec.ContactVerified is not { } verified)
            {
                run.Report(CheckCatalogue.ContactNotVerified, p,
                    $"{run.Subject(p)} has never confirmed their contact details: no evidence yet that they are current.",
                    run.AtElement(p));
            }
            else if (verified < oldest)
            {
                run.Report(CheckCatalogue.ContactNotVerified, p,
                    $"{run.Subject(p)} last confirmed their contact details on {verified:yyyy-MM-dd}, more than {run.Options.ContactVerificationMonths} months ago.",
                    run.At(spec, "contactVerified"));
            }
        }
    }
}
