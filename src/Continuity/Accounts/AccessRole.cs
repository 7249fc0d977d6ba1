namespace Continuity.Accounts;

/// <summary>The application's permissions (ADR 006) — not the plan's continuity roles
/// (incident commander …), which say who does what in a disruption and grant nothing here.
/// Access lives in the app's own tables, never in plan files.</summary>
public enum AccessRole
{
    /// <summary>Users, tokens and settings; no plan content by this role alone.</summary>
    Administrator,

    /// <summary>Everything in the plan, including elements with no team and waivers.</summary>
    ContinuityManager,

    /// <summary>Changes the elements of one team (<see cref="AccessGrant.Team"/>) and reads the rest.</summary>
    TeamLead,

    /// <summary>Reads everything; approves versions with governance.</summary>
    Approver,

    /// <summary>Reads the plan.</summary>
    Member,

    /// <summary>Reads everything, the audit log included; changes nothing.</summary>
    Auditor,
}

public static class AccessRoles
{
    /// <summary>The role as people type and read it: <c>continuity-manager</c>, <c>team-lead</c> ….</summary>
    public static string Slug(AccessRole role) => role switch
    {
        AccessRole.Administrator => "administrator",
        AccessRole.ContinuityManager => "continuity-manager",
        AccessRole.TeamLead => "team-lead",
        AccessRole.Approver => "approver",
        AccessRole.Member => "member",
        AccessRole.Auditor => "auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string text, out AccessRole role)
    {
        foreach (var candidate in Enum.GetValues<AccessRole>())
        {
            if (string.Equals(Slug(candidate), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }

    public static string Choices => string.Join(", ", Enum.GetValues<AccessRole>().Select(Slug));
}
