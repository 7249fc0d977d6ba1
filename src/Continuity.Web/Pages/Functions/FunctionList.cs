using Continuity.Catalog;
using Continuity.Web.Pages.Shared;

namespace Continuity.Web.Pages.Functions;

/// <summary>One page of the functions list: the catalog rows of the page (searched, filtered,
/// sorted, paged; each with its team, owner, objectives and their approval) and what the analysis
/// found achievable for each (by name).</summary>
public sealed record FunctionsTable(CatalogListView View, IReadOnlyDictionary<string, FunctionRecovery> Recovery);

/// <summary>How the functions list sorts by recovery gap.</summary>
internal static class FunctionList
{
    /// <summary>The sort keys of the functions list beyond the catalog's: <c>gap</c> (the widest
    /// RTO gap first; a function that can never be back counts widest, one without a target last),
    /// <c>rpo-gap</c> the same for the recovery point.</summary>
    public static Func<string, IEnumerable<CatalogRow>, IOrderedEnumerable<CatalogRow>?> SortBy(
        IReadOnlyDictionary<string, FunctionRecovery> recovery, bool descending) => (key, rows) => key switch
        {
            "gap" => Widest(rows, r => recovery.GetValueOrDefault(r.Name)?.Rto, descending),
            "rpo-gap" => Widest(rows, r => recovery.GetValueOrDefault(r.Name)?.Rpo, descending),
            _ => null,
        };

    /// <summary>How far the achievable lies beyond the target: never achievable widest, a target
    /// met by a margin negative, no target at all narrowest.</summary>
    public static long Gap(Achievable? objective) => objective switch
    {
        null => long.MinValue,
        { TargetMinutes: null } => long.MinValue,
        { Never: true } => long.MaxValue,
        { Minutes: { } minutes, TargetMinutes: { } target } => (long)minutes - target,
        { TargetMinutes: { } target } => -(long)target,               // needs no data / nothing to restore
    };

    private static IOrderedEnumerable<CatalogRow> Widest(IEnumerable<CatalogRow> rows, Func<CatalogRow, Achievable?> objective, bool descending) =>
        descending ? rows.OrderBy(r => Gap(objective(r))) : rows.OrderByDescending(r => Gap(objective(r)));
}
