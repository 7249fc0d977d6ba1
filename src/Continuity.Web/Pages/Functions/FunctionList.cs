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

/// <summary>The functions table: every function, and what the analysis found achievable for each (by name).</summary>
public sealed record FunctionsTable(IReadOnlyList<FunctionRow> Rows, IReadOnlyDictionary<string, FunctionRecovery> Recovery);

/// <summary>Every business function with its team, owner and objectives, in one query.</summary>
internal static class FunctionList
{
    public static async Task<List<FunctionRow>> LoadAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        var rows = await db.Functions.AsNoTracking()
            .OrderBy(f => f.Tier).ThenBy(f => f.Title ?? f.Name)
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
        return
        [
            .. rows.Select(f => new FunctionRow(
                f.Name, f.Title, f.Tier,
                f.Team is null ? null : new ElementLink(ElementKind.Team, f.Team, f.TeamTitle),
                f.Owner is null ? null : new ElementLink(ElementKind.Person, f.Owner, f.OwnerTitle),
                f.Objectives, f.Supports)),
        ];
    }
}
