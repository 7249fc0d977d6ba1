using System.Text.Json;
using Continuity.Tests.Cli;

namespace Continuity.Tests.Accounts;

/// <summary><c>continuity users</c> and <c>continuity tokens</c> on the runner's own SQLite file.</summary>
public sealed class AccountsCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<CliRunner.Run> RunAsync(params string[] args) => _cli.RunAsync([.. args, "--connection-string", _cli.ConnectionString]);

    [Fact]
    public async Task The_first_administrator_is_added_with_a_password_printed_once()
    {
        var added = await RunAsync("users", "add", "ana@example.test", "--role", "administrator", "--name", "Ana");

        Assert.Equal(0, added.ExitCode);
        var password = added.Output.Trim().Split('\n')[^1].Trim();
        Assert.Equal(20, password.Length);

        var list = await RunAsync("users", "list", "--format", "json");
        Assert.Equal(0, list.ExitCode);
        var user = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
        Assert.Equal("ana@example.test", user.GetProperty("email").GetString());
        Assert.Equal("administrator", user.GetProperty("access")[0].GetProperty("role").GetString());
        Assert.DoesNotContain(password, list.Output);
    }

    [Fact]
    public async Task Users_are_granted_disabled_enabled_and_reset()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "ben@example.test", "--role", "member")).ExitCode);

        Assert.Equal(0, (await RunAsync("users", "grant", "ben@example.test", "--role", "auditor")).ExitCode);
        Assert.Equal(2, (await RunAsync("users", "grant", "ben@example.test", "--role", "team-lead", "--team", "no-such-team")).ExitCode);
        Assert.Equal(2, (await RunAsync("users", "grant", "ben@example.test", "--role", "boss")).ExitCode);
        Assert.Equal(0, (await RunAsync("users", "revoke-role", "ben@example.test", "--role", "member")).ExitCode);
        Assert.Equal(0, (await RunAsync("users", "disable", "ben@example.test")).ExitCode);
        var reset = await RunAsync("users", "reset-password", "ben@example.test");
        Assert.Equal(0, reset.ExitCode);
        Assert.Equal(0, (await RunAsync("users", "enable", "ben@example.test")).ExitCode);
        Assert.Equal(4, (await RunAsync("users", "add", "ben@example.test", "--role", "member")).ExitCode);
        Assert.Equal(2, (await RunAsync("users", "disable", "nobody@example.test")).ExitCode);

        var list = await RunAsync("users", "list", "--format", "json");
        var user = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
        Assert.Equal(["auditor"], user.GetProperty("access").EnumerateArray().Select(a => a.GetProperty("role").GetString()));
        Assert.False(user.GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task A_token_is_created_listed_without_its_secret_and_revoked()
    {
        await RunAsync("users", "add", "cat@example.test", "--role", "member");

        var created = await RunAsync("tokens", "create", "cat@example.test", "--name", "nightly-export", "--expires", "2099-01-01");
        Assert.Equal(0, created.ExitCode);
        var secret = created.Output.Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("cty_", secret);

        var list = await RunAsync("tokens", "list", "--format", "json");
        Assert.Contains("nightly-export", list.Output);
        Assert.DoesNotContain(secret, list.Output);

        Assert.Equal(0, (await RunAsync("tokens", "revoke", "cat@example.test", "--name", "nightly-export")).ExitCode);
        Assert.Contains("revoked", (await RunAsync("tokens", "list", "--format", "json")).Output);
        Assert.Equal(2, (await RunAsync("tokens", "create", "cat@example.test", "--name", "x", "--expires", "tomorrow")).ExitCode);
    }

    [Fact]
    public async Task Every_accounts_command_has_help()
    {
        foreach (var command in new[] { "users", "tokens" })
        {
            var help = await _cli.RunAsync(command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("Usage:", help.Output);
        }
    }
}
