using System.Security.Claims;
using Continuity.Accounts;
using Continuity.Data;
using Microsoft.AspNetCore.Authorization;

namespace Continuity.Web.Security;

/// <summary>The names of the authorization policies every page, handler and endpoint declares
/// (ADR 006). Coarse gates only: whether a user may change a particular element is decided by
/// <see cref="UserAccess.CanChange"/> with that element's kind and team.</summary>
public static class AccessPolicies
{
    /// <summary>Reads the plan and its analysis.</summary>
    public const string ReadPlan = "plan.read";

    /// <summary>Changes some part of the plan (continuity manager, team lead).</summary>
    public const string ChangePlan = "plan.change";

    /// <summary>Whole-plan writes: import of plan files, the organisation, waivers (continuity manager).</summary>
    public const string ChangeWholePlan = "plan.change-all";

    /// <summary>Reads the audit log.</summary>
    public const string ReadAudit = "audit.read";

    /// <summary>Manages users, their access and tokens, and settings (administrator).</summary>
    public const string ManageUsers = "users.manage";

    /// <summary>Signed in, whatever the access: the account's own pages (password, two-factor, tokens).</summary>
    public const string SignedIn = "signed-in";

    internal static readonly IReadOnlyDictionary<string, Func<UserAccess, bool>> Rules = new Dictionary<string, Func<UserAccess, bool>>
    {
        [ReadPlan] = access => access.CanReadPlan,
        [ChangePlan] = access => access.CanChangeAnything,
        [ChangeWholePlan] = access => access.CanChangeWholePlan,
        [ReadAudit] = access => access.CanReadAudit,
        [ManageUsers] = access => access.CanManageUsers,
        [SignedIn] = access => access.IsSignedIn,
    };
}

/// <summary>The signed-in user's access for this request, loaded once from the database — so a
/// grant removed or an account disabled takes effect on the next request for a session. A request
/// with an API token takes the access its authentication found (<see cref="TokenAuthentication"/>),
/// which may be up to <c>Tokens:CacheSeconds</c> old.</summary>
public sealed class CurrentAccess(IHttpContextAccessor http, ContinuityDb db)
{
    private UserAccess? _access;

    public async Task<UserAccess> GetAsync(CancellationToken cancellationToken = default) =>
        _access ??= await LoadAsync(http.HttpContext, cancellationToken);

    private async Task<UserAccess> LoadAsync(HttpContext? context, CancellationToken cancellationToken)
    {
        var user = context?.User;
        if (user?.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return UserAccess.Nobody;
        }
        return TokenAuthentication.AccessOf(context!) is { } token && token.UserId == id && user.Identity.AuthenticationType == TokenAuthentication.SchemeName
            ? token
            : await Access.LoadAsync(db, id, cancellationToken);
    }
}

internal sealed class AccessRequirement(string policy) : IAuthorizationRequirement
{
    public string Policy { get; } = policy;
}

internal sealed class AccessRequirementHandler(CurrentAccess current) : AuthorizationHandler<AccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && AccessPolicies.Rules[requirement.Policy](await current.GetAsync()))
        {
            context.Succeed(requirement);
        }
    }
}
