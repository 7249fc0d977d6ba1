using System.Security.Cryptography;
using Continuity.Audit;
using Continuity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Accounts;

/// <summary>Why an account operation did not happen; null when it did.</summary>
public enum AccountProblem
{
    NotFound,
    Invalid,
    Conflict,
}

/// <summary>The outcome of an account operation, as data: a sentence for people, and a secret
/// (generated password, token) that the caller shows once and never stores or logs.</summary>
public sealed record AccountResult(AccountProblem? Problem, string Message, string? Secret = null)
{
    public bool Succeeded => Problem is null;

    public static AccountResult Ok(string message, string? secret = null) => new(null, message, secret);

    public static AccountResult Fail(AccountProblem problem, string message) => new(problem, message);
}

public sealed record UserRow(
    Guid Id, string Email, string? DisplayName, string? PersonName, IReadOnlyList<string> Access, IReadOnlyList<AccessGrant> Grants,
    bool TwoFactor, bool LockedOut, bool Disabled, DateTime CreatedUtc, DateTime? LastSignInUtc);

public sealed record TokenRow(Guid Id, Guid UserId, string Email, string Name, DateTime CreatedUtc, DateTime? ExpiresUtc, DateTime? RevokedUtc, DateTime? LastUsedUtc)
{
    public bool IsActive(DateTime nowUtc) => RevokedUtc is null && (ExpiresUtc is null || nowUtc < ExpiresUtc);
}

