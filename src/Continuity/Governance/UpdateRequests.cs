using System.Globalization;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>A continuity manager's request to every team lead to review and submit their team plan
/// by a date (ADR 010): the consolidated plan rolls up team plans that are current.</summary>
public sealed class UpdateRequest
{
    public const int MessageMaxLength = 2000;

    private UpdateRequest()
    {
    }

    internal UpdateRequest(string requestedBy, DateTime requestedUtc, DateOnly dueOn, string? message)
    {
        RequestedBy = requestedBy;
        RequestedUtc = requestedUtc;
        DueOn = dueOn;
        Message = message;
    }

    public long Id { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTime RequestedUtc { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string? Message { get; private set; }
}

/// <summary>Where one team stands on a request: the team plan version submitted since it, if any.</summary>
public sealed record TeamUpdate(string Team, string Title, IReadOnlyList<string> Leads, VersionSummary? Submitted, bool Overdue);

/// <summary>Asking team leads to update their team plans, and who has done it.</summary>
public sealed class UpdateRequests(ContinuityDb db, PlanVersions versions, TimeProvider clock)
{
    /// <summary>Records the request and e-mails every team's leads (the users who lead it), through the outbox.</summary>
    /// <exception cref="GovernanceRefusedException">Not a continuity manager.</exception>
    /// <exception cref="PlanValidationException">A due date in the past, or a message too long.</exception>
    public async Task<(UpdateRequest Request, int Notified)> RequestAsync(Actor actor, UserAccess access, DateOnly dueOn, string? message, string submitUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(access);
        if (!access.CanChangeWholePlan)
        {
            throw new GovernanceRefusedException("Only a continuity manager asks the team leads to update their plans.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        message = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (dueOn < DateOnly.FromDateTime(now))
        {
            throw new PlanValidationException([new FieldError("due", $"The due date {dueOn:yyyy-MM-dd} is in the past; give a date from today on.")]);
        }
        if (message?.Length > UpdateRequest.MessageMaxLength)
        {
            throw new PlanValidationException([new FieldError("message", $"The message is {message.Length} characters long; keep it to {UpdateRequest.MessageMaxLength}.")]);
        }
        var leads = await LeadsAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = new UpdateRequest(actor.Name, now, dueOn, message);
        db.UpdateRequests.Add(request);
        var notified = 0;
        foreach (var (team, emails) in leads)
        {
            foreach (var email in emails)
            {
                db.OutboxMessages.Add(new OutboxMessage(email, $"Please update the team plan of {team} by {dueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}",
                    $"Hello,\n\n{actor.Name} asks you to review the team plan of {team} — its business functions and their impact analysis, systems, procedures, " +
                    $"role assignments, contacts and backup policies — and to submit it for approval by {dueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.\n" +
                    (message is null ? "" : $"\n{message}\n") + $"\nSubmit it here: {submitUrl}\n", now));
                notified++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, new AuditRecord(actor.Name, actor.Channel, "plan.update-requested", $"update-request:{request.Id}", null,
            [new FieldChange("due", null, $"\"{dueOn:yyyy-MM-dd}\""), new FieldChange("notified", null, notified.ToString(CultureInfo.InvariantCulture))]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (request, notified);
    }

    /// <summary>The newest request and, per team of the plan, the team plan version submitted since it.</summary>
    public async Task<(UpdateRequest Request, IReadOnlyList<TeamUpdate> Teams)?> LatestAsync(CancellationToken cancellationToken)
    {
        var request = await db.UpdateRequests.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return null;
        }
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Name, t.Title }).ToListAsync(cancellationToken);
        var leads = await LeadsAsync(cancellationToken);
        var submitted = (await versions.ListAsync(null, cancellationToken))
            .Where(v => v.Scope.StartsWith("team:", StringComparison.Ordinal) && v.SubmittedUtc >= request.RequestedUtc)
            .GroupBy(v => v.Scope[5..]).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);       // newest first
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (request, [.. teams.Select(t => new TeamUpdate(t.Name, t.Title ?? t.Name, leads.GetValueOrDefault(t.Name, []),
            submitted.GetValueOrDefault(t.Name), !submitted.ContainsKey(t.Name) && today > request.DueOn))]);
    }

    /// <summary>Each team's leads: the e-mail addresses of enabled users who lead it.</summary>
    private async Task<Dictionary<string, List<string>>> LeadsAsync(CancellationToken cancellationToken) =>
        (await Users.EnabledAsync(db, cancellationToken))
            .SelectMany(u => u.Access.LeadsTeams.Select(team => (team, u.Email)))
            .GroupBy(x => x.team, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Email).Order(StringComparer.OrdinalIgnoreCase).ToList(), StringComparer.Ordinal);
}
