namespace Continuity.Analysis;

internal static class SortedUnique
{
    /// <summary>The distinct values in ascending order, sorted in place without LINQ.</summary>
    public static int[] Of(ReadOnlySpan<int> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var unique = sorted.Length == 0 ? 0 : 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[unique - 1])
            {
                sorted[unique++] = sorted[i];
            }
        }
        return unique == sorted.Length ? sorted : sorted[..unique];
    }
}
