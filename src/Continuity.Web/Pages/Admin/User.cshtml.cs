using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Web.Pages.Account;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Admin;

/// <summary>One user: access grants, disable/enable, password reset, link to a person, tokens.</summary>
[Authorize(Policy = AccessPolicies.ManageUsers)]
public sealed class UserModel(UserAccounts accounts, ContinuityDb db, TimeProvider clock) : PageModel
{
    public UserRow Account { get; private set; } = null!;

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public IReadOnlyList<string> People { get; private set; } = [];

    public IReadOnlyList<(string Who, AccountResult Result)> Results { get; private set; } = [];

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, null, cancellationToken);

    public Task<IActionResult> OnPostGrantAsync(Guid id, string? role, string? team, CancellationToken cancellationToken) =>
        ActAsync(id, (email, actor) => AccessRoles.TryParse(role ?? "", out var access)
            ? accounts.GrantAsync(email, access, string.IsNullOrWhiteSpace(team) ? null : team, actor, cancellationToken)
            : Task.FromResult(AccountResult.Fail(AccountProblem.Invalid, $"Choose an access role: {AccessRoles.Choices}.")), cancellationToken);

    public Task<IActionResult> OnPostRevokeRoleAsync(Guid id, string? role, string? team, CancellationToken cancellationToken) =>
        ActAsync(id, (email, actor) => AccessRoles.TryParse(role ?? "", out var access)
            ? accounts.RevokeRoleAsync(email, access, string.IsNullOrWhiteSpace(team) ? null : team, actor, cancellationToken)
            : Task.FromResult(AccountResult.Fail(AccountProblem.Invalid, $"Choose an access role: {AccessRoles.Choices}.")), cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (email, actor) => accounts.SetDisabledAsync(email, true, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (email, actor) => accounts.SetDisabledAsync(email, false, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostResetPasswordAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (email, actor) => accounts.ResetPasswordAsync(email, null, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostLinkPersonAsync(Guid id, string? person, CancellationToken cancellationToken) =>
        ActAsync(id, (email, actor) => accounts.LinkPersonAsync(email, person, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRevokeTokensAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (email, actor) => accounts.RevokeTokensAsync(email, null, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRevokeTokenAsync(Guid id, Guid token, CancellationToken cancellationToken) =>
        ActAsync(id, (_, actor) => accounts.RevokeTokenAsync(token, id, actor, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, Func<string, Actor, Task<AccountResult>> act, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == id).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (email is null)
        {
            return NotFound();
        }
        var result = await act(email, AccountAudit.Actor(User.Identity?.Name));
        return await ShowAsync(id, (email, result), cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, (string, AccountResult)? result, CancellationToken cancellationToken)
    {
        if ((await accounts.ListAsync(cancellationToken)).SingleOrDefault(u => u.Id == id) is not { } account)
        {
            return NotFound();
        }
        Account = account;
        Results = result is { } r ? [r] : [];
        Tokens = await accounts.TokensAsync(id, cancellationToken);
        Teams = await db.Teams.AsNoTracking().Select(t => t.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        People = await db.People.AsNoTracking().Select(p => p.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        return Page();
    }
}
