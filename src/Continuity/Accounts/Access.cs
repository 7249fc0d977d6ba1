using Continuity.Data;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Accounts;

public static class Access
{
    /// <summary>The user's access as the database says now: a disabled or unknown user is <see cref="UserAccess.Nobody"/>.</summary>
    public static async Task<UserAccess> LoadAsync(ContinuityDb db, Guid userId, CancellationToken cancellationToken)
    {
        // One query for the user and their grants: it runs on every request.
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.PersonName, u.Disabled, Grants = db.AccessGrants.Where(g => g.UserId == u.Id).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.Disabled)
        {
            return UserAccess.Nobody;
        }
        return new UserAccess(userId, user.Email, user.PersonName, user.Grants);
    }
}

/// <summary>An enabled user as governance lists them: sign-in name, display name and their access.</summary>
public sealed record UserSummary(Guid Id, string Email, string Name, UserAccess Access);

public static class Users
{
    /// <summary>Every enabled user with their access, by e-mail: the candidates for reviewers and the approver pool.</summary>
    public static async Task<IReadOnlyList<UserSummary>> EnabledAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PersonName, Grants = db.AccessGrants.Where(g => g.UserId == u.Id).ToList() })
            .ToListAsync(cancellationToken);
        return [.. users.Select(u => new UserSummary(u.Id, u.Email!, u.DisplayName ?? u.Email!, new UserAccess(u.Id, u.Email, u.PersonName, u.Grants)))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)];
    }
}
