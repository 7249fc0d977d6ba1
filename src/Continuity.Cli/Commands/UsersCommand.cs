using System.CommandLine;
using System.Globalization;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;

namespace Continuity.Cli.Commands;

/// <summary><c>continuity users …</c>: the first administrator and every later change to users
/// and their access, through the same <see cref="UserAccounts"/> as the web app.</summary>
public static class UsersCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("users", "Manage who signs in to the web app and their access roles (" + AccessRoles.Choices + ").\n" + ExitCodes.Help)
        {
            Add(cli), List(cli), Toggle(cli, "disable", disabled: true), Toggle(cli, "enable", disabled: false), ResetPassword(cli), Grant(cli, revoke: false), Grant(cli, revoke: true),
        };
        return command;
    }

    internal static Option<string> RoleOption() => new("--role")
    {
        Description = "The access role: " + AccessRoles.Choices + ".",
        Required = true,
    };

    internal static Option<string?> TeamOption() => new("--team") { Description = "The team, for a team lead (a team of the plan)." };

    internal static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "text for people, json for programs.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    internal static Option<bool> PasswordStdinOption() => new("--password-stdin") { Description = "Read the password from the first line of standard input instead of generating one." };

    internal static Argument<string> EmailArgument() => new("email") { Description = "The user's e-mail address." };

    private static Command Add(CliContext cli)
    {
        var (email, role, team, name, person, stdin) = (EmailArgument(), RoleOption(), TeamOption(),
            new Option<string?>("--name") { Description = "The name shown in the app." },
            new Option<string?>("--person") { Description = "The plan's person who is this user (contact details, call trees)." }, PasswordStdinOption());
        var command = new Command("add", "Add a user with one access role. Without --password-stdin a password is generated and printed once.") { email, role, team, name, person, stdin };
        command.SetAction((parse, cancellationToken) => RunAsync(cli, parse, create: true, async accounts =>
        {
            if (!TryRole(cli, parse.GetValue(role)!, out var access))
            {
                return null;
            }
            var password = parse.GetValue(stdin) ? await ReadPasswordAsync() : null;
            return await accounts.AddAsync(parse.GetValue(email)!, parse.GetValue(name), access, parse.GetValue(team), password, parse.GetValue(person), Actor.CommandLine(), cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var format = FormatOption();
        var command = new Command("list", "List the users, their access, two-factor and state.") { format };
        command.SetAction((parse, cancellationToken) => RunAsync(cli, parse, create: false, async accounts =>
        {
            var users = await accounts.ListAsync(cancellationToken);
            if (parse.GetValue(format) == "json")
            {
                cli.WriteJson(users.Select(u => new
                {
                    email = u.Email,
                    name = u.DisplayName,
                    person = u.PersonName,
                    access = u.Grants.Select(g => new { role = AccessRoles.Slug(g.Role), team = g.Team }),
                    twoFactor = u.TwoFactor,
                    lockedOut = u.LockedOut,
                    disabled = u.Disabled,
                    lastSignIn = u.LastSignInUtc,
                }));
                return AccountResult.Ok("");
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("E-mail").AddColumn("Name").AddColumn("Access").AddColumn("Two-factor").AddColumn("State").AddColumn("Last sign-in");
            foreach (var user in users)
            {
                table.AddRow(Markup.Escape(user.Email), Markup.Escape(user.DisplayName ?? ""), Markup.Escape(string.Join(", ", user.Access)), user.TwoFactor ? "on" : "off",
                    user.Disabled ? "disabled" : user.LockedOut ? "locked" : "active", user.LastSignInUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never");
            }
            cli.Console.Write(table);
            return AccountResult.Ok(users.Count == 0 ? "No users yet: add the first administrator with 'continuity users add EMAIL --role administrator'." : "");
        }, cancellationToken));
        return command;
    }

    private static Command Toggle(CliContext cli, string name, bool disabled)
    {
        var email = EmailArgument();
        var command = new Command(name, disabled ? "Disable a user: they cannot sign in, their sessions end and their tokens stop working." : "Enable a disabled user again.") { email };
        command.SetAction((parse, cancellationToken) => RunAsync(cli, parse, create: false,
            accounts => accounts.SetDisabledAsync(parse.GetValue(email)!, disabled, Actor.CommandLine(), cancellationToken)!, cancellationToken));
        return command;
    }

    private static Command ResetPassword(CliContext cli)
    {
        var (email, stdin) = (EmailArgument(), PasswordStdinOption());
        var command = new Command("reset-password", "Set a new password (generated and printed once unless --password-stdin), end the lock-out and every session.") { email, stdin };
        command.SetAction((parse, cancellationToken) => RunAsync(cli, parse, create: false, async accounts =>
            await accounts.ResetPasswordAsync(parse.GetValue(email)!, parse.GetValue(stdin) ? await ReadPasswordAsync() : null, Actor.CommandLine(), cancellationToken), cancellationToken));
        return command;
    }

    private static Command Grant(CliContext cli, bool revoke)
    {
        var (email, role, team) = (EmailArgument(), RoleOption(), TeamOption());
        var command = new Command(revoke ? "revoke-role" : "grant", revoke ? "Take an access role from a user (for a team lead, of one team with --team, or of all)." : "Give a user an access role.") { email, role, team };
        command.SetAction((parse, cancellationToken) => RunAsync(cli, parse, create: false, async accounts =>
        {
            if (!TryRole(cli, parse.GetValue(role)!, out var access))
            {
                return null;
            }
            return revoke
                ? await accounts.RevokeRoleAsync(parse.GetValue(email)!, access, parse.GetValue(team), Actor.CommandLine(), cancellationToken)
                : await accounts.GrantAsync(parse.GetValue(email)!, access, parse.GetValue(team), Actor.CommandLine(), cancellationToken);
        }, cancellationToken));
        return command;
    }

    internal static Task<int> RunAsync(CliContext cli, ParseResult parse, bool create, Func<UserAccounts, Task<AccountResult?>> operation, CancellationToken cancellationToken) =>
        RunOnServicesAsync(cli, parse, create, services => operation(services.Get<UserAccounts>()), cancellationToken);

    /// <summary>Opens the database as every command does (<see cref="CliHost.OpenAsync"/>; a
    /// missing SQLite file is created only by <paramref name="create"/>), runs one account
    /// operation on the services the web app uses and prints its outcome; a secret (password,
    /// token) is printed once, to standard output.</summary>
    internal static async Task<int> RunOnServicesAsync(CliContext cli, ParseResult parse, bool create, Func<CommandServices, Task<AccountResult?>> operation, CancellationToken cancellationToken)
    {
        await using var services = await cli.Host.OpenAsync(parse, create ? DatabaseUse.Write : DatabaseUse.Read, cancellationToken);
        var result = await operation(services);
        if (result is null)
        {
            return ExitCodes.InvalidInput;
        }
        if (!result.Succeeded)
        {
            cli.Fail(result.Message);
            return result.Problem == AccountProblem.Conflict ? ExitCodes.Conflict : ExitCodes.InvalidInput;
        }
        if (result.Message.Length > 0)
        {
            cli.Console.MarkupLine($"[green]✓[/] {Markup.Escape(result.Message)}");
        }
        if (result.Secret is { } secret)
        {
            cli.Console.MarkupLine("[bold]Shown only now[/]; Continuity keeps only a hash of it:");
            cli.Output.WriteLine(secret);
        }
        return ExitCodes.Success;
    }

    internal static bool TryRole(CliContext cli, string text, out AccessRole role)
    {
        if (AccessRoles.TryParse(text, out role))
        {
            return true;
        }
        cli.Fail($"'{text}' is not an access role; choose one of {AccessRoles.Choices}.");
        return false;
    }

    private static async Task<string> ReadPasswordAsync() => (await Console.In.ReadLineAsync() ?? "").TrimEnd('\r', '\n');
}
