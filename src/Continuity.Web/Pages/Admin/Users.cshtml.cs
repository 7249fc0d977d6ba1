using Continuity.Accounts;
using Continuity.Data;
using Continuity.Web.Pages.Account;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Admin;

/// <summary>The users, added one by one or invited from the plan's people; one-time passwords
/// are shown once, to the administrator who made them.</summary>
[Authorize(Policy = AccessPolicies.ManageUsers)]
public sealed class UsersModel(UserAccounts accounts, ContinuityDb db) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    /// <summary>People of the plan without an account.</summary>
    public IReadOnlyList<string> Uninvited { get; private set; } = [];

    public IReadOnlyList<(string Who, AccountResult Result)> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostAddAsync(string? email, string? name, string? role, string? team, CancellationToken cancellationToken)
    {
        var result = AccessRoles.TryParse(role ?? "", out var access)
            ? await accounts.AddAsync(email ?? "", name, access, team, null, null, Actor, cancellationToken)
            : AccountResult.Fail(AccountProblem.Invalid, $"Choose an access role: {AccessRoles.Choices}.");
        Results = [(email ?? "", result)];
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostInviteAsync(string? person, CancellationToken cancellationToken)
    {
        Results = [.. await accounts.InviteAsync([person ?? ""], Actor, cancellationToken)];
        if (Results.Count == 0)
        {
            Results = [(person ?? "", AccountResult.Fail(AccountProblem.NotFound, $"The plan has no person '{person}'."))];
        }
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostInviteRoleHoldersAsync(CancellationToken cancellationToken)
    {
        var holders = await accounts.RoleHoldersAsync(cancellationToken);
        Results = [.. (await accounts.InviteAsync(holders, Actor, cancellationToken)).Where(r => r.Result.Problem != AccountProblem.Conflict)];
        await LoadAsync(cancellationToken);
    }

    private Continuity.Audit.Actor Actor => AccountAudit.Actor(User.Identity?.Name);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await accounts.ListAsync(cancellationToken);
        Teams = await db.Teams.AsNoTracking().Select(t => t.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        var linked = Users.Select(u => u.PersonName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var emails = Users.Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Uninvited = [.. (await db.People.AsNoTracking().Select(p => new { p.Name, p.Email }).OrderBy(p => p.Name).ToListAsync(cancellationToken))
            .Where(p => !linked.Contains(p.Name) && !emails.Contains(p.Email) && p.Email.Length > 0).Select(p => p.Name)];
    }
}
