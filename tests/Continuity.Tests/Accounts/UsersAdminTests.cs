using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Accounts;

/// <summary>Administrators manage users in the app, over the demo plan (its people and teams).</summary>
public sealed class UsersAdminTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_has_one_user_per_access_role()
    {
        var users = await app.QueryAsync(db => db.Users.Where(u => u.Email!.EndsWith("@" + DemoUsers.Domain))
            .Select(u => new { u.Email, u.PersonName, Grants = db.AccessGrants.Where(g => g.UserId == u.Id).ToList() }).ToListAsync(Ct));

        foreach (var role in Enum.GetValues<AccessRole>())
        {
            var user = Assert.Single(users, u => u.Email == DemoUsers.Email(role));
            Assert.Equal(role, Assert.Single(user.Grants).Role);
        }
        Assert.Equal("infrastructure", users.Single(u => u.Email == DemoUsers.Email(AccessRole.TeamLead)).Grants[0].Team);
        Assert.Equal("daniel-reyes", users.Single(u => u.Email == DemoUsers.Email(AccessRole.ContinuityManager)).PersonName);
    }

    [Fact]
    public async Task An_administrator_adds_a_team_lead_and_sees_the_one_time_password_once()
    {
        var admin = await app.SignedInBrowserAsync(AccessRole.Administrator);
        var email = $"lead-{Guid.NewGuid():N}@example.test";

        using var added = await ContinuityApp.PostFormAsync(admin, "/admin/users?handler=Add",
            new() { ["email"] = email, ["name"] = "Lee Lead", ["role"] = "team-lead", ["team"] = "platform" }, formPage: "/admin/users");
        var html = await added.Content.ReadAsStringAsync(Ct);
        var password = Regex.Match(html, "class=\"one-time-password\">([^<]+)<").Groups[1].Value;

        Assert.Contains($"Added {email} (team-lead of platform).", html);
        await ContinuityApp.SignInAsync(app.CreateBrowser(), email, password);
        Assert.DoesNotContain(password, await admin.GetStringAsync("/admin/users", Ct));
        Assert.Contains("user-added", await app.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == "user:" + email).Select(e => e.Action).ToListAsync(Ct)));
    }

    [Fact]
    public async Task A_team_lead_needs_a_team_of_the_plan()
    {
        var admin = await app.SignedInBrowserAsync(AccessRole.Administrator);

        using var added = await ContinuityApp.PostFormAsync(admin, "/admin/users?handler=Add",
            new() { ["email"] = "nobody-lead@example.test", ["role"] = "team-lead", ["team"] = "" }, formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("A team lead needs a team", await added.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Inviting_the_holders_of_continuity_roles_links_their_accounts_to_them()
    {
        var admin = await app.SignedInBrowserAsync(AccessRole.Administrator);

        using var invited = await ContinuityApp.PostFormAsync(admin, "/admin/users?handler=InviteRoleHolders", [], formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var holders = await app.QueryAsync(db => db.RoleHolders.Select(h => h.Person).Distinct().ToListAsync(Ct));
        var linked = await app.QueryAsync(db => db.Users.Where(u => u.PersonName != null).Select(u => u.PersonName!).ToListAsync(Ct));
        Assert.NotEmpty(holders);
        Assert.Subset(linked.ToHashSet(), holders.ToHashSet());
    }

    [Fact]
    public async Task An_administrator_grants_and_removes_access_on_the_users_page()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        var admin = await app.SignedInBrowserAsync(AccessRole.Administrator);

        using var granted = await ContinuityApp.PostFormAsync(admin, $"/admin/users/{id}?handler=Grant", new() { ["role"] = "auditor", ["team"] = "" }, formPage: $"/admin/users/{id}");
        using var revoked = await ContinuityApp.PostFormAsync(admin, $"/admin/users/{id}?handler=RevokeRole", new() { ["role"] = "member", ["team"] = "" }, formPage: $"/admin/users/{id}");

        Assert.Contains("now holds auditor", await granted.Content.ReadAsStringAsync(Ct));
        Assert.Equal([AccessRole.Auditor], await app.QueryAsync(db => db.AccessGrants.Where(g => g.UserId == id).Select(g => g.Role).ToListAsync(Ct)));
    }
}
