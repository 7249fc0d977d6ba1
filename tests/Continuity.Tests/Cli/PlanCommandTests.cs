using System.Text.Json.Nodes;
using Continuity.Cli;
using Microsoft.Data.Sqlite;

namespace Continuity.Tests.Cli;

/// <summary><c>continuity plan submit|versions|diff</c> on the demo plan in a SQLite file.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Demo => _cli.PathOf("plan");

    [Fact]
    public async Task Submit_versions_and_diff_follow_a_change_of_the_plan_files_in_words()
    {
        (await _cli.RunAsync("demo", Demo)).AssertSuccess();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();

        var first = await _cli.RunAsync("plan", "submit", "--note", "December review", "--format", "json");
        first.AssertSuccess();
        Assert.Equal("organisation@1", (string)JsonNode.Parse(first.Output)!["label"]!);
        var again = await _cli.RunAsync("plan", "submit");
        Assert.Equal(ExitCodes.Conflict, again.ExitCode);
        Assert.Contains("nothing new to submit", again.Error, StringComparison.Ordinal);
        var unchanged = await _cli.RunAsync("plan", "diff", "1");
        Assert.Equal((ExitCodes.Success, true), (unchanged.ExitCode, unchanged.Output.Contains("No changes", StringComparison.Ordinal)));

        var file = Directory.EnumerateFiles(Demo, "*.yaml", SearchOption.AllDirectories).Single(f => File.ReadAllText(f).Contains("name: course-delivery", StringComparison.Ordinal));
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var at = text.IndexOf("name: course-delivery", StringComparison.Ordinal);
        var rto = text.IndexOf("rto: 4h", at, StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, string.Concat(text.AsSpan(0, rto), "rto: 2h", text.AsSpan(rto + "rto: 4h".Length)), TestContext.Current.CancellationToken);
        (await _cli.RunAsync("import", Demo)).AssertSuccess();

        var draft = await _cli.RunAsync("plan", "diff", "1");
        Assert.Equal(ExitCodes.Findings, draft.ExitCode);
        Assert.Contains("RTO of Course delivery: 4h → 2h.", draft.Output, StringComparison.Ordinal);
        (await _cli.RunAsync("plan", "submit")).AssertSuccess();
        var between = await _cli.RunAsync("plan", "diff", "1", "2", "--format", "json");
        var change = Assert.Single(JsonNode.Parse(between.Output)!["changes"]!.AsArray());
        Assert.Equal("function:course-delivery", (string)change!["element"]!);

        var versions = await _cli.RunAsync("plan", "versions", "--verify", "--format", "json");
        versions.AssertSuccess();
        var listed = JsonNode.Parse(versions.Output)!["versions"]!.AsArray();
        Assert.Equal(["organisation@2", "organisation@1"], listed.Select(v => (string)v!["label"]!));
        Assert.All(listed, v => Assert.True((bool)v!["verified"]!));
    }

    [Fact]
    public async Task Submit_names_reviewers_by_their_sign_in_and_refuses_someone_who_is_not_a_user()
    {
        (await _cli.RunAsync("demo", Demo)).AssertSuccess();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();
        (await _cli.RunAsync("users", "add", "reviewer@example.org", "--role", "auditor")).AssertSuccess();

        var refused = await _cli.RunAsync("plan", "submit", "--reviewer", "nobody@example.org");
        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains("nobody@example.org is not a user who can read the plan", refused.Error, StringComparison.Ordinal);

        var submitted = await _cli.RunAsync("plan", "submit", "--reviewer", "reviewer@example.org", "--format", "json");
        submitted.AssertSuccess();
        Assert.Equal(("organisation@1", "in-review"), ((string)JsonNode.Parse(submitted.Output)!["label"]!, (string)JsonNode.Parse(submitted.Output)!["state"]!));
    }

    [Fact]
    public async Task Verify_names_a_version_whose_snapshot_was_altered_behind_the_trigger()
    {
        (await _cli.RunAsync("demo", Demo)).AssertSuccess();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();
        (await _cli.RunAsync("plan", "submit", "--scope", "team:licensing")).AssertSuccess();

        // Someone with the database file drops the guard and edits the frozen snapshot.
        await using (var connection = new SqliteConnection(_cli.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER plan_versions_frozen; UPDATE plan_versions SET Content = replace(Content, 'licensing', 'licencing');";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var run = await _cli.RunAsync("plan", "versions", "--scope", "team:licensing", "--verify");
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        Assert.Contains("team:licensing@1", run.Error, StringComparison.Ordinal);
        Assert.Contains("altered", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_writes_the_approval_pdf_stored_at_approval_and_says_why_when_there_is_none()
    {
        (await _cli.RunAsync("demo", Demo)).AssertSuccess();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();
        (await _cli.RunAsync("plan", "submit", "--scope", "team:licensing")).AssertSuccess();
        var pending = await _cli.RunAsync("plan", "document", "1", "--scope", "team:licensing", "--pdf", _cli.PathOf("pending.pdf"));
        Assert.Equal(ExitCodes.Findings, pending.ExitCode);
        Assert.Contains("pending approval: the PDF is rendered when it is approved", System.Text.RegularExpressions.Regex.Replace(pending.Error, @"\s+", " "), StringComparison.Ordinal);

        // What the web app stores when the version is approved (rendering needs the web app's views).
        byte[] stored = [.. "%PDF-1.7 approval record"u8];
        await using (var connection = new SqliteConnection(_cli.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE plan_versions SET State = 'Approved'; INSERT INTO approval_documents (VersionId, Pdf, Sha256, RenderedUtc) SELECT Id, $pdf, $sha, '2026-12-01 09:00:00' FROM plan_versions;";
            command.Parameters.AddWithValue("$pdf", stored);
            command.Parameters.AddWithValue("$sha", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)));
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var written = await _cli.RunAsync("plan", "document", "1", "--scope", "team:licensing", "--pdf", _cli.PathOf("approved.pdf"), "--format", "json");
        written.AssertSuccess();
        Assert.Equal(stored, await File.ReadAllBytesAsync(_cli.PathOf("approved.pdf"), TestContext.Current.CancellationToken));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)), (string)JsonNode.Parse(written.Output)!["sha256"]!);
    }

    [Theory]
    [InlineData("document", "9", "--pdf", "x.pdf")]
    [InlineData("versions", "--scope", "everything")]
    [InlineData("diff", "7")]
    [InlineData("submit", "--scope", "team:no-such-team")]
    public async Task Bad_arguments_say_what_to_do_and_change_nothing(params string[] args)
    {
        (await _cli.RunAsync("demo", Demo)).AssertSuccess();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();

        var run = await _cli.RunAsync(["plan", .. args]);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_evaluates_the_controls_and_exits_1_while_the_plan_has_never_been_approved()
    {
        (await _cli.RunAsync("demo", Demo)).AssertSuccess();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();

        var json = await _cli.RunAsync("plan", "status", "--format", "json");
        Assert.Equal(ExitCodes.Findings, json.ExitCode);
        var status = JsonNode.Parse(json.Output)!;
        Assert.False((bool)status["planControlMet"]!);
        var controls = status["controls"]!.AsArray();
        Assert.Equal(["BC.1.01", "BC.1.02", "BC.1.03", "BC.1.04", "BU.1.01", "BU.1.02", "BU.1.03"], controls.Select(c => (string)c!["id"]!));
        var plan = controls[0]!;
        Assert.Equal("not-met", (string)plan["state"]!);
        Assert.Contains("never been approved", (string)plan["requirements"]![0]!["status"]!, StringComparison.Ordinal);
        Assert.Equal("never-approved", (string)status["reviews"]![0]!["state"]!);
        Assert.Equal(6, (int)status["settings"]!["reviewIntervalMonths"]!);       // the demo's organisation says 6: its first value

        var text = await _cli.RunAsync("plan", "status");
        Assert.Equal(ExitCodes.Findings, text.ExitCode);
        Assert.Contains("BC.1.01 Business Continuity Plan", text.Output, StringComparison.Ordinal);
        Assert.Contains("never approved", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_interval_in_plan_files_is_read_once_as_the_setting_and_ignored_after_that()
    {
        (await _cli.RunAsync("demo", Demo)).AssertSuccess();
        var organisation = Path.Combine(Demo, "organisation.yaml");
        async Task IntervalAsync(int months) => await File.WriteAllTextAsync(organisation,
            (await File.ReadAllTextAsync(organisation, TestContext.Current.CancellationToken)).Replace("reviewIntervalMonths: 6", $"reviewIntervalMonths: {months}", StringComparison.Ordinal)
                .Replace("reviewIntervalMonths: 12", $"reviewIntervalMonths: {months}", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        async Task<int> SettingAsync() => (int)JsonNode.Parse((await _cli.RunAsync("plan", "status", "--format", "json")).Output)!["settings"]!["reviewIntervalMonths"]!;

        await IntervalAsync(12);
        (await _cli.RunAsync("import", Demo, "--dry-run")).AssertSuccess();
        Assert.Equal(6, await SettingAsync());              // a dry run writes nothing, not even the setting
        (await _cli.RunAsync("import", Demo)).AssertSuccess();
        Assert.Equal(12, await SettingAsync());

        await IntervalAsync(1);
        (await _cli.RunAsync("import", Demo)).AssertSuccess();
        Assert.Equal(12, await SettingAsync());             // nobody turns the control green by editing a file
        var audit = await _cli.RunAsync("audit", "list", "--subject", "setting:review-interval-months", "--format", "json");
        Assert.Contains("setting.adopted", audit.Output, StringComparison.Ordinal);
    }
}
