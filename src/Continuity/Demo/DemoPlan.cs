using System.Reflection;
using Continuity.PlanFiles;

namespace Continuity.Demo;

/// <summary>The demo organisation (examples/illumidesk), built into the program so that
/// <c>continuity demo</c> and <c>continuity serve --demo</c> work from a bare executable.</summary>
public static class DemoPlan
{
    private const string Prefix = "demo/";

    /// <summary>The demo's plan files: relative path and text, in path order.</summary>
    public static IReadOnlyList<(string File, string Text)> Files()
    {
        var assembly = typeof(DemoPlan).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[Prefix.Length..], Read(assembly, name)))];
    }

    public static PlanLoadResult Load() => PlanLoader.LoadTexts(Files()
        .Where(f => f.File.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(f => ($"illumidesk/{f.File}", f.Text)));

    public static IReadOnlyList<string> WriteTo(string folder)
    {
        var written = new List<string>();
        foreach (var (file, text) in Files())
        {
            var path = Path.Join(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            written.Add(path);
        }
        return written;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
