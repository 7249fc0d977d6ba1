using System.Diagnostics;
using Continuity.PlanFiles;

namespace Continuity.Tests.PlanFiles;

/// <summary>What the loader does with things in a plan folder that are not plain files: it reads
/// links to files and folders, and reports pipes, devices and broken links without opening them.</summary>
public sealed class PlanFolderTests : IDisposable
{
    private const string Team = "apiVersion: continuity/v1\nkind: Team\nmetadata: {name: ops}\n";
    private const string Organisation = "apiVersion: continuity/v1\nkind: Organisation\nmetadata: {name: acme}\n";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("continuity-folder-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string relative) => Path.Join(_folder.FullName, relative);

    private string Plan => PathOf("plan");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Loads on another thread, so that a loader that blocks fails the test (after 20 s) instead of hanging the run.</summary>
    private static Task<PlanLoadResult> LoadAsync(string path, PlanLoadOptions? options = null) =>
        Task.Run(() => PlanLoader.Load(path, options), Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);

    private static Diagnostic Single(PlanLoadResult result, string code) => Assert.Single(result.Diagnostics, d => d.Code == code);

    private void WritePlan()
    {
        Directory.CreateDirectory(Plan);
        File.WriteAllText(Path.Join(Plan, "org.yaml"), Organisation);
        File.WriteAllText(Path.Join(Plan, "team.yaml"), Team);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task A_named_pipe_in_the_plan_folder_is_a_located_error_and_is_never_opened()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "named pipes are created with mkfifo");
        WritePlan();
        MakeFifo(Path.Join(Plan, "pipe.yaml"));

        var result = await LoadAsync(Plan);

        var error = Single(result, PlanFileCodes.NotARegularFile);
        Assert.Equal(new SourceLocation(Path.Join(Plan, "pipe.yaml"), 1, 1), error.Location);
        Assert.Contains("named pipe", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        Assert.Equal(2, result.Plan.Documents.Count);
    }

    [Fact]
    public async Task A_named_pipe_given_as_the_path_is_a_located_error()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "named pipes are created with mkfifo");
        MakeFifo(PathOf("pipe.yaml"));

        var result = await LoadAsync(PathOf("pipe.yaml"));

        Assert.Equal(PathOf("pipe.yaml"), Single(result, PlanFileCodes.NotARegularFile).Location!.File);
    }

    [Fact]
    public async Task A_link_to_dev_zero_is_refused_instead_of_read_until_memory_runs_out()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");
        WritePlan();
        File.CreateSymbolicLink(Path.Join(Plan, "zero.yaml"), "/dev/zero");

        var result = await LoadAsync(Plan);

        Assert.Contains("character device", Single(result, PlanFileCodes.NotARegularFile).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_loop_and_a_dangling_link_are_located_errors()
    {
        WritePlan();
        File.CreateSymbolicLink(Path.Join(Plan, "a.yaml"), "b.yaml");
        File.CreateSymbolicLink(Path.Join(Plan, "b.yaml"), "a.yaml");
        File.CreateSymbolicLink(Path.Join(Plan, "gone.yaml"), "nowhere.yaml");

        var result = await LoadAsync(Plan);

        var broken = result.Diagnostics.Where(d => d.Code == PlanFileCodes.BrokenLink).ToList();
        Assert.Equal([Path.Join(Plan, "a.yaml"), Path.Join(Plan, "b.yaml"), Path.Join(Plan, "gone.yaml")], broken.Select(d => d.Location!.File));
        Assert.Contains("loop", broken[0].Message, StringComparison.Ordinal);
        Assert.Contains("'nowhere.yaml', which does not exist", broken[2].Message, StringComparison.Ordinal);
        Assert.Equal(5, result.FileCount);
    }

    [Fact]
    public async Task A_dangling_link_given_as_the_path_is_a_broken_link_not_a_missing_path()
    {
        File.CreateSymbolicLink(PathOf("gone.yaml"), "nowhere.yaml");

        var result = await LoadAsync(PathOf("gone.yaml"));

        Single(result, PlanFileCodes.BrokenLink);
    }

    [Fact]
    public async Task A_folder_link_back_into_the_plan_is_reported_and_not_followed()
    {
        WritePlan();
        Directory.CreateDirectory(Path.Join(Plan, "teams"));
        Directory.CreateSymbolicLink(Path.Join(Plan, "teams", "up"), "..");
        Directory.CreateDirectory(PathOf("other"));
        Directory.CreateSymbolicLink(PathOf("other/back"), Plan);
        Directory.CreateSymbolicLink(Path.Join(Plan, "other"), PathOf("other"));

        var result = await LoadAsync(Plan);

        var loops = result.Diagnostics.Where(d => d.Code == PlanFileCodes.BrokenLink).Select(d => d.Location!.File).Order(StringComparer.Ordinal);
        Assert.Equal([Path.Join(Plan, "other", "back"), Path.Join(Plan, "teams", "up")], loops);
        Assert.Equal(2, result.FileCount);
    }

    [Fact]
    public async Task Links_to_files_and_folders_outside_the_plan_are_read_like_the_files_themselves()
    {
        Directory.CreateDirectory(Plan);
        Directory.CreateDirectory(PathOf("shared/teams"));
        File.WriteAllText(PathOf("shared/org.yaml"), Organisation);
        File.WriteAllText(PathOf("shared/teams/ops.yaml"), Team);
        File.CreateSymbolicLink(Path.Join(Plan, "org.yaml"), PathOf("shared/org.yaml"));
        Directory.CreateSymbolicLink(Path.Join(Plan, "teams"), PathOf("shared/teams"));

        var result = await LoadAsync(Plan);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Plan.Documents.Count);
        Assert.Equal(Path.Join(Plan, "teams", "ops.yaml"), result.Sources.Locate(result.Plan.OfKind(ElementKind.Team).Single().Spec)!.File);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_without_being_read()
    {
        WritePlan();
        File.WriteAllText(Path.Join(Plan, "big.yaml"), Team.Replace("ops", "big", StringComparison.Ordinal) + "# " + new string('x', 5000) + "\n");

        var result = await LoadAsync(Plan, new PlanLoadOptions { MaxFileBytes = 4096 });

        Assert.Equal(new SourceLocation(Path.Join(Plan, "big.yaml"), 1, 1), Single(result, PlanFileCodes.FileTooLarge).Location);
        Assert.Equal(2, result.Plan.Documents.Count);
    }

    [Fact]
    public async Task An_empty_file_is_read_as_no_documents()
    {
        WritePlan();
        File.WriteAllText(Path.Join(Plan, "empty.yaml"), "");

        var result = await LoadAsync(Plan);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.FileCount);
    }
}
