using System.Net;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Accounts;

/// <summary>Every Razor Pages handler and every other endpoint of the app, taken from the app
/// itself, against anonymous visitors and a user of each access role (ADR 006). The expected
/// table is written here; an endpoint the table does not list fails the test.</summary>
public abstract class AccessMatrixTests(ContinuityApp app)
{
    /// <summary>Skips (or fails under CI) where the database the app needs is missing.</summary>
    protected virtual Task RequireDatabaseAsync() => Task.CompletedTask;

    private const string Anyone = "anonymous";

    /// <summary>Who may use what: the policy each handler must carry, by "METHOD route handler".</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /healthz"] = Anyone,
        ["HEAD /healthz"] = Anyone,
        ["GET /error"] = Anyone,
        ["GET /account/sign-in"] = Anyone,
        ["POST /account/sign-in"] = Anyone,
        ["GET /account/two-factor"] = Anyone,
        ["POST /account/two-factor"] = Anyone,
        ["GET /account/forgot-password"] = Anyone,
        ["POST /account/forgot-password"] = Anyone,
        ["GET /account/reset-password"] = Anyone,
        ["POST /account/reset-password"] = Anyone,
        ["GET /account/sign-out"] = "signed-in",
        ["POST /account/sign-out"] = "signed-in",
        ["GET /account"] = "signed-in",
        ["POST /account ChangePassword"] = "signed-in",
        ["POST /account SetUpTwoFactor"] = "signed-in",
        ["POST /account VerifyTwoFactor"] = "signed-in",
        ["POST /account RecoveryCodes"] = "signed-in",
        ["POST /account DisableTwoFactor"] = "signed-in",
        ["POST /account SignOutEverywhere"] = "signed-in",
        ["POST /account CreateCalendar"] = "signed-in",
        ["POST /account StopCalendar"] = "signed-in",
        ["GET /calendar/{token}.ics"] = Anyone,
        ["HEAD /calendar/{token}.ics"] = Anyone,
        ["POST /account CreateToken"] = "signed-in",
        ["POST /account RevokeToken"] = "signed-in",
        ["GET /"] = "plan.read",
        ["GET /functions"] = "plan.read",
        ["GET /functions/{name}"] = "plan.read",
        ["GET /systems"] = "plan.read",
        ["GET /systems/{name}"] = "plan.read",
        ["GET /vendors"] = "plan.read",
        ["GET /vendors/{name}"] = "plan.read",
        ["GET /{path}/{name}/picture"] = "plan.read",
        ["GET /recovery-waves"] = "plan.read",
        ["GET /what-if"] = "plan.read",
        ["GET /what-if/suggest"] = "plan.read",
        ["GET /{path:regex(^(sites|teams|people|roles|risks|scenarios|procedures|communication-plans|backup-policies)$)}"] = "plan.read",
        ["GET /{path:regex(^(sites|teams|people|roles|risks|scenarios|procedures|communication-plans|backup-policies)$)}/{name}"] = "plan.read",
        ["GET /organisation"] = "plan.read",
        ["GET /dependencies"] = "plan.read",
        ["GET /functions/{name}/objectives"] = "plan.change",
        ["POST /functions/{name}/objectives"] = "plan.change",
        ["GET /functions/{name}/bia"] = "plan.change",
        ["POST /functions/{name}/bia"] = "plan.change",
        ["POST /functions/{name}/bia Suggest"] = "plan.change",
        ["GET /checks"] = "plan.read",
        ["GET /control"] = "plan.read",
        ["GET /waivers"] = "plan.read",
        ["GET /waivers/new"] = "plan.change-all",
        ["POST /waivers/new"] = "plan.change-all",
        ["GET /waivers/edit"] = "plan.change-all",
        ["POST /waivers/edit"] = "plan.change-all",
        ["POST /waivers/edit Remove"] = "plan.change-all",
        ["GET /audit"] = "audit.read",
        ["GET /admin/users"] = "users.manage",
        ["POST /admin/users Add"] = "users.manage",
        ["POST /admin/users Invite"] = "users.manage",
        ["POST /admin/users InviteRoleHolders"] = "users.manage",
        ["GET /admin/users/{id:guid}"] = "users.manage",
        ["POST /admin/users/{id:guid} Grant"] = "users.manage",
        ["POST /admin/users/{id:guid} RevokeRole"] = "users.manage",
        ["POST /admin/users/{id:guid} Disable"] = "users.manage",
        ["POST /admin/users/{id:guid} Enable"] = "users.manage",
        ["POST /admin/users/{id:guid} ResetPassword"] = "users.manage",
        ["POST /admin/users/{id:guid} LinkPerson"] = "users.manage",
        ["POST /admin/users/{id:guid} RevokeTokens"] = "users.manage",
        ["POST /admin/users/{id:guid} RevokeToken"] = "users.manage",
        ["GET /api"] = "plan.read",
        ["HEAD /api"] = "plan.read",
        ["GET /api/v1/openapi.json"] = "plan.read",
        ["GET /api/v1/analysis/check"] = "plan.read",
        ["HEAD /api/v1/analysis/check"] = "plan.read",
        ["GET /api/v1/analysis/impact"] = "plan.read",
        ["HEAD /api/v1/analysis/impact"] = "plan.read",
        ["GET /api/v1/analysis/recovery-order"] = "plan.read",
        ["HEAD /api/v1/analysis/recovery-order"] = "plan.read",
        ["GET /api/v1/analysis/spof"] = "plan.read",
        ["HEAD /api/v1/analysis/spof"] = "plan.read",
        ["GET /plan/versions"] = "plan.read",
        ["POST /plan/versions Request"] = "plan.read",
        ["GET /plan/versions/submit"] = "plan.change",
        ["POST /plan/versions/submit"] = "plan.change",
        ["GET /plan/versions/{scope}/{number:int}"] = "plan.read",
        ["GET /plan/versions/{scope}/{number:int}/document"] = "plan.read",
        ["GET /plan/versions/{scope}/{number:int}/role"] = "plan.read",
        ["GET /admin/settings"] = "users.manage",
        ["GET /admin/webhooks"] = "users.manage",
        ["POST /admin/webhooks Add"] = "users.manage",
        ["POST /admin/webhooks Enable"] = "users.manage",
        ["POST /admin/webhooks Ping"] = "users.manage",
        ["GET /objectives/approve"] = "plan.read",
        ["POST /objectives/approve"] = "plan.read",
        ["POST /admin/settings"] = "users.manage",
        ["POST /plan/versions/{scope}/{number:int} Comment"] = "plan.read",
        ["POST /plan/versions/{scope}/{number:int} Review"] = "plan.read",
        ["POST /plan/versions/{scope}/{number:int} Reviewers"] = "plan.read",
        ["POST /plan/versions/{scope}/{number:int} Sign"] = "plan.read",
        ["GET /api/v1/plan/versions"] = "plan.read",
        ["HEAD /api/v1/plan/versions"] = "plan.read",
        ["POST /api/v1/plan/versions"] = "plan.change",
        ["GET /api/v1/plan/versions/{scope}/{number:int}"] = "plan.read",
        ["HEAD /api/v1/plan/versions/{scope}/{number:int}"] = "plan.read",
        ["GET /api/v1/plan/versions/{scope}/{number:int}/workflow"] = "plan.read",
        ["GET /api/v1/plan/versions/{scope}/{number:int}/approval.pdf"] = "plan.read",
        ["POST /api/v1/plan/versions/{scope}/{number:int}/publish"] = "plan.read",
        ["GET /api/v1/plan/versions/{scope}/{number:int}/distribution"] = "plan.read",
        ["HEAD /api/v1/plan/versions/{scope}/{number:int}/distribution"] = "plan.read",
        ["POST /api/v1/plan/versions/{scope}/{number:int}/acknowledgements"] = "plan.read",
        ["HEAD /api/v1/plan/versions/{scope}/{number:int}/approval.pdf"] = "plan.read",
        ["GET /plan/versions/{scope}/{number:int}/approval.pdf"] = "plan.read",
        ["POST /plan/versions/{scope}/{number:int} RenderPdf"] = "plan.read",
        ["POST /plan/versions/{scope}/{number:int} Publish"] = "plan.read",
        ["POST /plan/versions/{scope}/{number:int} OfflineCopy"] = "plan.read",
        ["GET /inbox"] = "signed-in",
        ["POST /inbox Acknowledge"] = "signed-in",
        ["GET /acknowledge/{token}"] = Anyone,
        ["POST /acknowledge/{token}"] = Anyone,
        ["GET /verify-contact/{token}"] = Anyone,
        ["POST /verify-contact/{token} Confirm"] = Anyone,
        ["POST /verify-contact/{token} Correct"] = Anyone,
        ["GET /api/v1/control-status"] = "plan.read",
        ["HEAD /api/v1/control-status"] = "plan.read",
        ["GET /api/v1/objectives"] = "plan.read",
        ["HEAD /api/v1/objectives"] = "plan.read",
        ["GET /api/v1/objectives/approvals"] = "plan.read",
        ["HEAD /api/v1/objectives/approvals"] = "plan.read",
        ["POST /api/v1/objectives/approvals"] = "plan.read",
        ["HEAD /api/v1/plan/versions/{scope}/{number:int}/workflow"] = "plan.read",
        ["POST /api/v1/plan/versions/{scope}/{number:int}/reviewers"] = "plan.read",
        ["POST /api/v1/plan/versions/{scope}/{number:int}/comments"] = "plan.read",
        ["POST /api/v1/plan/versions/{scope}/{number:int}/reviews"] = "plan.read",
        ["POST /api/v1/plan/versions/{scope}/{number:int}/sign-offs"] = "plan.read",
        ["GET /api/v1/plan/diff"] = "plan.read",
        ["HEAD /api/v1/plan/diff"] = "plan.read",
        ["GET /api/v1/export"] = "plan.read",
        ["HEAD /api/v1/export"] = "plan.read",
        ["POST /api/v1/import"] = "plan.change-all",
    };

    /// <summary>The API's element collections: each lists (GET, HEAD) and reads one element (GET, HEAD), for readers of the plan;
    /// creates (POST), replaces (PUT, PATCH) and removes (DELETE) one for those who change the plan (which element: UserAccess.CanChange).</summary>
    private static readonly string[] Collections =
        ["organisations", "sites", "teams", "people", "roles", "functions", "systems", "vendors", "risks", "scenarios", "procedures", "communication-plans", "backup-policies"];

    static AccessMatrixTests()
    {
        foreach (var collection in Collections)
        {
            foreach (var method in new[] { "GET", "HEAD" })
            {
                Expected[$"{method} /api/v1/{collection}"] = "plan.read";
                Expected[$"{method} /api/v1/{collection}/{{name}}"] = "plan.read";
            }
            Expected[$"POST /api/v1/{collection}"] = "plan.change";
            foreach (var method in new[] { "PUT", "PATCH", "DELETE" })
            {
                Expected[$"{method} /api/v1/{collection}/{{name}}"] = "plan.change";
            }
        }
        // The forms of every kind (Pages/Forms): changing an element is plan.change (which element:
        // UserAccess.CanChange); creating one of a kind without a team, or the organisation, needs plan.change-all.
        foreach (var path in FormPaths)
        {
            foreach (var method in new[] { "GET", "POST" })
            {
                // A POST without its antiforgery token is refused (400) before the handler asks whose element it is.
                Expected[$"{method} /{path}/new"] = TeamKindPaths.Contains(path) || method == "POST" ? "plan.change" : "plan.change-all";
                Expected[$"{method} /{path}/{{name}}/edit"] = "plan.change";
                Expected[$"{method} /{path}/{{name}}/delete"] = "plan.change";
            }
        }
        Expected["GET /organisation/edit"] = "plan.change-all";
        Expected["POST /organisation/edit"] = "plan.change";
    }

    private static readonly string[] FormPaths =
        ["sites", "teams", "people", "roles", "functions", "systems", "vendors", "risks", "scenarios", "procedures", "communication-plans", "backup-policies"];

    private static readonly string[] TeamKindPaths = ["people", "roles", "functions", "systems", "procedures", "backup-policies"];

    /// <summary>Which access roles each policy lets in.</summary>
    private static readonly Dictionary<string, AccessRole[]> Allowed = new()
    {
        [Anyone] = Enum.GetValues<AccessRole>(),
        ["signed-in"] = Enum.GetValues<AccessRole>(),
        ["plan.read"] = [AccessRole.ContinuityManager, AccessRole.TeamLead, AccessRole.Approver, AccessRole.Member, AccessRole.Auditor],
        ["plan.change"] = [AccessRole.ContinuityManager, AccessRole.TeamLead],
        ["plan.change-all"] = [AccessRole.ContinuityManager],
        ["audit.read"] = [AccessRole.ContinuityManager, AccessRole.Auditor, AccessRole.Administrator],
        ["users.manage"] = [AccessRole.Administrator],
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_table_lists_every_endpoint_of_the_app_and_nothing_else()
    {
        await RequireDatabaseAsync();
        var found = (await EndpointsAsync()).Select(e => e.Key).ToHashSet();

        Assert.Empty(found.Except(Expected.Keys).Order());          // an endpoint without an expected access
        Assert.Empty(Expected.Keys.Except(found).Order());          // the table lists one that is gone
    }

    [Fact]
    public async Task Every_page_declares_a_policy_or_that_it_is_open()
    {
        await RequireDatabaseAsync();
        foreach (var endpoint in await EndpointsAsync())
        {
            Assert.True(endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null),
                $"{endpoint.Key} names no policy");
        }
    }

    [Fact]
    public async Task Each_access_role_reaches_exactly_what_the_table_allows()
    {
        await RequireDatabaseAsync();
        var endpoints = await EndpointsAsync();
        var problems = new List<string>();
        var clients = new List<(string Who, AccessRole? Role, HttpClient Client)> { (Anyone, null, app.CreateBrowser()) };
        foreach (var role in Enum.GetValues<AccessRole>())
        {
            clients.Add((AccessRoles.Slug(role), role, await app.SignedInBrowserAsync(role, role == AccessRole.TeamLead ? "infrastructure" : null)));
        }
        foreach (var endpoint in endpoints)
        {
            var policy = Expected.GetValueOrDefault(endpoint.Key, "missing");
            foreach (var (who, role, client) in clients)
            {
                var allowed = policy == Anyone || (role is { } r && Allowed.GetValueOrDefault(policy, []).Contains(r));
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
                using var response = await client.SendAsync(request, Ct);
                var denied = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/account/sign-in?", StringComparison.Ordinal) == true);
                if (denied == allowed)
                {
                    problems.Add($"{who} {endpoint.Key}: {(int)response.StatusCode}, expected {(allowed ? "allowed" : "denied")}");
                }
                if (!allowed && role is null && response.StatusCode != HttpStatusCode.Redirect && !endpoint.Url.StartsWith("/api", StringComparison.Ordinal))
                {
                    problems.Add($"{who} {endpoint.Key}: {(int)response.StatusCode}, expected a redirect to sign in");
                }
                if (!allowed && role is not null && response.StatusCode != HttpStatusCode.Forbidden)
                {
                    problems.Add($"{who} {endpoint.Key}: {(int)response.StatusCode}, expected 403");
                }
            }
        }
        Assert.Empty(problems);
    }

    private sealed record Handler(string Key, string Method, string Url, EndpointMetadataCollection Metadata);

    /// <summary>Every page × handler (from the compiled pages) and every other route endpoint.</summary>
    private async Task<List<Handler>> EndpointsAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var handlers = new List<Handler>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var url = Concrete(route);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    handlers.Add(new Handler(handler.Name is null ? $"{method} {route}" : $"{method} {route} {handler.Name}", method,
                        handler.Name is null ? url : $"{url}?handler={handler.Name}", endpoint.Metadata));
                }
                if (compiled.HandlerMethods.Count == 0)
                {
                    handlers.Add(new Handler($"GET {route}", "GET", url, endpoint.Metadata));
                }
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                handlers.Add(new Handler($"{method} {route}", method, url, endpoint.Metadata));
            }
        }
        return [.. handlers.DistinctBy(h => h.Key)];
    }

    private static string Concrete(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route.Replace("{path:regex(^(sites|teams|people|roles|risks|scenarios|procedures|communication-plans|backup-policies)$)}", "sites", StringComparison.Ordinal), "\\{([a-z]+)(:[a-z]+)?\\}", m => m.Groups[2].Value switch
        {
            ":guid" => Guid.Empty.ToString(),
            ":int" => "1",
            _ => "no-such-" + m.Groups[1].Value,
        });
}

public sealed class SqliteAccessMatrixTests(DemoApp app) : AccessMatrixTests(app), IClassFixture<DemoApp>;

public sealed class PostgresAccessMatrixTests(PostgresDemoApp app) : AccessMatrixTests(app), IClassFixture<PostgresDemoApp>
{
    protected override Task RequireDatabaseAsync() => app.RequireDatabaseAsync();
}
