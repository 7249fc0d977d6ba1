using System.Text;
using Continuity.Cli;
using Continuity.Demo;
using Continuity.PlanFiles;
using Continuity.Tests.Cli;

namespace Continuity.Tests.PlanFiles;

/// <summary>Mutates the demo plan thousands of times, with a fixed seed, in the ways YAML goes
/// wrong (anchors and aliases, aliases as keys, deep brackets, tabs, odd indentation, document
/// markers, duplicate keys, tags, junk, truncation, huge values, NUL, byte order marks), and
/// checks that the loader never throws and that every problem it reports has a place.</summary>
public sealed class PlanReaderFuzzTests
{
    private const int Seed = 20261125;
    private const int Mutations = 3000;
    private const int ThroughTheCommandLine = 40;

    private static readonly IReadOnlyList<(string File, string Text)> Demo =
        [.. DemoPlan.Files().Where(f => f.File.EndsWith(".yaml", StringComparison.Ordinal))];

    private static readonly Func<Random, string, string>[] Mutators =
    [
        Anchor, Alias, AliasAsKey, SelfAlias, DeepFlow, Tab, OddIndentation, DocumentMarker, DuplicateLine,
        Tag, Junk, Truncate, HugeScalar, Nul, ByteOrderMark, DropStructure,
    ];

    [Fact(Timeout = 600_000)]   // a guard against a hang, not a speed target (docs/performance.md measures speed)
    public async Task Thousands_of_mutated_plans_load_without_an_exception_and_every_problem_has_a_place()
    {
        var ct = TestContext.Current.CancellationToken;
        await Task.Run(() =>
        {
            var random = new Random(Seed);
            for (var run = 0; run < Mutations; run++)
            {
                ct.ThrowIfCancellationRequested();
                var (file, text) = Mutate(random);
                PlanLoadResult result;
                try
                {
                    result = PlanLoader.LoadTexts([(file, text)]);
                }
                catch (Exception problem)
                {
                    Assert.Fail($"Mutation {run} of {file} threw {problem.GetType().Name}: {problem.Message}\n--- text ---\n{Shorten(text)}");
                    throw;
                }
                AssertLocated(result, run, text);
            }
        }, ct);
    }