/// <summary>Every change to users, their access and their tokens, for the administration pages,
/// the account page and the command line alike; each is audited (actor, <c>user:EMAIL</c> or
/// <c>token:NAME</c>), never with a password or secret.</summary>
public sealed class UserAccounts(ContinuityUsers users, ContinuityDb db, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public const int MinimumPasswordLength = 12;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public ContinuityUsers Users => users;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string Subject(string? email) => $"user:{email}";

    public Task<ContinuityUser?> FindAsync(string email) => users.FindByEmailAsync(email.Trim());

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var grants = (await db.AccessGrants.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(g => g.UserId);
        var signIns = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "signed-in" && e.Subject != null)
            .GroupBy(e => e.Subject!).Select(g => new { Subject = g.Key, Last = g.Max(e => e.AtUtc) }).ToDictionaryAsync(x => x.Subject, x => x.Last, cancellationToken);
        var now = clock.GetUtcNow();
        return [.. rows.Select(u => new UserRow(
            u.Id, u.Email ?? "", u.DisplayName, u.PersonName,
            [.. new UserAccess(u.Id, u.Email, u.PersonName, grants[u.Id]).Describe()], [.. grants[u.Id]],
            u.TwoFactorEnabled, u.LockoutEnabled && u.LockoutEnd > now, u.Disabled, u.CreatedUtc,
            signIns.TryGetValue(Subject(u.Email), out var last) ? last : null))];
    }

    /// <summary>Adds a user with one access role. Without a password, one is generated and
    /// returned once in <see cref="AccountResult.Secret"/>.</summary>
    public async Task<AccountResult> AddAsync(string email, string? displayName, AccessRole role, string? team, string? password, string? personName,
        Actor actor, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (!IsEmail(email))
        {
            return AccountResult.Fail(AccountProblem.Invalid, $"'{email}' is not an e-mail address.");
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Fail(AccountProblem.Conflict, $"There is already a user {email}.");
        }
        if (await CheckGrantAsync(role, team, cancellationToken) is { } problem)
        {
            return problem;
        }
        var generated = password is null;
        password ??= GeneratePassword();
        var user = new ContinuityUser(email, string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(), Now) { PersonName = personName };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return AccountResult.Fail(AccountProblem.Invalid, Describe(created));
        }
        db.AccessGrants.Add(new AccessGrant(user.Id, role, role == AccessRole.TeamLead ? team : null));
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "user-added", Subject(email), cancellationToken,
            new FieldChange("access", null, role == AccessRole.TeamLead ? $"team-lead of {team}" : AccessRoles.Slug(role)));
        await transaction.CommitAsync(cancellationToken);
        return AccountResult.Ok($"Added {email} ({AccessRoles.Slug(role)}{(role == AccessRole.TeamLead ? $" of {team}" : "")}).", generated ? password : null);
    }

    /// <summary>Accounts for people of the plan, linked to them, with member access, skipping those
    /// who have an account (by e-mail or link) or no e-mail. Each result carries the one-time password.</summary>
    public async Task<IReadOnlyList<(string Person, AccountResult Result)>> InviteAsync(IReadOnlyCollection<string> people, Actor actor, CancellationToken cancellationToken)
    {
        var found = await db.People.AsNoTracking().Where(p => people.Contains(p.Name)).Select(p => new { p.Name, p.Email, p.Title }).ToListAsync(cancellationToken);
        var linked = await db.Users.AsNoTracking().Where(u => u.PersonName != null).Select(u => u.PersonName!).ToListAsync(cancellationToken);
        var results = new List<(string, AccountResult)>();
        foreach (var person in found.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            results.Add((person.Name, linked.Contains(person.Name)
                ? AccountResult.Fail(AccountProblem.Conflict, $"{person.Name} already has an account.")
                : await AddAsync(person.Email, person.Title ?? person.Name, AccessRole.Member, null, null, person.Name, actor, cancellationToken)));
        }
        return results;
    }

    /// <summary>The people who hold a continuity role in the plan.</summary>
    public async Task<IReadOnlyList<string>> RoleHoldersAsync(CancellationToken cancellationToken) =>
        await db.RoleHolders.AsNoTracking().Select(h => h.Person).Distinct().OrderBy(p => p).ToListAsync(cancellationToken);

    public async Task<AccountResult> GrantAsync(string email, AccessRole role, string? team, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return NoSuchUser(email);
        }
        if (await CheckGrantAsync(role, team, cancellationToken) is { } problem)
        {
            return problem;
        }
        team = role == AccessRole.TeamLead ? team : null;
        var grant = new AccessGrant(user.Id, role, team);
        if (await db.AccessGrants.AnyAsync(g => g.UserId == user.Id && g.Role == role && g.Team == team, cancellationToken))
        {
            return AccountResult.Ok($"{user.Email} already holds {grant}.");
        }
        db.AccessGrants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "access-granted", Subject(user.Email), cancellationToken, new FieldChange("access", null, grant.ToString()));
        return AccountResult.Ok($"{user.Email} now holds {grant}.");
    }

    public async Task<AccountResult> RevokeRoleAsync(string email, AccessRole role, string? team, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return NoSuchUser(email);
        }
        var grants = await db.AccessGrants.Where(g => g.UserId == user.Id && g.Role == role && (team == null || g.Team == team)).ToListAsync(cancellationToken);
        if (grants.Count == 0)
        {
            return AccountResult.Fail(AccountProblem.NotFound, $"{user.Email} does not hold {AccessRoles.Slug(role)}{(team is null ? "" : $" of {team}")}.");
        }
        if (role == AccessRole.Administrator && await IsLastAdministratorAsync(user.Id, cancellationToken))
        {
            return AccountResult.Fail(AccountProblem.Conflict, $"{user.Email} is the last administrator; grant administrator to someone else first.");
        }
        db.AccessGrants.RemoveRange(grants);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "access-revoked", Subject(user.Email), cancellationToken,
            [.. grants.Select(g => new FieldChange("access", g.ToString(), null))]);
        return AccountResult.Ok($"{user.Email} no longer holds {string.Join(", ", grants)}.");
    }

    /// <summary>Disables (the user cannot sign in, their sessions end and tokens stop working) or enables a user.</summary>
    public async Task<AccountResult> SetDisabledAsync(string email, bool disabled, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return NoSuchUser(email);
        }
        if (disabled && await IsLastAdministratorAsync(user.Id, cancellationToken))
        {
            return AccountResult.Fail(AccountProblem.Conflict, $"{user.Email} is the last administrator and cannot be disabled.");
        }
        if (user.Disabled == disabled)
        {
            return AccountResult.Ok($"{user.Email} is already {(disabled ? "disabled" : "enabled")}.");
        }
        user.Disabled = disabled;
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, disabled ? "user-disabled" : "user-enabled", Subject(user.Email), cancellationToken);
        return AccountResult.Ok($"{user.Email} is {(disabled ? "disabled" : "enabled")}.");
    }

    /// <summary>Sets a new password (generated and returned once when none is given), ends the
    /// lock-out and every session of the user.</summary>
    public async Task<AccountResult> ResetPasswordAsync(string email, string? password, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return NoSuchUser(email);
        }
        var generated = password is null;
        password ??= GeneratePassword();
        if (await ValidatePasswordAsync(user, password) is { } problem)
        {
            return problem;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
        {
            return AccountResult.Fail(AccountProblem.Invalid, Describe(added));
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(actor, "password-reset", Subject(user.Email), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AccountResult.Ok($"The password of {user.Email} is reset.", generated ? password : null);
    }

    public async Task<AccountResult> LinkPersonAsync(string email, string? personName, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return NoSuchUser(email);
        }
        personName = string.IsNullOrWhiteSpace(personName) ? null : personName.Trim();
        if (personName is not null && !await db.People.AnyAsync(p => p.Name == personName, cancellationToken))
        {
            return AccountResult.Fail(AccountProblem.Invalid, $"The plan has no person '{personName}'.");
        }
        var before = user.PersonName;
        user.PersonName = personName;
        await users.UpdateAsync(user);
        await AuditAsync(actor, "person-linked", Subject(user.Email), cancellationToken, new FieldChange("person", before, personName));
        return AccountResult.Ok(personName is null ? $"{user.Email} is linked to no person." : $"{user.Email} is linked to {personName}.");
    }

    public async Task<IReadOnlyList<TokenRow>> TokensAsync(Guid? userId, CancellationToken cancellationToken) =>
        await db.ApiTokens.AsNoTracking().Where(t => userId == null || t.UserId == userId)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, u.Email })
            .OrderBy(x => x.Email).ThenBy(x => x.Token.CreatedUtc)
            .Select(x => new TokenRow(x.Token.Id, x.Token.UserId, x.Email ?? "", x.Token.Name, x.Token.CreatedUtc, x.Token.ExpiresUtc, x.Token.RevokedUtc, x.Token.LastUsedUtc))
            .ToListAsync(cancellationToken);

    /// <summary>A new API token for the user; the secret is in <see cref="AccountResult.Secret"/>, once.</summary>
    public async Task<AccountResult> CreateTokenAsync(string email, string name, DateTime? expiresUtc, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return NoSuchUser(email);
        }
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            return AccountResult.Fail(AccountProblem.Invalid, "A token needs a name of 1 to 100 characters.");
        }
        if (expiresUtc is { } expires && expires <= Now)
        {
            return AccountResult.Fail(AccountProblem.Invalid, "The expiry date must be in the future.");
        }
        if (user.Disabled)
        {
            return AccountResult.Fail(AccountProblem.Conflict, $"{user.Email} is disabled.");
        }
        var (token, secret) = ApiToken.Issue(user.Id, name, Now, expiresUtc);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "token-created", $"token:{name}", cancellationToken, new FieldChange("user", null, user.Email));
        return AccountResult.Ok($"Created token '{name}' for {user.Email}.", secret);
    }

    /// <summary>Revokes one token; when <paramref name="ownerId"/> is given, only if it is theirs.</summary>
    public async Task<AccountResult> RevokeTokenAsync(Guid tokenId, Guid? ownerId, Actor actor, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && (ownerId == null || t.UserId == ownerId), cancellationToken);
        if (token is null)
        {
            return AccountResult.Fail(AccountProblem.NotFound, "There is no such token.");
        }
        token.Revoke(Now);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "token-revoked", $"token:{token.Name}", cancellationToken);
        return AccountResult.Ok($"Revoked token '{token.Name}'.");
    }

    /// <summary>Revokes tokens of a user by name, or all of them when <paramref name="name"/> is null.</summary>
    public async Task<AccountResult> RevokeTokensAsync(string email, string? name, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return NoSuchUser(email);
        }
        var now = Now;
        var tokens = await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedUtc == null && (name == null || t.Name == name)).ToListAsync(cancellationToken);
        if (tokens.Count == 0)
        {
            return name is null ? AccountResult.Ok($"{user.Email} has no active tokens.") : AccountResult.Fail(AccountProblem.NotFound, $"{user.Email} has no active token '{name}'.");
        }
        foreach (var token in tokens)
        {
            token.Revoke(now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, [.. tokens.Select(t => new AuditRecord(actor.Name, actor.Channel, "token-revoked", $"token:{t.Name}"))], cancellationToken);
        return AccountResult.Ok($"Revoked {tokens.Count} token(s) of {user.Email}.");
    }

    public Task AuditAsync(Actor actor, string action, string? subject, CancellationToken cancellationToken, params FieldChange[] changes) =>
        AuditAsync(actor, [new AuditRecord(actor.Name, actor.Channel, action, subject, null, changes)], cancellationToken);

    private Task AuditAsync(Actor actor, IReadOnlyCollection<AuditRecord> records, CancellationToken cancellationToken) =>
        AuditLog.AppendAsync(db, Now, records, cancellationToken);

    public async Task<AccountResult?> ValidatePasswordAsync(ContinuityUser user, string password)
    {
        var problems = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors);
        }
        return problems.Count == 0 ? null : AccountResult.Fail(AccountProblem.Invalid, string.Join(" ", problems.Select(e => e.Description)));
    }

    /// <summary>Proves, inside a request, that the signed-in user is at the keyboard (ADR 010: a
    /// sign-off re-enters a secret): their password, or when they use two-factor sign-in a current
    /// authenticator code. A wrong secret counts towards the lockout like a failed sign-in.</summary>
    /// <returns><c>password</c> or <c>authenticator</c>, or null when the secret is wrong, the
    /// account is locked out or disabled.</returns>
    public async Task<string?> ConfirmIdentityAsync(Guid userId, string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || await users.FindByIdAsync(userId.ToString()) is not { Disabled: false } user || await users.IsLockedOutAsync(user))
        {
            return null;
        }
        var code = secret.Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 6 && code.All(char.IsAsciiDigit) && await users.GetTwoFactorEnabledAsync(user)
            && await users.VerifyTwoFactorTokenAsync(user, AuthenticatorCodes.ProviderName, code))
        {
            await users.ResetAccessFailedCountAsync(user);
            return "authenticator";
        }
        if (await users.CheckPasswordAsync(user, secret))
        {
            await users.ResetAccessFailedCountAsync(user);
            return "password";
        }
        await users.AccessFailedAsync(user);
        return null;
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    /// <summary>20 characters from an alphabet without look-alikes (about 98 bits).</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679", 20);

    private static bool IsEmail(string email) =>
        email.Length is > 2 and <= 256 && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);

    private static AccountResult NoSuchUser(string email) => AccountResult.Fail(AccountProblem.NotFound, $"There is no user {email.Trim()}.");

    private async Task<AccountResult?> CheckGrantAsync(AccessRole role, string? team, CancellationToken cancellationToken)
    {
        if (role != AccessRole.TeamLead)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(team))
        {
            return AccountResult.Fail(AccountProblem.Invalid, "A team lead needs a team (--team TEAM).");
        }
        return await db.Teams.AnyAsync(t => t.Name == team, cancellationToken)
            ? null
            : AccountResult.Fail(AccountProblem.Invalid, $"The plan has no team '{team}'.");
    }

    private async Task<bool> IsLastAdministratorAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.AccessGrants.AnyAsync(g => g.UserId == userId && g.Role == AccessRole.Administrator, cancellationToken)
        && !await db.AccessGrants.Where(g => g.Role == AccessRole.Administrator && g.UserId != userId)
            .Join(db.Users.Where(u => !u.Disabled), g => g.UserId, u => u.Id, (g, _) => g).AnyAsync(cancellationToken);
}
