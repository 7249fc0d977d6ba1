using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Continuity.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Continuity.Web.Security;

public static class AccessSetup
{
    /// <summary>The scheme every request is authenticated with: a bearer token when the request
    /// carries one, otherwise Identity's sign-in cookie.</summary>
    public const string Scheme = "Continuity";

    /// <summary>The rate limit on sign-in, two-factor, password reset and token creation.</summary>
    public const string AccountRateLimit = "accounts";

    public const string SignInPath = "/account/sign-in";

    // The endpoint routing answers with when the path exists but not for this method (405).
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    /// <summary>How often a session's cookie is checked against the user's security stamp, so
    /// that "sign out everywhere", a password reset or disabling a user ends other sessions.</summary>
    public static readonly TimeSpan SecurityStampInterval = TimeSpan.FromMinutes(1);

    /// <summary>Accounts (<see cref="ContinuityCore.AddContinuityCore"/>) with sign-in, the
    /// sign-in cookie, API tokens, Data Protection keys, rate limits on the account forms, and one
    /// authorization policy per <see cref="AccessPolicies"/> name; anything else is denied.</summary>
    public static IServiceCollection AddContinuityAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentAccess>();
        services.AddOptions<TokenOptions>().Bind(configuration.GetSection(TokenOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<TokenCacheEviction>();
        services.AddSingleton<TokenUses>();
        services.AddHostedService(services => services.GetRequiredService<TokenUses>());
        services.AddScoped<IAuthorizationHandler, AccessRequirementHandler>();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<IMailSender, SmtpMailSender>();

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

        services.AddContinuityCore(configuration)
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.ConfigureDbContext<SqliteContinuityDb>((provider, db) => db.AddInterceptors(provider.GetRequiredService<TokenCacheEviction>()));
        services.ConfigureDbContext<PostgresContinuityDb>((provider, db) => db.AddInterceptors(provider.GetRequiredService<TokenCacheEviction>()));
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = SecurityStampInterval);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "continuity.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.LoginPath = SignInPath;
            options.LogoutPath = "/account/sign-out";
            options.ReturnUrlParameter = "returnUrl";
            // Identity's events check the security stamp; keep them and change only the redirects.
            // Programs get a status code, people the sign-in page; someone signed in without the
            // right gets a 403 page, not a redirect.
            options.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    return Task.CompletedTask;
                };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.ConfigureExternalCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var keys = services.AddDataProtection().SetApplicationName("Continuity");
        if (configuration["DataProtection:KeysFolder"] is { Length: > 0 } folder)
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(folder));
        }
        else
        {
            keys.PersistKeysToDbContext<ContinuityDb>();
        }
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            keys.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration["DataProtection:CertificatePassword"]));
        }

        var perMinute = configuration.GetValue("RateLimits:AccountPerMinute", 20);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only the forms are limited (sign-in, code, reset, token), per client address; reading the pages is not.
            options.AddPolicy(AccountRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        services.AddAuthorization(options =>
        {
            foreach (var policy in AccessPolicies.Rules.Keys)
            {
                options.AddPolicy(policy, builder => builder
                    .AddAuthenticationSchemes(Scheme)
                    .RequireAuthenticatedUser()
                    .AddRequirements(new AccessRequirement(policy)));
            }
            // Default deny: an endpoint that names no policy (and is not [AllowAnonymous]) is
            // refused to everyone. A request that reaches no endpoint (404), or a method the path
            // does not answer (405), needs a sign-in only, so that unknown addresses tell anonymous
            // visitors nothing.
            options.FallbackPolicy = new AuthorizationPolicyBuilder(Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.Resource is HttpContext http
                    && http.GetEndpoint() is null or { DisplayName: MethodNotAllowedEndpoint })
                .Build();
        });
        return services;
    }

    /// <summary>A local return address only (never another site): <c>/path</c>, not <c>//host</c> or <c>/\host</c>.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";
}
