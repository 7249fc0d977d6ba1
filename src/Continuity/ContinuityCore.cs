using Continuity.Accounts;
using Continuity.Checks;
using Continuity.Data;
using Continuity.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Continuity;

public static class ContinuityCore
{
    /// <summary>The one composition root the web app and the command line share (ADR 008): the
    /// database, the clock, the analysis cache, the one writer of the plan, and accounts (Identity
    /// core on the plan's database, on that clock) with <see cref="UserAccounts"/>. The web adds
    /// sign-in, cookies, token providers, pages, the API and authorization on top.</summary>
    public static IdentityBuilder AddContinuityCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddContinuityDb(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<AnalysisCache>();
        services.AddScoped<PlanWriter>();
        services.AddScoped<Governance.PlanVersions>();
        services.AddScoped<Governance.VersionWorkflow>();
        services.AddScoped<Governance.AppSettings>();
        services.AddScoped<Functions.ObjectiveApprovals>();
        services.AddScoped<Governance.Distribution>();
        services.AddScoped<Governance.UpdateRequests>();
        services.AddScoped<Governance.ControlStatus>();
        services.AddScoped<Governance.ContactVerifications>();
        services.AddScoped<Governance.DailyReminders>();
        services.AddScoped<Governance.Deadlines>();
        services.AddScoped<Governance.CalendarFeeds>();
        services.AddScoped<Governance.Webhooks>();
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
