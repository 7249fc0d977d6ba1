using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Unicode;

namespace Continuity.PlanFiles;

/// <summary>A loaded plan with every problem found in it. The plan is only usable when
/// <see cref="HasErrors"/> is false; warnings do not stop an import.</summary>
public sealed record PlanLoadResult(Plan Plan, SourceMap Sources, IReadOnlyList<Diagnostic> Diagnostics, int FileCount)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>Limits of the loader. The default suits any real plan; <c>continuity validate</c>
/// and <c>import</c> set <see cref="MaxFileBytes"/> with <c>--max-file-size</c>.</summary>
public sealed record PlanLoadOptions
{
    public const long DefaultMaxFileBytes = 50L * 1024 * 1024;

    public static PlanLoadOptions Default { get; } = new();

    /// <summary>A plan file larger than this is refused (PF008) without being read.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;
}

/// <summary>Loads plan files: one file, or every <c>*.yaml</c>/<c>*.yml</c> under a folder.</summary>
public static class PlanLoader
{
    public static PlanLoadResult Load(string path, PlanLoadOptions? options = null)
    {
        options ??= PlanLoadOptions.Default;
        var diagnostics = new List<Diagnostic>();
        var map = new SourceMap();
        if (PlanFolder.Find(path, diagnostics) is not { } files)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, PlanFileCodes.PathNotFound, $"'{path}' does not exist.", null,
                "give the path of a plan folder or a .yaml file"));
            return new PlanLoadResult(new Plan([]), map, diagnostics, 0);
        }
        if (files.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, PlanFileCodes.NoPlanFiles, $"There are no plan files (*.yaml) in '{path}'.", null,
                "point at the folder that holds the plan, or write the demo plan with 'continuity demo DIR'"));
            return new PlanLoadResult(new Plan([]), map, diagnostics, 0);
        }

        var documents = ReadFiles(files, f => f.Length, (file, fileMap, fileDiagnostics) =>
            ReadFile(file, options, fileDiagnostics) is { } text
                ? PlanReader.Read(file.Display, text, fileMap, fileDiagnostics)
                : [],
            map, diagnostics);
        return Finish(documents, map, diagnostics, files.Count);
    }

    /// <summary>Loads plan text held in memory (named files, in order).</summary>
    public static PlanLoadResult LoadTexts(IEnumerable<(string File, string Text)> files, PlanLoadOptions? options = null)
    {
        options ??= PlanLoadOptions.Default;
        var diagnostics = new List<Diagnostic>();
        var map = new SourceMap();
        var texts = files.ToList();
        var documents = ReadFiles(texts, f => f.Text.Length, (file, fileMap, fileDiagnostics) =>
            WithinSize(file.File, (long)file.Text.Length * 3 <= options.MaxFileBytes ? 0 : Encoding.UTF8.GetByteCount(file.Text), options, fileDiagnostics)
                ? PlanReader.Read(file.File, file.Text, fileMap, fileDiagnostics)
                : [],
            map, diagnostics);
        return Finish(documents, map, diagnostics, texts.Count);
    }

    /// <summary>The text of a file found by <see cref="PlanFolder"/>, or null with the reason reported.
    /// A file that reports no size is not opened: it is empty, or a pipe or device (see <see cref="PlanFolder"/>).</summary>
    private static string? ReadFile(PlanFile file, PlanLoadOptions options, List<Diagnostic> diagnostics)
    {
        if (file.Refused is { } refused)
        {
            diagnostics.Add(refused);
            return null;
        }
        if (!WithinSize(file.Display, file.Length, options, diagnostics))
        {
            return null;
        }
        return file.Length == 0 ? "" : ReadText(file.Display, File.ReadAllBytes(file.FullPath), diagnostics);
    }

    private static bool WithinSize(string file, long bytes, PlanLoadOptions options, List<Diagnostic> diagnostics)
    {
        if (bytes <= options.MaxFileBytes)
        {
            return true;
        }
        diagnostics.Add(new Diagnostic(Severity.Error, PlanFileCodes.FileTooLarge,
            $"This file is {Megabytes(bytes)}, more than the {Megabytes(options.MaxFileBytes)} a plan file may be.", new SourceLocation(file, 1, 1),
            "split the plan over several files, or raise the limit with --max-file-size (megabytes)"));
        return false;
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB ({bytes:N0} bytes)");

    // The binder recurses as deep as the YAML nests, so helper threads get a main thread's stack.
    private const int HelperStackSize = 8 * 1024 * 1024;

    /// <summary>Reads files on every processor, largest first, each into a source map and
    /// diagnostics of its own, then puts them together in file order: the result is the same as
    /// reading the files one after the other, and so is a failure (the first file's in order).</summary>
    private static List<PlanDocument> ReadFiles<T>(IReadOnlyList<T> files, Func<T, long> size,
        Func<T, SourceMap, List<Diagnostic>, IReadOnlyList<PlanDocument>> read, SourceMap map, List<Diagnostic> diagnostics)
    {
        var order = Enumerable.Range(0, files.Count).OrderByDescending(i => size(files[i])).ToArray();
        var results = new FileRead[files.Count];
        var taken = -1;
        void Work()
        {
            for (var next = Interlocked.Increment(ref taken); next < order.Length; next = Interlocked.Increment(ref taken))
            {
                var file = order[next];
                var fileMap = new SourceMap();
                var fileDiagnostics = new List<Diagnostic>();
                try
                {
                    results[file] = new FileRead(read(files[file], fileMap, fileDiagnostics), fileMap, fileDiagnostics, null);
                }
                catch (Exception problem)
                {
                    results[file] = new FileRead([], fileMap, fileDiagnostics, ExceptionDispatchInfo.Capture(problem));
                }
            }
        }

        var helpers = Enumerable.Range(1, Math.Min(Environment.ProcessorCount, files.Count) - 1)
            .Select(_ => new Thread(Work, HelperStackSize) { IsBackground = true }).ToList();
        helpers.ForEach(helper => helper.Start());
        Work();
        helpers.ForEach(helper => helper.Join());

        var documents = new List<PlanDocument>();
        foreach (var result in results)
        {
            result.Failure?.Throw();
            documents.AddRange(result.Documents);
            map.AddAll(result.Map);
            diagnostics.AddRange(result.Diagnostics);
        }
        return documents;
    }

    private sealed record FileRead(IReadOnlyList<PlanDocument> Documents, SourceMap Map, List<Diagnostic> Diagnostics, ExceptionDispatchInfo? Failure);

    private static PlanLoadResult Finish(List<PlanDocument> documents, SourceMap map, List<Diagnostic> diagnostics, int fileCount)
    {
        var plan = PlanValidator.Validate(documents, map, diagnostics);
        var ordered = diagnostics
            .OrderBy(d => d.Location?.File ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Line ?? 0)
            .ThenBy(d => d.Location?.Column ?? 0)
            .ToList();
        return new PlanLoadResult(plan, map, ordered, fileCount);
    }

    /// <summary>Decodes strict UTF-8 (a byte order mark is allowed); anything else is an error
    /// pointing at the first byte that is not UTF-8.</summary>
    private static string? ReadText(string file, byte[] bytes, List<Diagnostic> diagnostics)
    {
        ReadOnlySpan<byte> content = bytes;
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }
        var chars = new char[content.Length];
        var status = Utf8.ToUtf16(content, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var before = content[..read];
        var line = before.Count((byte)'\n') + 1;
        var column = read - (before.LastIndexOf((byte)'\n') + 1) + 1;
        var hint = bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF })
            ? "the file is UTF-16; save it as UTF-8"
            : "save the file as UTF-8 (it looks like Latin-1 or Windows-1252)";
        diagnostics.Add(new Diagnostic(Severity.Error, PlanFileCodes.NotUtf8, $"This file is not UTF-8 text (byte 0x{content[read]:X2}).",
            new SourceLocation(file, line, column), hint));
        return null;
    }

}