    [Fact(Timeout = 600_000)]   // a guard against a hang, not a speed target (docs/performance.md measures speed)
    public async Task A_sample_of_mutated_plans_through_validate_ends_in_a_defined_exit_code()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cli = new CliRunner();
        var random = new Random(Seed + 1);
        for (var run = 0; run < ThroughTheCommandLine; run++)
        {
            var folder = cli.PathOf($"plan-{run}");
            Directory.CreateDirectory(folder);
            var (file, text) = Mutate(random);
            var bytes = Encoding.UTF8.GetBytes(text);
            if (random.Next(4) == 0)
            {
                // Bytes that are not UTF-8 at all can only come from a file.
                bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
            }
            await File.WriteAllBytesAsync(Path.Join(folder, Path.GetFileName(file)), bytes, ct);

            var result = await cli.RunAsync("validate", folder, "--format", "json");

            Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.Findings or ExitCodes.InvalidInput or ExitCodes.Environment,
                $"Mutation {run} of {file}: exit code {result.ExitCode}\n{result.All}\n--- text ---\n{Shorten(text)}");
            Assert.DoesNotContain("internal error", result.All, StringComparison.Ordinal);
        }
    }

    private static void AssertLocated(PlanLoadResult result, int run, string text)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            // The only plan-wide problem: no Organisation document at all.
            if (diagnostic.Code == PlanFileCodes.OrganisationCount && diagnostic.Location is null)
            {
                continue;
            }
            Assert.True(diagnostic.Location is { Line: >= 1, Column: >= 1, File.Length: > 0 },
                $"Mutation {run}: {diagnostic} has no place\n--- text ---\n{Shorten(text)}");
        }
    }

    private static (string File, string Text) Mutate(Random random)
    {
        var (file, text) = Demo[random.Next(Demo.Count)];
        for (var times = random.Next(1, 4); times > 0; times--)
        {
            text = Mutators[random.Next(Mutators.Length)](random, text);
        }
        return (file, text);
    }

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    /// <summary>The start of a random line, or the end of the text.</summary>
    private static int LineStart(Random random, string text)
    {
        var at = random.Next(text.Length + 1);
        var start = at == 0 ? -1 : text.LastIndexOf('\n', at - 1);
        return start + 1;
    }

    /// <summary>Just after a random ": " or "- ", where a value starts.</summary>
    private static int ValueStart(Random random, string text)
    {
        for (var tries = 0; tries < 20; tries++)
        {
            var at = random.Next(text.Length);
            var colon = text.IndexOf(": ", at, StringComparison.Ordinal);
            var dash = text.IndexOf("- ", at, StringComparison.Ordinal);
            var found = colon < 0 ? dash : dash < 0 ? colon : Math.Min(colon, dash);
            if (found >= 0)
            {
                return found + 2;
            }
        }
        return text.Length;
    }

    private static string Indentation(string text, int lineStart)
    {
        var end = lineStart;
        while (end < text.Length && text[end] == ' ')
        {
            end++;
        }
        return text[lineStart..end];
    }

    private static string Name(Random random) => "a" + random.Next(4);

    private static string Anchor(Random random, string text) => text.Insert(ValueStart(random, text), $"&{Name(random)} ");

    private static string Alias(Random random, string text)
    {
        var at = ValueStart(random, text);
        var end = text.IndexOf('\n', at);
        return text[..at] + $"*{Name(random)}" + (end < 0 ? "" : text[end..]);
    }

    private static string AliasAsKey(Random random, string text)
    {
        var at = LineStart(random, text);
        return text.Insert(at, $"{Indentation(text, at)}*{Name(random)} : x\n");
    }

    private static string SelfAlias(Random random, string text)
    {
        var name = Name(random);
        return text.Insert(ValueStart(random, text), random.Next(2) == 0 ? $"&{name} [*{name}] " : $"&{name} {{contact: *{name}}} ");
    }

    private static string DeepFlow(Random random, string text)
    {
        var depth = random.Next(3) switch { 0 => random.Next(1, 20), 1 => random.Next(90, 110), _ => random.Next(1000, 30_000) };
        var open = random.Next(2) == 0 ? '[' : '{';
        var close = random.Next(2) == 0 ? (open == '[' ? "]" : "}") : "";
        return text.Insert(ValueStart(random, text), new string(open, depth) + string.Concat(Enumerable.Repeat(close, depth)));
    }

    private static string Tab(Random random, string text) => text.Insert(LineStart(random, text), "\t");

    private static string OddIndentation(Random random, string text)
    {
        var at = LineStart(random, text);
        var width = Indentation(text, at).Length;
        return random.Next(2) == 0 || width == 0
            ? text.Insert(at, new string(' ', random.Next(1, 4)))
            : text.Remove(at, Math.Min(width, random.Next(1, 4)));
    }

    private static string DocumentMarker(Random random, string text) =>
        text.Insert(LineStart(random, text), random.Next(3) switch { 0 => "---\n", 1 => "...\n", _ => "--- !!map\n" });

    private static string DuplicateLine(Random random, string text)
    {
        var at = LineStart(random, text);
        var end = text.IndexOf('\n', at);
        return end < 0 ? text + text[at..] : text.Insert(end + 1, text[at..(end + 1)]);
    }

    private static string Tag(Random random, string text) =>
        text.Insert(ValueStart(random, text), random.Next(4) switch { 0 => "!!str ", 1 => "!!map ", 2 => "!!binary ", _ => "!custom " });

    private static string Junk(Random random, string text)
    {
        var junk = new char[random.Next(1, 32)];
        for (var i = 0; i < junk.Length; i++)
        {
            junk[i] = (char)random.Next(0, random.Next(2) == 0 ? 0x80 : 0x10000);
        }
        return text.Insert(random.Next(text.Length + 1), new string(junk));
    }

    private static string Truncate(Random random, string text) => text[..random.Next(text.Length + 1)];

    private static string HugeScalar(Random random, string text)
    {
        var at = ValueStart(random, text);
        var huge = random.Next(2) == 0 ? new string('x', 200_000) : "\"" + new string('y', 200_000) + "\"";
        return text.Insert(at, huge);
    }

    private static string Nul(Random random, string text) => text.Insert(random.Next(text.Length + 1), "\0");

    private static string ByteOrderMark(Random random, string text) => text.Insert(random.Next(2) == 0 ? 0 : random.Next(text.Length + 1), "\uFEFF");

    private static string DropStructure(Random random, string text)
    {
        for (var tries = 0; tries < 20; tries++)
        {
            var at = random.Next(text.Length);
            if (text.Length > 0 && ":-{}[]\"'#|>&*,?".Contains(text[at], StringComparison.Ordinal))
            {
                return text.Remove(at, 1);
            }
        }
        return text;
    }
}
