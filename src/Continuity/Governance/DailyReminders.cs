using System.Globalization;
using System.Text;
using Continuity.Accounts;
using Continuity.Data;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>What one run of the daily job did.</summary>
public sealed record ReminderRun(int AcknowledgementReminders, int Escalations, int ReviewReminders, int ApprovalReminders,
    int ContactRequests, int ContactReminders)
{
    public int Total => AcknowledgementReminders + Escalations + ReviewReminders + ApprovalReminders + ContactRequests + ContactReminders;

    public override string ToString() =>
        $"{AcknowledgementReminders} acknowledgement reminders, {Escalations} escalations to managers, {ReviewReminders} review reminders, " +
        $"{ApprovalReminders} approval reminders, {ContactRequests} contact verification requests, {ContactReminders} contact verification reminders.";
}

/// <summary>The daily governance job (ADR 010). Each day's run is claimed by inserting its
/// <see cref="JobRun"/> (unique per job and day), so with several app instances one runs it; each
/// reminder is recorded as a <see cref="SentReminder"/> (unique per kind, subject and stage) in the
/// transaction that queues its e-mail, so each is sent exactly once however often the job runs.
/// Settings: <see cref="AppSettings.ReminderDays"/> (N).
/// <list type="bullet">
/// <item>Acknowledgements: a recipient of a published version who has not acknowledged it after N
/// days gets a reminder with a new link (the old one stops working); after 2N days their manager
/// (from the plan; without one, the continuity managers) is told.</item>
/// <item>Reviews: the people responsible for a plan are told once when its review is due within 30
/// days and once when it is overdue.</item>
/// <item>Approvals: approvers who may sign a version pending approval for N days and have not, are reminded once.</item>
/// <item>Contact details: an active person whose confirmation is missing or runs out within 30 days
/// is sent a verification link (valid 30 days), and reminded once after N days.</item>
/// </list></summary>
public sealed class DailyReminders(ContinuityDb db, AppSettings settings, ControlStatus control, TimeProvider clock)
{
    public const string Job = "daily-reminders";

