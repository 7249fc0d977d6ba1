using Continuity.PlanFiles;

namespace Continuity.Accounts;

/// <summary>What one user may do, decided from their access grants at the moment of asking
/// (ADR 006). The single decision point: pages, forms, API endpoints, exports and jobs ask it;
/// anything it does not allow is denied. A token acts with its user's <see cref="UserAccess"/>.</summary>
public sealed class UserAccess
{
    /// <summary>Someone who is not signed in, or whose account is disabled or unknown.</summary>
    public static readonly UserAccess Nobody = new(Guid.Empty, null, null, []);

    /// <summary>The kinds whose elements have a team; a team lead changes those of their teams.
    /// A backup policy belongs to its system's team.</summary>
    public static readonly IReadOnlySet<ElementKind> TeamKinds = new HashSet<ElementKind>
    {
        ElementKind.BusinessFunction, ElementKind.System, ElementKind.Procedure, ElementKind.Role, ElementKind.Person, ElementKind.BackupPolicy,
    };

    private readonly HashSet<AccessRole> _roles;
    private readonly HashSet<string> _teams;

    public UserAccess(Guid userId, string? email, string? personName, IEnumerable<AccessGrant> grants)
    {
        UserId = userId;
        Email = email;
        PersonName = personName;
        var list = grants.ToList();
        _roles = [.. list.Select(g => g.Role)];
        _teams = new HashSet<string>(list.Where(g => g.Role == AccessRole.TeamLead && g.Team is not null).Select(g => g.Team!), StringComparer.Ordinal);
    }

    public Guid UserId { get; }

    public string? Email { get; }

    /// <summary>The plan's person who is this user, when linked.</summary>
    public string? PersonName { get; }

    public bool IsSignedIn => UserId != Guid.Empty;

    public IReadOnlySet<string> LeadsTeams => _teams;

    public bool Holds(AccessRole role) => _roles.Contains(role);

    /// <summary>Reads the plan and its analysis: every access role but administrator alone.</summary>
    public bool CanReadPlan => _roles.Any(r => r != AccessRole.Administrator);

    /// <summary>Changes some part of the plan (the element decides: <see cref="CanChange"/>).</summary>
    public bool CanChangeAnything => Holds(AccessRole.ContinuityManager) || _teams.Count > 0;

    /// <summary>May change (create, replace, remove) an element of this kind owned by this team
    /// (null: the element has no team). A continuity manager changes everything; a team lead
    /// changes the team-owned kinds of their own teams.</summary>
    public bool CanChange(ElementKind kind, string? team) =>
        Holds(AccessRole.ContinuityManager)
        || (team is not null && TeamKinds.Contains(kind) && _teams.Contains(team));

    /// <summary>Whole-plan writes (import of plan files, waivers, the organisation).</summary>
    public bool CanChangeWholePlan => Holds(AccessRole.ContinuityManager);

    public bool CanReadAudit => Holds(AccessRole.ContinuityManager) || Holds(AccessRole.Auditor) || Holds(AccessRole.Administrator);

    public bool CanManageUsers => Holds(AccessRole.Administrator);

    /// <summary>Sees everyone's personal contact details (personal phone and e-mail, private
    /// contacts). Others see them only for themselves and for people named in a procedure or call
    /// tree of a continuity role they hold (<see cref="CanSeePrivateContactsOf"/>).</summary>
    public bool SeesAllPrivateContacts => Holds(AccessRole.ContinuityManager) || Holds(AccessRole.Auditor);

    /// <param name="person">The person whose details would be shown.</param>
    /// <param name="namedForMe">The people named in procedures and call trees of the continuity
    /// roles this user's person holds (computed from the plan by the caller).</param>
    public bool CanSeePrivateContactsOf(string person, IReadOnlySet<string> namedForMe) =>
        SeesAllPrivateContacts
        || (PersonName is not null && (PersonName == person || namedForMe.Contains(person)));

    public IEnumerable<string> Describe() =>
        _roles.Order().SelectMany(role => role == AccessRole.TeamLead
            ? _teams.Order(StringComparer.Ordinal).Select(team => $"team lead of {team}")
            : [AccessRoles.Slug(role).Replace('-', ' ')]);
}
