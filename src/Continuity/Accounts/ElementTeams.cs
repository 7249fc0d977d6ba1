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

    /// <summary>Every team the element is for, in plan order without repeats: the owning team, or
    /// each team a role is assigned for. What lists and findings filter by team.</summary>
    public static IReadOnlyList<string> All(ElementSpec spec, Func<string, string?> teamOfSystem) => spec switch
    {
        RoleSpec role => [.. role.Assignments.Select(a => a.Team?.Name).OfType<string>().Distinct(StringComparer.Ordinal)],
        _ => Owning(spec, teamOfSystem) is { } team ? [team] : [],
    };

    private static string? Own(ElementSpec spec) => spec switch
    {
        BusinessFunctionSpec function => function.Team?.Name,
        SystemSpec system => system.Team?.Name,
        ProcedureSpec procedure => procedure.Team?.Name,
        PersonSpec person => person.Team?.Name,
        _ => null,
    };
}
