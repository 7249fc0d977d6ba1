using System.Security.Claims;
using System.Text.Encodings.Web;
using Continuity.Accounts;
using Continuity.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Continuity.Web.Security;

/// <summary>Authenticates <c>Authorization: Bearer cty_…</c> with an API token: found by the
/// SHA-256 of the secret, active (not revoked, not expired) and its user not disabled. The
/// principal is the token's user; what they may do is the user's current grants
/// (<see cref="CurrentAccess"/> takes them from here), so a token never has more rights than its user.
/// <para>A token found active is kept with its user's access in <see cref="TokenCache"/> for
/// <c>Tokens:CacheSeconds</c> (5 s): while it is, the request runs no query for authentication or
/// authorization, and a revocation, a disabled account or a removed grant made outside this process
/// takes effect within those seconds (made through this process, at once). Expiry is checked against
/// the clock on every request. <c>LastUsedUtc</c> is written at most every
/// <see cref="TokenUses.Interval"/>, off the request (<see cref="TokenUses"/>).</para></summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ContinuityDb db, TimeProvider clock, TokenCache cache, TokenUses uses) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>Claim on a token principal: the token's id (audit entries name it).</summary>
    public const string TokenIdClaim = "continuity:token";

    private static readonly object AccessKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request.Headers.Authorization.ToString(), out var secret))
        {
            return AuthenticateResult.NoResult();
        }
        var now = clock.GetUtcNow();
        var hash = ApiToken.HashOf(secret);
        if (!cache.TryGet(hash, out var token))
        {
            if (await LoadAsync(hash, now, Context.RequestAborted) is not { } loaded)
            {
                return Refused;
            }
            token = loaded;
            cache.Add(hash, token);
        }
        if (token.ExpiresUtc is { } expires && now.UtcDateTime >= expires)
        {
            return Refused;
        }
        Context.Items[AccessKey] = token.Access;
        uses.Record(token.TokenId, now);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString()),
                new Claim(ClaimTypes.Name, token.Email),
                new Claim(ClaimTypes.Email, token.Email),
                new Claim(TokenIdClaim, token.TokenId.ToString()),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static AuthenticateResult Refused => AuthenticateResult.Fail("The token is unknown, revoked or expired, or its user is disabled.");

    /// <summary>The access of the user this request's token authenticated, when it did.</summary>
    internal static UserAccess? AccessOf(HttpContext context) => context.Items.TryGetValue(AccessKey, out var access) ? access as UserAccess : null;

    private async Task<CachedToken?> LoadAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, u.Email, u.Disabled })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.Disabled || !found.Token.IsActive(now.UtcDateTime))
        {
            return null;
        }
        var access = await Access.LoadAsync(db, found.Token.UserId, cancellationToken);
        return access.IsSignedIn
            ? new CachedToken(found.Token.Id, found.Token.UserId, found.Email ?? "", found.Token.ExpiresUtc, access, now)
            : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"continuity\"";
        return Task.CompletedTask;
    }

    internal static bool TryReadBearer(string header, out string secret)
    {
        const string bearer = "Bearer ";
        secret = header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : "";
        return secret.Length > 0;
    }
}
