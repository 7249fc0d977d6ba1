using System.Text.Json;
using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Tests.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Store;

/// <summary>Export, edit the files, import, while the app changes the plan too: the command
/// line's side of ADR 005 (conflicts exit 4, --force, the revision annotation, audit verify).</summary>
public sealed class FilesAndAppCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Importing_files_edited_where_the_app_changed_the_same_field_is_a_conflict_exit_4_until_forced()
    {
        Continuity.PlanFiles.PlanFileWriter.WriteFolder(Full(), _cli.PathOf("plan"));
        Assert.Equal(0, (await _cli.RunAsync("import", _cli.PathOf("plan"))).ExitCode);
        var export = await _cli.RunAsync("export", _cli.PathOf("exported"));
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("continuity.dev/revision: \"1\"", await File.ReadAllTextAsync(_cli.PathOf("exported/organisation.yaml"), Ct), StringComparison.Ordinal);

        await ChangeInTheAppAsync(Duration.FromHours(8));
        EditFiles(documents => ((BusinessFunctionSpec)documents.Single(d => d.Name == "enrolment").Spec).Objectives!.Rto = Duration.FromHours(2));

        var conflict = await _cli.RunAsync("import", _cli.PathOf("exported"));
        var json = await _cli.RunAsync("import", _cli.PathOf("exported"), "--format", "json");
        var forced = await _cli.RunAsync("import", _cli.PathOf("exported"), "--force");

        Assert.Equal(ExitCodesConflict, conflict.ExitCode);
        Assert.Contains("function:enrolment", conflict.Output, StringComparison.Ordinal);
        Assert.Contains("spec.objectives.rto", conflict.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodesConflict, json.ExitCode);
        using var parsed = JsonDocument.Parse(json.Output);
        Assert.Equal("spec.objectives.rto", parsed.RootElement.GetProperty("conflicts")[0].GetProperty("fields")[0].GetString());
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(Duration.FromHours(2), await RtoAsync());
    }

    [Fact]
    public async Task A_change_in_a_different_element_imports_cleanly_and_keeps_the_apps_change()
    {
        Continuity.PlanFiles.PlanFileWriter.WriteFolder(Full(), _cli.PathOf("plan"));
        await _cli.RunAsync("import", _cli.PathOf("plan"));
        await _cli.RunAsync("export", _cli.PathOf("exported"));

        await ChangeInTheAppAsync(Duration.FromHours(8));
        EditFiles(documents => ((BusinessFunctionSpec)documents.Single(d => d.Name == "payroll").Spec).Tier = 2);
        var import = await _cli.RunAsync("import", _cli.PathOf("exported"));

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("function:payroll", import.Output, StringComparison.Ordinal);
        Assert.Equal(Duration.FromHours(8), await RtoAsync());
    }

    [Fact]
    public async Task Audit_verify_exits_1_naming_the_entry_once_the_log_was_tampered_with()
    {
        Continuity.PlanFiles.PlanFileWriter.WriteFolder(Full(), _cli.PathOf("plan"));
        await _cli.RunAsync("import", _cli.PathOf("plan"));
        var intact = await _cli.RunAsync("audit", "verify", "--connection-string", _cli.ConnectionString);

        await using (var db = Open())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Changes\" = '[]' WHERE \"Sequence\" = 4", Ct);
        }
        var broken = await _cli.RunAsync("audit", "verify", "--format", "json", "--connection-string", _cli.ConnectionString);

        Assert.Equal(0, intact.ExitCode);
        Assert.Matches(@"The audit log is intact: \d+ entries verified", intact.Output);
        Assert.Equal(1, broken.ExitCode);
        using var parsed = JsonDocument.Parse(broken.Output);
        Assert.Equal(4, parsed.RootElement.GetProperty("firstBroken").GetInt64());
    }

    private const int ExitCodesConflict = Continuity.Cli.ExitCodes.Conflict;

    private ContinuityDb Open() => ContinuityDbFactory.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = _cli.ConnectionString });

    private async Task ChangeInTheAppAsync(Duration rto)
    {
        await using var db = Open();
        var version = await db.Functions.Where(f => f.Name == "enrolment").Select(f => f.Version).SingleAsync(Ct);
        await new PlanWriter(db, new FakeTimeProvider()).ChangeObjectivesAsync(new Actor("ana@example.org", AuditChannel.Form), "enrolment", version,
            rto, Duration.Parse("15m"), Duration.FromDays(1), Ct);
    }

    private void EditFiles(Action<List<PlanDocument>> edit)
    {
        var documents = PlanLoader.Load(_cli.PathOf("exported")).Plan.Documents.ToList();
        edit(documents);
        Continuity.PlanFiles.PlanFileWriter.WriteFolder(new Plan(documents), _cli.PathOf("exported"));
    }

    private async Task<Duration?> RtoAsync()
    {
        await using var db = Open();
        var plan = await PlanExport.LoadAsync(db, Ct);
        return ((BusinessFunctionSpec)plan.Documents.Single(d => d.Name == "enrolment").Spec).Objectives!.Rto;
    }
}
