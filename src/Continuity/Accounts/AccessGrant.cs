namespace Continuity.Accounts;

/// <summary>One access role held by one user; a team lead holds one grant per team.</summary>
public sealed class AccessGrant
{
    private AccessGrant()
    {
    }

    public AccessGrant(Guid userId, AccessRole role, string? team)
    {
        if (role == AccessRole.TeamLead)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(team);
        }
        else if (team is not null)
        {
            throw new ArgumentException($"Only a team lead is granted access for a team, not {AccessRoles.Slug(role)}.", nameof(team));
        }
        Id = Guid.CreateVersion7();
        UserId = userId;
        Role = role;
        Team = team;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public AccessRole Role { get; private set; }

    /// <summary>The team's name, for <see cref="AccessRole.TeamLead"/> only.</summary>
    public string? Team { get; private set; }

    public override string ToString() => Team is null ? AccessRoles.Slug(Role) : $"{AccessRoles.Slug(Role)} of {Team}";
}
