using Continuity.Catalog;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Functions;

public sealed record FunctionRow(
    string Name, string? Title, int Tier, ElementLink? Team, ElementLink? Owner,
    Objectives Objectives, IReadOnlyList<string> Supports)
{
    public ElementLink Link => new(ElementKind.BusinessFunction, Name, Title);
}

/// <summary>One page of the functions list: the catalog rows of the page (searched, filtered,
/// sorted, paged), their owner and objectives from the database (by name) and what the analysis
/// found achievable for each (by name).</summary>
public sealed record FunctionsTable(
    CatalogListView View, IReadOnlyDictionary<string, FunctionRow> Rows, IReadOnlyDictionary<string, FunctionRecovery> Recovery);

/// <summary>The functions of one page with their team, owner and objectives, in one query.</summary>
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

    public static async Task<Dictionary<string, FunctionRow>> LoadAsync(ContinuityDb db, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return new Dictionary<string, FunctionRow>(StringComparer.Ordinal);
        }
        var rows = await db.Functions.AsNoTracking()
            .Where(f => names.Contains(f.Name))
            .Select(f => new
            {
                f.Name,
                f.Title,
                f.Tier,
                f.Team,
                TeamTitle = db.Teams.Where(t => t.Name == f.Team).Select(t => t.Title).FirstOrDefault(),
                f.Owner,
                OwnerTitle = db.People.Where(p => p.Name == f.Owner).Select(p => p.Title).FirstOrDefault(),
                Objectives = new Objectives(f.MtpdMinutes, f.RtoMinutes, f.RpoMinutes, f.ApprovedBy, f.ApprovedOn,
                    f.ApprovedMtpdMinutes, f.ApprovedRtoMinutes, f.ApprovedRpoMinutes),
                f.Supports,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(f => new FunctionRow(
                f.Name, f.Title, f.Tier,
                f.Team is null ? null : new ElementLink(ElementKind.Team, f.Team, f.TeamTitle),
                f.Owner is null ? null : new ElementLink(ElementKind.Person, f.Owner, f.OwnerTitle),
                f.Objectives, f.Supports))
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
    }
}
