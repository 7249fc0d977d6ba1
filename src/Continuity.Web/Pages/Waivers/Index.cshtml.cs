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
    public const string Path = "/waivers";

    /// <summary>The filters as understood: <c>q</c> and, in <see cref="ListQuery.Extra"/>, <c>state</c>.</summary>
    public ListQuery Query { get; private set; } = null!;

    public bool CanChange { get; private set; }

    public int Total { get; private set; }

    public int Active { get; private set; }

    public int ExpiringSoon { get; private set; }

    public int Expired { get; private set; }

    public ListPage<WaiverRow> Rows { get; private set; } = null!;

    public string? State => Query.Extra.GetValueOrDefault("state");

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

        var asked = ListQuery.From(Request.Query, "state");
        WaiverState? state = asked.Extra.GetValueOrDefault("state") switch
        {
            "active" => WaiverState.Active,
            "soon" => WaiverState.ExpiresSoon,
            "expired" => WaiverState.Expired,
            _ => null,
        };
        Query = new ListQuery(asked.Q, null, false, null, null, null, null, asked.Page)
        {
            Extra = state is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["state"] = asked.Extra["state"] },
        };
        var query = Query.Q;
        var kept = all
            .Where(w => state is null || w.State == state)
            .Where(w => query is null
                || w.Waiver.Check.Contains(query, StringComparison.OrdinalIgnoreCase)
                || (w.Waiver.Element?.ToString().Contains(query, StringComparison.OrdinalIgnoreCase) ?? false)
                || w.Waiver.Reason.Contains(query, StringComparison.OrdinalIgnoreCase)
                || (w.Waiver.Owner?.Name.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false))
            // Expired first, then by expiry: what needs attention at the top.
            .OrderBy(w => w.State == WaiverState.Expired ? 0 : 1).ThenBy(w => w.Waiver.Expires).ThenBy(w => w.Waiver.Check, StringComparer.Ordinal)
            .ToList();
        var shown = Query.PageOf(kept, Path);

        var wanted = shown.Items.SelectMany(w => new[] { w.Waiver.Element, w.Waiver.Owner })
            .Where(r => r?.Kind is not null)
            .Select(r => (r!.Kind!.Value, r.Name));
        var links = await ElementTitles.LoadAsync(db, wanted, cancellationToken);
        Rows = new ListPage<WaiverRow>([.. shown.Items.Select(w => new WaiverRow(
            w.Waiver.Check, CheckCatalogue.Find(w.Waiver.Check)?.Title,
            w.Waiver.Element?.Kind is { } kind ? links(kind, w.Waiver.Element.Name) : null, w.Waiver.Element?.ToString() ?? "",
            w.Waiver.Reason, w.Waiver.Owner is { } owner ? links(ElementKind.Person, owner.Name) : null,
            w.Waiver.Expires, w.State))], shown.Pager);
        return Page();
    }

    /// <summary>This page's URL with the current filters and one of them changed (null: removed), from the first page.</summary>
    public string Link(string name, string? value) => Query.With(name, value).Href(Path);
}

public sealed record WaiverRow(string Check, string? CheckTitle, ElementLink? Element, string ElementId, string Reason, ElementLink? Owner,
    DateOnly? Expires, WaiverState State);
