using Continuity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Continuity.Accounts;

public static class ContinuityCore
{
    /// <summary>What the web app and the command line share: the database, the clock, and
    /// accounts (Identity core on the plan's database, on that clock) with <see cref="UserAccounts"/>.
    /// The web adds sign-in, cookies, token providers and authorization on top.</summary>
    public static IdentityBuilder AddContinuityCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddContinuityDb(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddScoped<UserAccounts>();
        return services.AddIdentityCore<ContinuityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = UserAccounts.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = UserAccounts.LockoutDuration;
                options.Password.RequiredLength = UserAccounts.MinimumPasswordLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Tokens.AuthenticatorTokenProvider = AuthenticatorCodes.ProviderName;
            })
            .AddUserManager<ContinuityUsers>()
            .AddEntityFrameworkStores<ContinuityDb>()
            .AddTokenProvider<AuthenticatorCodes>(AuthenticatorCodes.ProviderName);
    }
}
