using System.Globalization;
using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Audit;

/// <summary>The audit log: every change and every sign-in, newest first, filtered by element,
/// person and time; and, on request, whether the hash chain is intact.</summary>
[Authorize(Policy = AccessPolicies.ReadAudit)]
public sealed class IndexModel(ContinuityDb db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>An element (<c>function:payroll</c>) or account (<c>user:ana@example.org</c>), or part of one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    /// <summary>Who: an e-mail address, or part of one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Show entries before this sequence number (the next page).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Verify { get; set; }

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public long TotalEntries { get; private set; }

    public AuditVerification? Verification { get; private set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Subject) || !string.IsNullOrWhiteSpace(Actor) || From is not null || To is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (From is { } from && To is { } to && to < from)
        {
            ModelState.AddModelError(nameof(To), "The end date is before the start date.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Subject))
        {
            var subject = Subject.Trim();
            query = query.Where(e => e.Subject != null && e.Subject.Contains(subject));
        }
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim();
            query = query.Where(e => e.Actor.Contains(actor));
        }
        if (From is { } start)
        {
            var since = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc >= since);
        }
        if (To is { } end)
        {
            var until = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc < until);
        }
        if (Before is { } before)
        {
            query = query.Where(e => e.Sequence < before);
        }

        var entries = await query.OrderByDescending(e => e.Sequence).Take(PageSize + 1).ToListAsync(cancellationToken);
        NextBefore = entries.Count > PageSize ? entries[PageSize - 1].Sequence : null;
        Rows = [.. entries.Take(PageSize).Select(AuditRow.From)];
        TotalEntries = await db.AuditHead.AsNoTracking().Select(h => h.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (Verify)
        {
            Verification = await AuditLog.VerifyAsync(db, cancellationToken);
        }
        return Page();
    }

    public string? NextPageUrl => NextBefore is { } next
        ? Url.Page("/Audit/Index", new { Subject, Actor, From = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Before = next })
        : null;
}

/// <summary>One entry as the page shows it.</summary>
public sealed record AuditRow(long Sequence, DateTime AtUtc, string Actor, AuditChannel Channel, string Action, string? Subject,
    ElementLink? Element, long? Revision, IReadOnlyList<FieldChange> Changes)
{
    public static AuditRow From(AuditEntry entry) => new(entry.Sequence, entry.AtUtc, entry.Actor, entry.Channel, entry.Action, entry.Subject,
        ElementOf(entry.Subject), entry.Revision, entry.FieldChanges);

    public string Via => Channel switch
    {
        AuditChannel.Form => "web form",
        AuditChannel.Api => "API",
        AuditChannel.Import => "import",
        AuditChannel.Cli => "command line",
        AuditChannel.Job => "job",
        _ => Channel.ToString(),
    };

    private static ElementLink? ElementOf(string? subject) =>
        subject?.Split(':', 2) is [var kind, var name] && ElementKinds.TryParseSlug(kind, out var elementKind)
            ? new ElementLink(elementKind, name, null)
            : null;
}
