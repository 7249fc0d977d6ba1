using System.Security.Cryptography;
using System.Text.Json;
using Continuity.Cli;

namespace Continuity.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Help_lists_every_command_with_one_line_each()
    {
        var run = await _cli.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var command in new[] { "validate", "import", "export", "schema", "demo", "generate", "serve", "db" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s+\S", run.Output);
        }
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("generate")]
    [InlineData("serve")]
    public async Task Every_command_has_help(string command)
    {
        var run = await _cli.RunAsync(command, "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_arguments_are_an_input_error_with_exit_code_2()
    {
        var run = await _cli.RunAsync("validate", "--format", "xml", "plan");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var run = await _cli.RunAsync("--version");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output);
    }

    [Fact]
    public async Task The_demo_plan_is_valid()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();

        var run = await _cli.RunAsync("validate", _cli.PathOf("plan"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Valid plan", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" error ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reports_problems_as_json_with_exit_code_2()
    {
        File.WriteAllText(_cli.PathOf("bad.yaml"), "apiVersion: continuity/v1\nkind: Team\nmetadata:\n  name: ops\n  colour: red\n");

        var run = await _cli.RunAsync("validate", _cli.PathOf("bad.yaml"), "--format", "json");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var diagnostics = json.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Contains(diagnostics, d => d.GetProperty("code").GetString() == "PF010" && d.GetProperty("line").GetInt32() == 5 && d.GetProperty("column").GetInt32() == 3);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_an_input_error_without_a_stack_trace()
    {
        var run = await _cli.RunAsync("validate", _cli.PathOf("nowhere"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("does not exist", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_then_export_then_import_again_changes_nothing_and_exports_identically()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();

        var first = await _cli.RunAsync("import", _cli.PathOf("plan"));
        first.AssertSuccess();
        Assert.Contains("Imported", first.Output, StringComparison.Ordinal);
        (await _cli.RunAsync("export", _cli.PathOf("export1"))).AssertSuccess();

        var again = await _cli.RunAsync("import", _cli.PathOf("export1"));
        again.AssertSuccess();
        Assert.Contains("Nothing to change", again.Output, StringComparison.Ordinal);
        (await _cli.RunAsync("export", _cli.PathOf("export2"))).AssertSuccess();

        Assert.Equal(Hashes(_cli.PathOf("export1")), Hashes(_cli.PathOf("export2")));
    }

    [Fact]
    public async Task A_dry_run_reports_changes_and_writes_nothing()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();
        (await _cli.RunAsync("db", "migrate")).AssertSuccess();
        var before = FileHash(_cli.DatabasePath);

        var run = await _cli.RunAsync("import", _cli.PathOf("plan"), "--dry-run", "--format", "json");

        run.AssertSuccess();
        using var json = JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.NotEmpty(json.RootElement.GetProperty("created").EnumerateArray());
        Assert.Equal(before, FileHash(_cli.DatabasePath));
    }

    [Fact]
    public async Task An_invalid_plan_is_not_imported_and_the_database_is_unchanged()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();
        (await _cli.RunAsync("import", _cli.PathOf("plan"))).AssertSuccess();
        var before = FileHash(_cli.DatabasePath);
        File.AppendAllText(_cli.PathOf("plan/organisation.yaml"), "---\napiVersion: continuity/v1\nkind: System\nmetadata: {name: broken}\nspec: {type: service, dependsOn: [system:nothing-here]}\n");

        var run = await _cli.RunAsync("import", _cli.PathOf("plan"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("nothing was imported", run.All, StringComparison.Ordinal);
        Assert.Equal(before, FileHash(_cli.DatabasePath));
    }

    [Fact]
    public async Task A_read_only_database_file_is_a_clear_error_and_nothing_changes()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();
        (await _cli.RunAsync("db", "migrate")).AssertSuccess();
        var before = FileHash(_cli.DatabasePath);
        var readOnly = $"Data Source={_cli.DatabasePath};Mode=ReadOnly;Pooling=False";

        var run = await _cli.RunAsync("import", _cli.PathOf("plan"), "--connection-string", readOnly);

        Assert.Equal(ExitCodes.Environment, run.ExitCode);
        Assert.Contains("read-only", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.Equal(before, FileHash(_cli.DatabasePath));
    }

    [Fact]
    public async Task An_unreachable_postgresql_is_a_clear_error()
    {
        (await _cli.RunAsync("demo", _cli.PathOf("plan"))).AssertSuccess();

        var run = await _cli.RunAsync("import", _cli.PathOf("plan"), "--database-provider", "postgres",
            "--connection-string", "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2");

        Assert.Equal(ExitCodes.Environment, run.ExitCode);
        Assert.Contains("PostgreSQL", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_prints_the_json_schema()
    {
        var run = await _cli.RunAsync("schema");

        run.AssertSuccess();
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", json.RootElement.GetProperty("$schema").GetString());
    }

    private static string FileHash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), FileHash);
}

internal static class RunAssertions
{
    public static void AssertSuccess(this CliRunner.Run run) =>
        Assert.True(run.ExitCode == ExitCodes.Success, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
}
