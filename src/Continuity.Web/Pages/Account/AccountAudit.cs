using Continuity.Audit;

namespace Continuity.Web.Pages.Account;

/// <summary>Who acts on the account pages: the signed-in user's e-mail, through a form.</summary>
internal static class AccountAudit
{
    public const string Anonymous = "anonymous";

    public static Actor Actor(string? email) => new(email ?? Anonymous, AuditChannel.Form);
}
