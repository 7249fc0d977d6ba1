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
