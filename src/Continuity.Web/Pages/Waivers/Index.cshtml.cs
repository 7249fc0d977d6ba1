using System.Globalization;
using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Waivers;

/// <summary>Every waiver of the plan (the organisation's spec.waivers) with where it stands:
/// active, expiring within 30 days, or expired and waiving nothing. Filtered by state and text,
/// fifty to a page; three queries (organisation, titles of the elements and owners shown).</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, CurrentAccess access, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "state")]
    public string? State { get; set; }

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public bool CanChange { get; private set; }

    public int Total { get; private set; }

    public int Active { get; private set; }

    public int ExpiringSoon { get; private set; }

    public int Expired { get; private set; }

    public int Matching { get; private set; }

    public int Pages { get; private set; }

    public IReadOnlyList<WaiverRow> Rows { get; private set; } = [];

    public bool Filtered => State is not null || !string.IsNullOrWhiteSpace(Q);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        CanChange = (await access.GetAsync(cancellationToken)).CanChangeWholePlan;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var waivers = await db.Organisations.AsNoTracking().Select(o => o.Waivers).FirstOrDefaultAsync(cancellationToken) ?? [];
        var all = waivers.Select(w => (Waiver: w, State: WaiverStates.Of(w.Expires, today))).ToList();
        Total = all.Count;
        Active = all.Count(w => w.State == WaiverState.Active);
        ExpiringSoon = all.Count(w => w.State == WaiverState.ExpiresSoon);
        Expired = all.Count(w => w.State == WaiverState.Expired);

        State = State is "active" or "soon" or "expired" ? State : null;
        var query = Q?.Trim();
        var kept = all
            .Where(w => State is null || w.State == State switch { "active" => WaiverState.Active, "soon" => WaiverState.ExpiresSoon, _ => WaiverState.Expired })
            .Where(w => string.IsNullOrEmpty(query)
                || w.Waiver.Check.Contains(query, StringComparison.OrdinalIgnoreCase)
                || (w.Waiver.Element?.ToString().Contains(query, StringComparison.OrdinalIgnoreCase) ?? false)
                || w.Waiver.Reason.Contains(query, StringComparison.OrdinalIgnoreCase)
                || (w.Waiver.Owner?.Name.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false))
            // Expired first, then by expiry: what needs attention at the top.
            .OrderBy(w => w.State == WaiverState.Expired ? 0 : 1).ThenBy(w => w.Waiver.Expires).ThenBy(w => w.Waiver.Check, StringComparer.Ordinal)
            .ToList();
        Matching = kept.Count;
        Pages = Math.Max(1, (kept.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var shown = kept.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();

        var wanted = shown.SelectMany(w => new[] { w.Waiver.Element, w.Waiver.Owner })
            .Where(r => r?.Kind is not null)
            .Select(r => (r!.Kind!.Value, r.Name));
        var links = await ElementTitles.LoadAsync(db, wanted, cancellationToken);
        Rows = [.. shown.Select(w => new WaiverRow(
            w.Waiver.Check, CheckCatalogue.Find(w.Waiver.Check)?.Title,
            w.Waiver.Element?.Kind is { } kind ? links(kind, w.Waiver.Element.Name) : null, w.Waiver.Element?.ToString() ?? "",
            w.Waiver.Reason, w.Waiver.Owner is { } owner ? links(ElementKind.Person, owner.Name) : null,
            w.Waiver.Expires, w.State))];
        return Page();
    }

    public string Link(string? name = null, string? value = null)
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("state", State), new("q", string.IsNullOrWhiteSpace(Q) ? null : Q.Trim()),
            new("page", PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null),
        };
        if (name is not null)
        {
            parameters.RemoveAll(p => p.Key == name || (name != "page" && p.Key == "page"));
            parameters.Add(new(name, value));
        }
        var query = Microsoft.AspNetCore.Http.QueryString.Create(parameters.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
        return "/waivers" + query;
    }
}

public sealed record WaiverRow(string Check, string? CheckTitle, ElementLink? Element, string ElementId, string Reason, ElementLink? Owner,
    DateOnly? Expires, WaiverState State);
