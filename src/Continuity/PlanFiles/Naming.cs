using System.Text;
using System.Text.RegularExpressions;

namespace Continuity.PlanFiles;

/// <summary>How names are spelled in plan files: camelCase keys, kebab-case enum values, slug ids.</summary>
public static partial class Naming
{
    public const int MaxNameLength = 100;

    public static string CamelCase(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];

    public static string KebabCase(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                text.Append('-');
            }
            text.Append(char.ToLowerInvariant(pascal[i]));
        }
        return text.ToString();
    }

    public static string EnumValue<T>(T value)
        where T : struct, Enum => KebabCase(value.ToString());

    public static bool IsSlug(string name) => name.Length <= MaxNameLength && Slug().IsMatch(name);

    /// <summary>The candidates closest to what was written, for "did you mean …?".</summary>
    public static IReadOnlyList<string> Closest(string written, IEnumerable<string> candidates, int max = 3)
    {
        var limit = Math.Max(2, written.Length / 3);
        return [.. candidates
            .Select(candidate => (candidate, distance: EditDistance(written, candidate)))
            .Where(c => c.distance <= limit || c.candidate.Contains(written, StringComparison.OrdinalIgnoreCase) ||
                (written.Length >= 4 && c.candidate.StartsWith(written[..4], StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.distance)
            .ThenBy(c => c.candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.candidate)];
    }

    public static string? DidYouMean(string written, IEnumerable<string> candidates)
    {
        var closest = Closest(written, candidates);
        return closest.Count == 0 ? null : "did you mean " + string.Join(" or ", closest.Select(c => $"'{c}'")) + "?";
    }

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex Slug();
}
