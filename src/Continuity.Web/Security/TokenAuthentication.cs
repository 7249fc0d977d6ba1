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
/// principal is the token's user; what they may do is decided per request from the user's
/// current grants (<see cref="CurrentAccess"/>), so a token never has more rights than its user.</summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ContinuityDb db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>Claim on a token principal: the token's id (audit entries name it).</summary>
    public const string TokenIdClaim = "continuity:token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request.Headers.Authorization.ToString(), out var secret))
        {
            return AuthenticateResult.NoResult();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = ApiToken.HashOf(secret);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, u.Email, u.Disabled })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.Disabled || !found.Token.IsActive(now))
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired, or its user is disabled.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.Token.UserId.ToString()),
                new Claim(ClaimTypes.Name, found.Email ?? ""),
                new Claim(ClaimTypes.Email, found.Email ?? ""),
                new Claim(TokenIdClaim, found.Token.Id.ToString()),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
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