    /// <summary>Claims today's run and sends what is due.</summary>
    /// <param name="links">The app's public address (<c>https://continuity.example.org</c>), for the links in e-mails.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>What it sent, or null when today's run was already claimed.</returns>
    public async Task<ReminderRun?> RunAsync(string links, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(links);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        if (await db.JobRuns.AnyAsync(r => r.Job == Job && r.Day == today, cancellationToken))
        {
            return null;
        }
        var run = new JobRun(Job, today, now, $"{Environment.MachineName}:{Environment.ProcessId}");
        db.JobRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null;                // another instance (or an earlier run today) has it
        }
        try
        {
            var result = await SendAsync(links.TrimEnd('/'), now, cancellationToken);
            run.Finish(clock.GetUtcNow().UtcDateTime, result.ToString(), failed: false);
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            db.ChangeTracker.Clear();
            await db.JobRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.FinishedUtc, clock.GetUtcNow().UtcDateTime)
                .SetProperty(r => r.Failed, true)
                .SetProperty(r => r.Summary, $"Failed: {e.Message}"), CancellationToken.None);
            throw;
        }
    }

    /// <summary>The most recent runs of the job, newest first.</summary>
    public async Task<IReadOnlyList<JobRun>> RecentRunsAsync(int count, CancellationToken cancellationToken) =>
        await db.JobRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);

    private async Task<ReminderRun> SendAsync(string links, DateTime now, CancellationToken cancellationToken)
    {
        var values = await settings.GetAsync(cancellationToken);
        var days = values.AcknowledgementReminderDays;
        var users = await Users.EnabledAsync(db, cancellationToken);
        var sent = (await db.SentReminders.AsNoTracking().Select(r => new { r.Kind, r.Subject, r.Stage }).ToListAsync(cancellationToken))
            .Select(r => (r.Kind, r.Subject, r.Stage)).ToHashSet();
        var organisation = await db.Organisations.AsNoTracking().Select(o => o.Title ?? o.Name).FirstOrDefaultAsync(cancellationToken) ?? "the organisation";
        var managers = users.Where(u => u.Access.CanChangeWholePlan).Select(u => u.Email).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        bool Queue(string kind, string subject, string stage, IReadOnlyCollection<string> to, string title, string body)
        {
            if (to.Count == 0 || !sent.Add((kind, subject, stage)))
            {
                return false;
            }
            db.SentReminders.Add(new SentReminder(kind, subject, stage, string.Join(", ", to), now));
            foreach (var address in to.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                db.OutboxMessages.Add(new OutboxMessage(address, title, body, now));
            }
            return true;
        }

        // Acknowledgements outstanding on published versions.
        var outstanding = await db.VersionRecipients
            .Join(db.PlanVersions.Where(v => v.State == VersionState.Published), r => r.VersionId, v => v.Id, (r, v) => new { Recipient = r, Version = v })
            .Where(x => x.Recipient.AcknowledgedUtc == null && x.Version.StateChangedUtc <= now.AddDays(-days))
            .ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Select(p => new { p.Name, p.Title, p.Email, p.Manager, p.Active, p.ContactVerified })
            .ToDictionaryAsync(p => p.Name, StringComparer.Ordinal, cancellationToken);
        int reminded = 0, escalated = 0;
        var escalatedPerVersion = new Dictionary<PlanVersion, List<string>>();
        foreach (var (recipient, version) in outstanding.Select(x => (x.Recipient, x.Version)))
        {
            var subject = $"recipient:{recipient.Id}";
            if (recipient.Email.Length > 0 && !sent.Contains(("acknowledgement", subject, "reminder")))
            {
                var (token, hash) = Distribution.NewToken();
                if (Queue("acknowledgement", subject, "reminder", [recipient.Email], $"Reminder: please acknowledge the business continuity plan of {organisation} ({version.Label})",
                    new StringBuilder()
                        .Append(CultureInfo.InvariantCulture, $"Hello {recipient.Name},\n\n")
                        .Append(CultureInfo.InvariantCulture, $"Version {version.Label} of the business continuity plan of {organisation} was published on {version.StateChangedUtc:yyyy-MM-dd} and is waiting for your acknowledgement.\n")
                        .Append(CultureInfo.InvariantCulture, $"You receive it because you {recipient.Reasons}.\n\n")
                        .Append("Read your part and confirm you have read and understood your responsibilities:\n")
                        .Append(CultureInfo.InvariantCulture, $"{links}/acknowledge/{token}\n\n")
                        .Append("This link replaces the one sent before; it is for you alone and works once.\n").ToString()))
                {
                    recipient.RenewToken(hash);
                    reminded++;
                }
            }
            if (version.StateChangedUtc <= now.AddDays(-2 * days) && !sent.Contains(("acknowledgement", subject, "escalation")))
            {
                var manager = people.TryGetValue(recipient.Person, out var person) && person.Manager is { } m && people.TryGetValue(m, out var boss) && boss.Active && boss.Email.Length > 0
                    ? boss : null;
                var to = manager is null ? managers : [manager.Email];
                if (Queue("acknowledgement", subject, "escalation", to, $"{recipient.Name} has not acknowledged the business continuity plan ({version.Label})",
                    new StringBuilder()
                        .Append(manager is null ? "Hello,\n\n" : $"Hello {manager.Title ?? manager.Name},\n\n")
                        .Append(CultureInfo.InvariantCulture, $"{recipient.Name} has not acknowledged version {version.Label} of the business continuity plan of {organisation}, ")
                        .Append(CultureInfo.InvariantCulture, $"published on {version.StateChangedUtc:yyyy-MM-dd}, {(int)(now - version.StateChangedUtc).TotalDays} days ago, nor after a reminder.\n")
                        .Append(CultureInfo.InvariantCulture, $"They receive it because they {recipient.Reasons}.\n")
                        .Append(manager is null ? "No manager is recorded for them in the plan, so this goes to the continuity managers.\n" : "You are their manager in the plan: please ask them to acknowledge it.\n")
                        .ToString()))
                {
                    escalated++;
                    (escalatedPerVersion.TryGetValue(version, out var names) ? names : escalatedPerVersion[version] = []).Add(recipient.Person);
                }
            }
        }

        foreach (var (version, names) in escalatedPerVersion)
        {
            Webhooks.Raise(db, Webhooks.AcknowledgementOverdue,
                $"{names.Count} {(names.Count == 1 ? "person has" : "people have")} not acknowledged {version.Label} {2 * days} days after it was published; their managers were told.",
                Webhooks.VersionData(version, new { people = names, publishedUtc = version.StateChangedUtc }), now);
        }

        // Reviews due within 30 days, and overdue.
        var (_, cycle) = await control.ReviewsAsync(cancellationToken);
        var reviews = 0;
        foreach (var review in cycle.Where(r => r.State is CadenceState.DueSoon or CadenceState.Overdue))
        {
            var responsible = review.Scope.Team is { } team
                ? users.Where(u => u.Access.LeadsTeams.Contains(team)).Select(u => u.Email).DefaultIfEmpty().Where(e => e is not null).Cast<string>().ToList()
                : managers;
            if (responsible.Count == 0)
            {
                responsible = managers;
            }
            var stage = review.State == CadenceState.Overdue ? "overdue" : "due";
            if (Queue("review", review.Version!, stage, responsible,
                review.State == CadenceState.Overdue ? $"Overdue: the review of {review.Scope.Title} ({organisation})" : $"Due on {review.DueOn:yyyy-MM-dd}: the review of {review.Scope.Title} ({organisation})",
                new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(review.Scope.Title[0])}{review.Scope.Title[1..]} was last approved as {review.Version} on {review.ApprovedUtc:yyyy-MM-dd}. ")
                    .Append(CultureInfo.InvariantCulture, $"Plans are reviewed every {values.ReviewIntervalMonths} months, so its review is {review.Words} (due {review.DueOn:yyyy-MM-dd}).\n\n")
                    .Append(CultureInfo.InvariantCulture, $"Bring the plan up to date and submit it for approval: {links}/plan/versions\n").ToString()))
            {
                reviews++;
                if (review.State == CadenceState.Overdue)
                {
                    Webhooks.Raise(db, Webhooks.ReviewOverdue, $"The review of {review.Scope.Title} is overdue: {review.Version} was approved on {review.ApprovedUtc:yyyy-MM-dd} and was due for review on {review.DueOn:yyyy-MM-dd}.",
                        new { scope = review.Scope.ToString(), version = review.Version, approvedUtc = review.ApprovedUtc, dueOn = review.DueOn }, now);
                }
            }
        }

        // Versions waiting for sign-off.
        var approvals = 0;
        var pending = await db.PlanVersions.AsNoTracking().Where(v => v.State == VersionState.PendingApproval && v.StateChangedUtc <= now.AddDays(-days))
            .Select(v => new { v.Id, v.Scope, v.Number, v.SubmittedBy, v.StateChangedUtc, Signed = db.VersionSignOffs.Where(s => s.VersionId == v.Id).Select(s => s.Approver).ToList() })
            .ToListAsync(cancellationToken);
        foreach (var version in pending)
        {
            if (!PlanScope.TryParse(version.Scope, out var scope))
            {
                continue;
            }
            var label = $"{version.Scope}@{version.Number}";
            foreach (var approver in users.Where(u => VersionWorkflow.MayApprove(u.Access, scope) && !VersionWorkflow.SameUser(u.Email, version.SubmittedBy)
                && !version.Signed.Any(s => VersionWorkflow.SameUser(s, u.Email))))
            {
                if (Queue("approval", $"{label} {approver.Email}", "reminder", [approver.Email], $"Waiting for your sign-off: {scope.Title} ({label})",
                    $"{char.ToUpperInvariant(scope.Title[0])}{scope.Title[1..]} of {organisation}, version {label}, has waited for approval since {version.StateChangedUtc:yyyy-MM-dd}.\n\n" +
                    $"Read it and sign it (or return it) here: {links}/plan/versions/{Uri.EscapeDataString(version.Scope)}/{version.Number}\n"))
                {
                    approvals++;
                }
            }
        }

        // Contact details to confirm.
        var today = DateOnly.FromDateTime(now);
        var requests = await db.ContactVerificationRequests.Where(r => r.AnsweredUtc == null && r.ExpiresUtc > now).ToListAsync(cancellationToken);
        var open = requests.Select(r => r.Person).ToHashSet(StringComparer.Ordinal);
        int asked = 0, nudged = 0;
        foreach (var person in people.Values.Where(p => p.Active && p.Email.Length > 0 && !open.Contains(p.Name)
            && (p.ContactVerified is not { } verified || verified.AddMonths(ContactVerifications.ValidMonths) <= today.AddDays(ContactVerifications.AskDaysBefore)))
            .OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var (token, hash) = Distribution.NewToken();
            db.ContactVerificationRequests.Add(new ContactVerificationRequest(person.Name, person.Email, hash, now, now.AddDays(ContactVerifications.LinkValidDays)));
            db.OutboxMessages.Add(new OutboxMessage(person.Email, $"Please confirm your contact details for the business continuity plan of {organisation}", ContactMail(person.Title ?? person.Name, organisation,
                person.ContactVerified, $"{links}/verify-contact/{token}"), now));
            asked++;
        }
        foreach (var request in requests.Where(r => r.RequestedUtc <= now.AddDays(-days)))
        {
            if (!people.TryGetValue(request.Person, out var person))
            {
                continue;
            }
            var (token, hash) = Distribution.NewToken();
            if (Queue("contact", $"request:{request.Id}", "reminder", [request.Email], $"Reminder: please confirm your contact details for the business continuity plan of {organisation}",
                ContactMail(person.Title ?? person.Name, organisation, person.ContactVerified, $"{links}/verify-contact/{token}") + "This link replaces the one sent before.\n"))
            {
                request.Renew(hash);
                nudged++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReminderRun(reminded, escalated, reviews, approvals, asked, nudged);
    }

    private static string ContactMail(string name, string organisation, DateOnly? verified, string link) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"Hello {name},\n\n")
        .Append(CultureInfo.InvariantCulture, $"In a disruption, the business continuity plan of {organisation} is how people reach you. ")
        .Append(verified is { } on ? $"You last confirmed your contact details on {on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; " : "You have not confirmed your contact details yet; ")
        .Append(CultureInfo.InvariantCulture, $"please check them and confirm or correct them (no account needed, the link works for {ContactVerifications.LinkValidDays} days, once):\n")
        .Append(link).Append("\n\n").ToString();
}
