using Continuity.Accounts;
using Continuity.Data;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>One dated thing a user has to do: a plan review, a sign-off, an acknowledgement, a
/// confirmation of their contact details. <paramref name="Uid"/> stays the same for the same
/// deadline, so a calendar updates it rather than adding another.</summary>
public sealed record Deadline(string Uid, DateOnly Day, string Title, string Description, string Link);

/// <summary>The deadlines that concern one user (ADR 010), for their calendar feed: reviews of the
/// plans they answer for (the consolidated plan for everyone; a team lead also their team's plan; a
/// continuity manager every plan), sign-offs waiting for them, acknowledgements they owe and their
/// own contact confirmation. Dates follow the settings (review interval, reminder days).</summary>
public sealed class Deadlines(ContinuityDb db, ControlStatus control, TimeProvider clock)
{
    /// <param name="access">The user.</param>
    /// <param name="links">The app's address, for the links.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IReadOnlyList<Deadline>> ForAsync(UserAccess access, string links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        links = links.TrimEnd('/');
        var (values, reviews) = await control.ReviewsAsync(cancellationToken);
        var days = values.AcknowledgementReminderDays;
        var deadlines = new List<Deadline>();
        foreach (var review in reviews.Where(r => r.DueOn is not null
            && (r.Scope.IsOrganisation || access.CanChangeWholePlan || access.LeadsTeams.Contains(r.Scope.Team!))))
        {
            deadlines.Add(new Deadline($"review-{review.Scope}-{review.Number}", review.DueOn!.Value, $"Review due: {review.Scope.Title}",
                $"{review.Version} was approved on {review.ApprovedUtc:yyyy-MM-dd}; plans are reviewed every {values.ReviewIntervalMonths} months.",
                $"{links}/plan/versions"));
        }

        var email = access.Email;
        var pending = await db.PlanVersions.AsNoTracking().Where(v => v.State == VersionState.PendingApproval)
            .Select(v => new { v.Scope, v.Number, v.SubmittedBy, v.StateChangedUtc, Signed = db.VersionSignOffs.Where(s => s.VersionId == v.Id).Select(s => s.Approver).ToList() })
            .ToListAsync(cancellationToken);
        foreach (var version in pending)
        {
            if (PlanScope.TryParse(version.Scope, out var scope) && VersionWorkflow.MayApprove(access, scope) && !VersionWorkflow.SameUser(email, version.SubmittedBy)
                && !version.Signed.Any(s => VersionWorkflow.SameUser(s, email)))
            {
                deadlines.Add(new Deadline($"sign-off-{version.Scope}-{version.Number}", DateOnly.FromDateTime(version.StateChangedUtc).AddDays(days),
                    $"Sign-off: {scope.Title} ({version.Scope}@{version.Number})", $"Waiting for approval since {version.StateChangedUtc:yyyy-MM-dd}.",
                    $"{links}/plan/versions/{Uri.EscapeDataString(version.Scope)}/{version.Number}"));
            }
        }

        if (access.PersonName is { } person)
        {
            var owed = await db.VersionRecipients.AsNoTracking().Where(r => r.Person == person && r.AcknowledgedUtc == null)
                .Join(db.PlanVersions.Where(v => v.State == VersionState.Published), r => r.VersionId, v => v.Id, (r, v) => new { v.Scope, v.Number, v.StateChangedUtc })
                .ToListAsync(cancellationToken);
            deadlines.AddRange(owed.Select(v => new Deadline($"acknowledge-{v.Scope}-{v.Number}", DateOnly.FromDateTime(v.StateChangedUtc).AddDays(days),
                $"Acknowledge the business continuity plan ({v.Scope}@{v.Number})", $"Published on {v.StateChangedUtc:yyyy-MM-dd}: read your part and acknowledge it.",
                $"{links}/inbox")));
            var verified = await db.People.AsNoTracking().Where(p => p.Name == person && p.Active).Select(p => new { p.ContactVerified }).SingleOrDefaultAsync(cancellationToken);
            if (verified is not null)
            {
                var due = verified.ContactVerified?.AddMonths(ContactVerifications.ValidMonths) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                deadlines.Add(new Deadline($"contact-{person}-{due:yyyyMMdd}", due, "Confirm your contact details",
                    verified.ContactVerified is { } on ? $"You last confirmed them on {on:yyyy-MM-dd}; a confirmation counts for {ContactVerifications.ValidMonths} months. The link comes by e-mail."
                        : "You have not confirmed them yet. The link comes by e-mail.",
                    $"{links}/people/{Uri.EscapeDataString(person)}"));
            }
        }
        return [.. deadlines.OrderBy(d => d.Day).ThenBy(d => d.Uid, StringComparer.Ordinal)];
    }
}

/// <summary>Users' calendar feeds (ADR 010): one per user, a random token in the URL kept only as
/// its SHA-256; creating one replaces (revokes) the previous link.</summary>
public sealed class CalendarFeeds(ContinuityDb db, TimeProvider clock)
{
    /// <summary>Creates the user's feed, replacing any earlier one.</summary>
    /// <returns>The token for the URL; shown once, never stored.</returns>
    public async Task<string> CreateAsync(Guid userId, CancellationToken cancellationToken)
    {
        var (token, hash) = Distribution.NewToken();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.CalendarFeeds.Add(new CalendarFeed(userId, hash, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>Stops the user's feed: its link no longer works.</summary>
    public Task RevokeAsync(Guid userId, CancellationToken cancellationToken) =>
        db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>When the user's feed was created, or null without one.</summary>
    public async Task<DateTime?> CreatedAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == userId).Select(f => (DateTime?)f.CreatedUtc).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The enabled user a feed token belongs to, or null.</summary>
    public async Task<Guid?> UserOfAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Distribution.HashOf(token);
        return await db.CalendarFeeds.AsNoTracking().Where(f => f.TokenHash == hash)
            .Join(db.Users.Where(u => !u.Disabled), f => f.UserId, u => u.Id, (f, u) => (Guid?)u.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
