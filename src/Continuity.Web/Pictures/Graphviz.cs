using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Continuity.Web.Pictures;

/// <summary>Where Graphviz's <c>dot</c> is and how long a layout may take (section <c>Graphviz</c>).</summary>
public sealed class GraphvizOptions
{
    public const string Section = "Graphviz";

    /// <summary>The <c>dot</c> program: a path, or a name looked up on PATH (default <c>dot</c>).</summary>
    [Required]
    public string DotPath { get; set; } = "dot";

    /// <summary>A layout that takes longer is stopped and the page shows the table instead.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>What a layout gave: the SVG, or why there is none (said so a person can act on it).</summary>
public sealed record GraphvizOutcome(string? Svg, string? Problem, bool Missing = false);

/// <summary>Lays out DOT text with Graphviz <c>dot -Tsvg</c>, run as a process: at most as many
/// at once as there are processors, each stopped (with its children) at the timeout or when the
/// request is cancelled.</summary>
public sealed class Graphviz(IOptions<GraphvizOptions> options, ILogger<Graphviz> logger) : IDisposable
{
    public const string InstallHint = "Install Graphviz on the server (Debian and Ubuntu: apt install graphviz), or set Graphviz__DotPath to where dot is.";

    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>The full path of <c>dot</c>, or null when it cannot be found.</summary>
    public string? DotProgram()
    {
        var configured = options.Value.DotPath;
        if (Path.IsPathRooted(configured) || configured.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(configured) ? configured : null;
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, configured);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    public async Task<GraphvizOutcome> RenderSvgAsync(string dot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dot);
        if (DotProgram() is not { } program)
        {
            return new GraphvizOutcome(null, $"Graphviz is not installed: there is no '{options.Value.DotPath}' program. {InstallHint}", Missing: true);
        }

        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await _slots.WaitAsync(limit.Token);
        try
        {
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo(program, ["-Tsvg"])
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    CreateNoWindow = true,
                    StandardInputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                    StandardOutputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                },
            };
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                return new GraphvizOutcome(null, $"Graphviz could not be started ({program}: {e.Message}). {InstallHint}", Missing: true);
            }
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(limit.Token);
                var errors = process.StandardError.ReadToEndAsync(limit.Token);
                await process.StandardInput.WriteAsync(dot.AsMemory(), limit.Token);
                process.StandardInput.Close();
                await process.WaitForExitAsync(limit.Token);
                var svg = await output;
                var error = await errors;
                if (process.ExitCode != 0)
                {
                    logger.LogWarning("dot exited with code {Code}: {Error}", process.ExitCode, error);
                    return new GraphvizOutcome(null, $"Graphviz could not lay out the picture (dot exited with code {process.ExitCode}: {FirstLine(error)}).");
                }
                return new GraphvizOutcome(svg, null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Stop(process);
                return new GraphvizOutcome(null, $"Graphviz took longer than {options.Value.TimeoutSeconds} s to lay out the picture, so it was stopped (Graphviz__TimeoutSeconds). A smaller depth draws faster.");
            }
            catch (OperationCanceledException)
            {
                Stop(process);
                throw;
            }
            catch (IOException e)
            {
                Stop(process);
                return new GraphvizOutcome(null, $"Graphviz stopped while laying out the picture ({e.Message}).");
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
        return line.Length > 200 ? line[..200] : line;
    }

    public void Dispose() => _slots.Dispose();
}
