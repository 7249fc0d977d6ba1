using Continuity.Accounts;
using Continuity.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Continuity.Web.Security;

public static class AccessSetup
{
    /// <summary>The scheme every request is authenticated with: a bearer token when the request
    /// carries one, otherwise Identity's sign-in cookie.</summary>
    public const string Scheme = "Continuity";

    /// <summary>Accounts (ASP.NET Core Identity on the plan's database), the sign-in cookie, API
    /// tokens, and one authorization policy per <see cref="AccessPolicies"/> name.</summary>
    public static IServiceCollection AddContinuityAccess(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentAccess>();
        services.AddScoped<IAuthorizationHandler, AccessRequirementHandler>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Sign-in cookie or API token", options =>
                options.ForwardDefaultSelector = context =>
                    TokenAuthentication.TryReadBearer(context.Request.Headers.Authorization.ToString(), out _)
                        ? TokenAuthentication.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddIdentityCookies();

        services.AddIdentityCore<ContinuityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
            })
            .AddEntityFrameworkStores<ContinuityDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorization(options =>
        {
            foreach (var policy in AccessPolicies.Rules.Keys)
            {
                options.AddPolicy(policy, builder => builder
                    .AddAuthenticationSchemes(Scheme)
                    .RequireAuthenticatedUser()
                    .AddRequirements(new AccessRequirement(policy)));
            }
        });
        return services;
    }
}
