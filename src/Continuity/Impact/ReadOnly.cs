using System.Collections.Immutable;

namespace Continuity.Impact;

/// <summary>Makes the lists of a report truly read-only: a report is cached and shared between
/// requests (the what-if page), so no holder may be able to change what another reads, not even by
/// casting an <see cref="IReadOnlyList{T}"/> back to the list it was built as.</summary>
internal static class ReadOnly
{
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> items) =>
        items is ImmutableArray<T> ? items : ImmutableArray.CreateRange(items);
}
