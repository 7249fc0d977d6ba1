using Continuity.PlanFiles;

namespace Continuity.Accounts;

/// <summary>Which teams an element belongs to (ADR 006): its own <c>team</c> (function, system,
/// procedure, person), a team itself, a backup policy its system's team, a continuity role the
/// teams of its assignments.</summary>
public static class ElementTeams
{
    /// <summary>The one team whose lead may change the element: its team; a role's when all its
    /// assignments are for one team (a role assigned for several teams belongs to the whole plan
    /// and a continuity manager changes it); a backup policy's system's, looked up by
    /// <paramref name="teamOfSystem"/>. Null when it has none.</summary>
    public static string? Owning(ElementSpec spec, Func<string, string?> teamOfSystem)
    {
        ArgumentNullException.ThrowIfNull(teamOfSystem);
        return spec switch
        {
            RoleSpec role => role.Assignments.Select(a => a.Team?.Name).Distinct().Count() == 1 ? role.Assignments[0].Team?.Name : null,
            BackupPolicySpec { System.Name: { } system } => teamOfSystem(system),
            _ => Own(spec),
        };
    }

    /// <summary>Every team the element is for, in plan order without repeats: a team itself, the
    /// owning team, or each team a role is assigned for. What lists, findings and team plans
    /// (ADR 010) go by.</summary>
    public static IReadOnlyList<string> All(PlanDocument document, Func<string, string?> teamOfSystem)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Spec switch
        {
            TeamSpec => [document.Name],
            RoleSpec role => [.. role.Assignments.Select(a => a.Team?.Name).OfType<string>().Distinct(StringComparer.Ordinal)],
            var spec => Owning(spec, teamOfSystem) is { } team ? [team] : [],
        };
    }

    /// <summary>Each system's team in <paramref name="plan"/>, the lookup <see cref="Owning"/> and
    /// <see cref="All"/> take for backup policies.</summary>
    public static Func<string, string?> SystemTeamsIn(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var teams = plan.Specs<SystemSpec>().ToDictionary(s => s.Document.Name, s => s.Spec.Team?.Name, StringComparer.Ordinal);
        return teams.GetValueOrDefault;
    }

    private static string? Own(ElementSpec spec) => spec switch
    {
        BusinessFunctionSpec function => function.Team?.Name,
        SystemSpec system => system.Team?.Name,
        ProcedureSpec procedure => procedure.Team?.Name,
        PersonSpec person => person.Team?.Name,
        _ => null,
    };
}
