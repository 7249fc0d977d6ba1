using System.CommandLine;
using System.Globalization;
using Continuity.Accounts;
using Continuity.Audit;

namespace Continuity.Cli.Commands;

/// <summary><c>continuity tokens …</c>: API tokens for programs, acting for a user.</summary>
public static class TokensCommand
{
    public static Command Create(CliContext cli) =>
        new("tokens", "Create, list and revoke API tokens (Authorization: Bearer …), which act for their user with the user's access.\n" + ExitCodes.Help)
        {
            CreateToken(cli), List(cli), Revoke(cli),
        };

    private static Command CreateToken(CliContext cli)
    {
        var email = UsersCommand.EmailArgument();
        var name = new Option<string>("--name") { Description = "What the token is for (backup-job …).", Required = true };
        var expires = new Option<string?>("--expires") { Description = "The day it stops working (YYYY-MM-DD, UTC); none by default." };
        var command = new Command("create", "Create a token for a user; the secret is printed once.") { email, name, expires };
        command.SetAction((parse, cancellationToken) => UsersCommand.RunAsync(cli, parse, create: false, async accounts =>
        {
            DateTime? expiresUtc = null;
            if (parse.GetValue(expires) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    cli.Fail($"'{text}' is not a date; write it as YYYY-MM-DD.");
                    return null;
                }
                expiresUtc = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            }
            return await accounts.CreateTokenAsync(parse.GetValue(email)!, parse.GetValue(name)!, expiresUtc, Actor.CommandLine(), cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var user = new Option<string?>("--user") { Description = "Only this user's tokens (e-mail)." };
        var format = UsersCommand.FormatOption();
        var command = new Command("list", "List tokens (never their secrets).") { user, format };
        command.SetAction((parse, cancellationToken) => UsersCommand.RunOnServicesAsync(cli, parse, create: false, async services =>
        {
            var now = services.Get<TimeProvider>().GetUtcNow().UtcDateTime;
            var tokens = (await services.Get<UserAccounts>().TokensAsync(null, cancellationToken))
                .Where(t => parse.GetValue(user) is not { } email || string.Equals(t.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();
            string State(TokenRow t) => t.RevokedUtc is not null ? "revoked" : t.IsActive(now) ? "active" : "expired";
            if (parse.GetValue(format) == "json")
            {
                cli.WriteJson(tokens.Select(t => new { user = t.Email, name = t.Name, created = t.CreatedUtc, expires = t.ExpiresUtc, lastUsed = t.LastUsedUtc, state = State(t) }));
                return AccountResult.Ok("");
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("User").AddColumn("Name").AddColumn("Created").AddColumn("Expires").AddColumn("Last used").AddColumn("State");
            foreach (var t in tokens)
            {
                table.AddRow(Markup.Escape(t.Email), Markup.Escape(t.Name), Day(t.CreatedUtc), t.ExpiresUtc is { } e ? Day(e) : "never", t.LastUsedUtc is { } u ? Day(u) : "never", State(t));
            }
            cli.Console.Write(table);
            return AccountResult.Ok("");
        }, cancellationToken));
        return command;
    }

    private static Command Revoke(CliContext cli)
    {
        var email = UsersCommand.EmailArgument();
        var name = new Option<string?>("--name") { Description = "The token's name; without it, every token of the user." };
        var command = new Command("revoke", "Revoke a user's token by name, or all their tokens.") { email, name };
        command.SetAction((parse, cancellationToken) => UsersCommand.RunAsync(cli, parse, create: false,
            accounts => accounts.RevokeTokensAsync(parse.GetValue(email)!, parse.GetValue(name), Actor.CommandLine(), cancellationToken)!, cancellationToken));
        return command;
    }

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
