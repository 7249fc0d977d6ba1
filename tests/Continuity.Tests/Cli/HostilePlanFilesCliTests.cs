using System.Diagnostics;
using System.Text.Json;
using Continuity.Cli;

namespace Continuity.Tests.Cli;

/// <summary>validate and import on plan files that used to crash the process (exit 134) or end
/// in an internal error (70): invalid input (2) with the file and place of the problem.</summary>
public sealed class HostilePlanFilesCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("validate")]
    [InlineData("import")]
    public async Task An_alias_used_as_a_key_before_its_anchor_is_invalid_input_at_its_place(string command)
    {
        File.WriteAllText(_cli.PathOf("a.yaml"), "apiVersion: continuity/v1\nkind: Team\nmetadata:\n  *k : v\n  &k key: w\n");

        var run = await _cli.RunAsync(command, _cli.PathOf("a.yaml"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{_cli.PathOf("a.yaml")}:4:3: error PF009", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("import")]
    public async Task A_self_repeating_alias_in_a_call_tree_is_invalid_input_at_its_place(string command)
    {
        File.WriteAllText(_cli.PathOf("c.yaml"), "apiVersion: continuity/v1\nkind: CommunicationPlan\nmetadata: {name: c}\nspec:\n  callTrees:\n    - {name: t, root: &r {contact: role:x, calls: [*r]}}\n");

        var run = await _cli.RunAsync(command, _cli.PathOf("c.yaml"), "--format", "json");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var error = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "PF009");
        Assert.Equal(6, error.GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("import")]
    public async Task Nesting_twenty_thousand_deep_behind_an_alias_is_invalid_input(string command)
    {
        File.WriteAllText(_cli.PathOf("b.yaml"), "apiVersion: continuity/v1\nkind: Team\nmetadata: {name: x}\nspec: &a " + new string('[', 20_000) + new string(']', 20_000) + "\nx: *a\n");

        var run = await _cli.RunAsync(command, _cli.PathOf("b.yaml"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("b.yaml:4:109: error PF009", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("import")]
    public async Task A_named_pipe_and_a_link_to_dev_zero_are_invalid_input_and_never_block(string command)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "named pipes are created with mkfifo");
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();
        using (var mkfifo = Process.Start("mkfifo", [_cli.PathOf("plan/pipe.yaml")]))
        {
            await mkfifo.WaitForExitAsync(Ct);
        }
        File.CreateSymbolicLink(_cli.PathOf("plan/zero.yaml"), "/dev/zero");

        var run = await Task.Run(() => _cli.RunAsync(command, _cli.PathOf("plan")), Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{_cli.PathOf("plan/pipe.yaml")}:1:1: error PF006", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{_cli.PathOf("plan/zero.yaml")}:1:1: error PF006", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_link_loop_is_invalid_input_and_the_plan_is_read_once()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();
        Directory.CreateSymbolicLink(_cli.PathOf("plan/teams/up"), "..");

        var run = await Task.Run(() => _cli.RunAsync("validate", _cli.PathOf("plan")), Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{_cli.PathOf("plan/teams/up")}:1:1: error PF007", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PF020", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_file_size_refuses_larger_files_and_must_be_positive()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();
        File.AppendAllText(_cli.PathOf("plan/people.yaml"), "# " + new string('x', 1024 * 1024) + "\n");

        var refused = await _cli.RunAsync("validate", _cli.PathOf("plan"), "--max-file-size", "1");
        var accepted = await _cli.RunAsync("validate", _cli.PathOf("plan"), "--max-file-size", "2");
        var zero = await _cli.RunAsync("validate", _cli.PathOf("plan"), "--max-file-size", "0");

        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains($"{_cli.PathOf("plan/people.yaml")}:1:1: error PF008", refused.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, accepted.ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, zero.ExitCode);
        Assert.Contains("--max-file-size", zero.Error, StringComparison.Ordinal);
    }
}
