using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>One person a published version was distributed to (ADR 010): why (the roles they hold,
/// their team, named by the publisher), when they were told, and their acknowledgement of that exact
/// version. The link they are sent carries a random token stored only as its SHA-256; it works once.</summary>
public sealed class VersionRecipient
{
    public const int ReasonsMaxLength = 1000;

    private VersionRecipient()
    {
    }

    internal VersionRecipient(long versionId, string person, string name, string email, string reasons, string tokenHash)
    {
        VersionId = versionId;
        Person = person;
        Name = name;
        Email = email;
        Reasons = reasons;
        TokenHash = tokenHash;
    }

    public long Id { get; private set; }

    public long VersionId { get; private set; }

    /// <summary>The plan's person (name).</summary>
    public string Person { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    /// <summary>Why they received it, in words ("holds Incident commander; member of Platform").</summary>
    public string Reasons { get; private set; } = "";

    public string TokenHash { get; private set; } = "";

    /// <summary>How <see cref="Reasons"/> begins for someone who holds a continuity role in the version
    /// (the roles come first): "holds Incident commander; member of Platform".</summary>
    public const string RoleReason = "holds ";

    public DateTime? AcknowledgedUtc { get; private set; }

    /// <summary><c>link</c> (the e-mailed link) or <c>signed-in</c> (in the app, as <see cref="AcknowledgedBy"/>).</summary>
    public string? AcknowledgedMethod { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    /// <summary>A reminder carries a new link; the one sent before stops working.</summary>
    internal void RenewToken(string tokenHash) => TokenHash = tokenHash;

    internal void Acknowledge(DateTime nowUtc, string method, string? by) => (AcknowledgedUtc, AcknowledgedMethod, AcknowledgedBy) = (nowUtc, method, by);
}

/// <summary>An e-mail waiting to be sent (written in the transaction that decided to send it; a job
/// sends it through SMTP and records the attempt).</summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(string to, string subject, string body, DateTime createdUtc)
    {
        To = to;
        Subject = subject;
        Body = body;
        CreatedUtc = createdUtc;
    }

    public long Id { get; private set; }

    public string To { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    public DateTime? SentUtc { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>When a sender last took it: another app instance leaves it alone for <see cref="ClaimLease"/>.</summary>
    public DateTime? ClaimedUtc { get; private set; }

    /// <summary>How long a claim keeps other senders off a message (longer than an SMTP exchange can take).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>What a sent message's body becomes: it carried a single-use link, which is kept only as its hash.</summary>
    public const string SentBody = "(Sent. The text is not kept: it carried a single-use acknowledgement link.)";

    /// <summary>Mirrors the claim the sender made in the database (one more attempt, taken now).</summary>
    public void Claimed(DateTime nowUtc) => (ClaimedUtc, Attempts) = (nowUtc, Attempts + 1);

    public void Sent(DateTime nowUtc) => (SentUtc, LastError, Body) = (nowUtc, null, SentBody);

    public void Failed(string error) => LastError = error.Length > 1000 ? error[..1000] : error;
}

/// <summary>Where a copy of a published version is kept for a disaster that takes the application
/// down (ADR 010): a printed binder in a safe, a USB stick with the incident commander.</summary>
public sealed class OfflineCopy
{
    public const int LocationMaxLength = 500;

    private OfflineCopy()
    {
    }

    internal OfflineCopy(long versionId, string location, string? holder, string recordedBy, DateTime recordedUtc)
    {
        VersionId = versionId;
        Location = location;
        Holder = holder;
        RecordedBy = recordedBy;
        RecordedUtc = recordedUtc;
    }

    public long Id { get; private set; }

    public long VersionId { get; private set; }

    public string Location { get; private set; } = "";

    /// <summary>The plan's person who holds it, if one does.</summary>
    public string? Holder { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedUtc { get; private set; }
}

/// <summary>A recipient's acknowledgement page: who, which version, and whether it is done.</summary>
public sealed record Acknowledgement(VersionRecipient Recipient, PlanVersion Version);

/// <summary>Publishing approved versions to the people they concern and recording their
/// acknowledgements (ADR 010).</summary>
public sealed class Distribution(ContinuityDb db, TimeProvider clock)
{
    public const int MaxSendAttempts = 5;

    /// <summary>Who publishes: a continuity manager; a team plan also its team's lead.</summary>
    public static bool MayPublish(UserAccess access, PlanScope scope)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(scope);
        return access.CanChangeWholePlan || (scope.Team is { } team && access.LeadsTeams.Contains(team));
    }

    /// <summary>The people a version goes to, with why: everyone holding a continuity role in it,
    /// every active member of a team it covers, and the named additions. Read from the snapshot.</summary>
    /// <param name="plan">The version's snapshot.</param>
    /// <param name="scope">The version's scope.</param>
    /// <param name="additions">People named by the publisher.</param>
    /// <param name="others">Active people of the plan outside the version (a team plan holds only its
    /// team's people) whom the publisher may name, with their title and e-mail.</param>
    public static IReadOnlyList<(string Person, string Name, string Email, string Reasons)> RecipientsOf(Plan plan, PlanScope scope, IEnumerable<string> additions,
        IReadOnlyDictionary<string, (string Title, string Email)>? others = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scope);
        var people = plan.Specs<PersonSpec>().Where(p => p.Spec.Active).ToDictionary(p => p.Document.Name, StringComparer.Ordinal);
        foreach (var (name, (title, email)) in others ?? new Dictionary<string, (string, string)>())
        {
            people.TryAdd(name, (new PlanDocument(ElementKind.Person, new Metadata { Name = name, Title = title }, new PersonSpec { Email = email }), new PersonSpec { Email = email }));
        }
        var teams = plan.OfKind(ElementKind.Team).ToDictionary(t => t.Name, t => t.Metadata.Title ?? t.Name, StringComparer.Ordinal);
        var reasons = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string person, string reason)
        {
            if (people.ContainsKey(person))
            {
                (reasons.TryGetValue(person, out var list) ? list : reasons[person] = []).Add(reason);
            }
        }
        foreach (var (role, spec) in plan.Specs<RoleSpec>())
        {
            foreach (var holder in spec.Assignments.SelectMany(a => a.Holders).Select(h => h.Name).Distinct(StringComparer.Ordinal))
            {
                Add(holder, $"{VersionRecipient.RoleReason}{role.Metadata.Title ?? role.Name}");
            }
        }
        foreach (var (name, (document, spec)) in people)
        {
            if (spec.Team is { } team && teams.TryGetValue(team.Name, out var title) && (scope.Team is null || scope.Team == team.Name))
            {
                Add(name, $"member of {title}");
            }
        }
        foreach (var addition in additions)
        {
            Add(addition, "named by the publisher");
        }
        return [.. reasons.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (r.Key, people[r.Key].Document.Metadata.Title ?? r.Key, people[r.Key].Spec.Email, string.Join("; ", r.Value.Distinct())))];
    }

    /// <summary>Publishes an approved version: it becomes the scope's published version (the one
    /// before is superseded), every recipient gets a single-use acknowledgement link by e-mail (the
    /// outbox) and finds it in their inbox. One transaction with its audit entries.</summary>
    /// <param name="actor">Who publishes.</param>
    /// <param name="access">Their access.</param>
    /// <param name="scope">The version's scope.</param>
    /// <param name="number">The version's number.</param>
    /// <param name="additions">People of the version to send it to besides those the rule finds.</param>
    /// <param name="acknowledgeUrl">The link people follow, with <c>{token}</c> where the token goes.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>How many people it was sent to.</returns>
    public async Task<int> PublishAsync(Actor actor, UserAccess access, PlanScope scope, int number, IReadOnlyCollection<string> additions,
        string acknowledgeUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(additions);
        ArgumentException.ThrowIfNullOrEmpty(acknowledgeUrl);
        if (!MayPublish(access, scope))
        {
            throw new GovernanceRefusedException(scope.IsOrganisation
                ? "Only a continuity manager publishes the consolidated plan."
                : $"Only the lead of team {scope.Team} or a continuity manager publishes its team plan.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var name = scope.ToString();
        await db.PlanVersions.Where(v => v.Scope == name && v.Number == number)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.StateChangedUtc, v => v.StateChangedUtc), cancellationToken);
        var version = await db.PlanVersions.SingleOrDefaultAsync(v => v.Scope == name && v.Number == number, cancellationToken)
            ?? throw new ElementNotFoundException($"{name}@{number}");
        if (version.State != VersionState.Approved)
        {
            throw new PlanConflictException($"{version.Label} is {VersionWorkflow.StateWords(version.State)}: only an approved version is published.");
        }
        var plan = VersionSnapshot.Read(version.Content);
        var named = additions.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var outside = named.Where(a => !plan.OfKind(ElementKind.Person).Any(p => p.Name == a)).ToList();
        var others = (await db.People.AsNoTracking().Where(p => outside.Contains(p.Name) && p.Active).Select(p => new { p.Name, p.Title, p.Email }).ToListAsync(cancellationToken))
            .ToDictionary(p => p.Name, p => (p.Title ?? p.Name, p.Email), StringComparer.Ordinal);
        var unknown = outside.Where(a => !others.ContainsKey(a)).ToList();
        if (unknown.Count > 0)
        {
            throw new PlanValidationException([.. unknown.Select(u => new FieldError("additions", $"The plan has no active person '{u}'; name people of the plan by their name (maya-okafor)."))]);
        }
        var recipients = RecipientsOf(plan, scope, named, others);
        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = plan.Organisation?.Metadata.Title ?? plan.Organisation?.Name ?? "the organisation";
        foreach (var (person, title, email, reasons) in recipients)
        {
            var (token, hash) = NewToken();
            db.VersionRecipients.Add(new VersionRecipient(version.Id, person, title, email, reasons.Length > VersionRecipient.ReasonsMaxLength ? reasons[..VersionRecipient.ReasonsMaxLength] : reasons, hash));
            if (!string.IsNullOrWhiteSpace(email))
            {
                db.OutboxMessages.Add(new OutboxMessage(email, $"Please acknowledge the business continuity plan of {organisation} ({version.Label})",
                    new StringBuilder()
                        .Append(CultureInfo.InvariantCulture, $"Hello {title},\n\n")
                        .Append(CultureInfo.InvariantCulture, $"The business continuity plan of {organisation} was approved and published as version {version.Label} (SHA-256 {version.ContentHash}).\n")
                        .Append(CultureInfo.InvariantCulture, $"You receive it because you {reasons}.\n\n")
                        .Append("Read your roles, your steps and your contacts, and confirm you have read and understood your responsibilities:\n")
                        .Append(acknowledgeUrl.Replace("{token}", token, StringComparison.Ordinal)).Append("\n\n")
                        .Append("The link is for you alone and works once.\n").ToString(), now));
            }
        }
        var previous = await db.PlanVersions.Where(v => v.Scope == name && v.State == VersionState.Published).ToListAsync(cancellationToken);
        foreach (var old in previous)
        {
            old.MoveTo(VersionState.Superseded, now);
        }
        version.MoveTo(VersionState.Published, now);
        Webhooks.Raise(db, Webhooks.Published, $"{version.Label} was published by {actor.Name} to {recipients.Count} people, who are asked to acknowledge it.",
            Webhooks.VersionData(version, new { publishedBy = actor.Name, recipients = recipients.Count, superseded = previous.Select(p => p.Label) }), now);
        await db.SaveChangesAsync(cancellationToken);
        var records = new List<AuditRecord>
        {
            VersionWorkflow.Record(actor, "plan.version.published", version, new FieldChange("state", "\"approved\"", "\"published\""),
                new FieldChange("recipients", null, recipients.Count.ToString(CultureInfo.InvariantCulture))),
        };
        records.AddRange(previous.Select(old => VersionWorkflow.Record(actor, "plan.version.superseded", old, new FieldChange("supersededBy", null, $"\"{version.Label}\""))));
        await AuditLog.AppendAsync(db, now, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return recipients.Count;
    }

    /// <summary>Records where an offline copy of an approved or published version is kept. Who may
    /// publish the version records its copies.</summary>
    public async Task<OfflineCopy> RecordOfflineCopyAsync(Actor actor, UserAccess access, PlanScope scope, int number, string? location, string? holder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayPublish(access, scope))
        {
            throw new GovernanceRefusedException("Only who may publish the version records where its offline copies are.");
        }
        var name = scope.ToString();
        var version = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Scope == name && v.Number == number, cancellationToken)
            ?? throw new ElementNotFoundException($"{name}@{number}");
        if (version.State is not (VersionState.Approved or VersionState.Published))
        {
            throw new PlanConflictException($"{version.Label} is {VersionWorkflow.StateWords(version.State)}: offline copies are kept of the approved or published version.");
        }
        location = location?.Trim();
        holder = string.IsNullOrWhiteSpace(holder) ? null : holder.Trim();
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(location) || location.Length > OfflineCopy.LocationMaxLength)
        {
            errors.Add(new FieldError("location", $"Say where the copy is kept (up to {OfflineCopy.LocationMaxLength} characters), e.g. \"printed binder in the Berlin office safe\"."));
        }
        if (holder is not null && !await db.People.AnyAsync(p => p.Name == holder, cancellationToken))
        {
            errors.Add(new FieldError("holder", $"The plan has no person '{holder}'; name a person of the plan, or leave it empty."));
        }
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var copy = new OfflineCopy(version.Id, location!, holder, actor.Name, now);
        db.OfflineCopies.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, VersionWorkflow.Record(actor, "plan.version.offline-copy", version,
            new FieldChange("location", null, System.Text.Json.JsonSerializer.Serialize(location)), new FieldChange("holder", null, holder is null ? null : $"\"{holder}\"")), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return copy;
    }

    public async Task<IReadOnlyList<OfflineCopy>> OfflineCopiesAsync(long versionId, CancellationToken cancellationToken) =>
        await db.OfflineCopies.AsNoTracking().Where(c => c.VersionId == versionId).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>A new single-use link token (256 random bits, URL-safe) and the SHA-256 kept of it.</summary>
    internal static (string Token, string Hash) NewToken()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<IReadOnlyList<VersionRecipient>> RecipientsAsync(long versionId, CancellationToken cancellationToken) =>
        await db.VersionRecipients.AsNoTracking().Where(r => r.VersionId == versionId).OrderBy(r => r.Name).ToListAsync(cancellationToken);

    /// <summary>The recipient a link's token belongs to, and the version, or null.</summary>
    public async Task<Acknowledgement?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = HashOf(token.Trim());
        var recipient = await db.VersionRecipients.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        return recipient is null ? null
            : new Acknowledgement(recipient, await db.PlanVersions.AsNoTracking().SingleAsync(v => v.Id == recipient.VersionId, cancellationToken));
    }

    /// <summary>Records the acknowledgement of the version a link was sent for; a link works once.</summary>
    /// <returns>The acknowledgement, or null for a token nobody was sent.</returns>
    /// <exception cref="PlanConflictException">Already acknowledged.</exception>
    public async Task<Acknowledgement?> AcknowledgeAsync(string? token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } found)
        {
            return null;
        }
        return await AcknowledgeAsync(found.Recipient.Id, "link", by: null, cancellationToken);
    }

    /// <summary>Records a signed-in user's acknowledgement of a version distributed to their person.</summary>
    /// <exception cref="GovernanceRefusedException">The version was not distributed to them.</exception>
    /// <exception cref="PlanConflictException">Already acknowledged.</exception>
    public async Task<Acknowledgement> AcknowledgeAsync(UserAccess access, long versionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var person = access.PersonName;
        var recipient = person is null ? null
            : await db.VersionRecipients.AsNoTracking().SingleOrDefaultAsync(r => r.VersionId == versionId && r.Person == person, cancellationToken);
        if (recipient is null)
        {
            throw new GovernanceRefusedException("This version was not distributed to you (your account is linked to no person it was sent to).");
        }
        return await AcknowledgeAsync(recipient.Id, "signed-in", access.Email, cancellationToken);
    }

    private async Task<Acknowledgement> AcknowledgeAsync(long recipientId, string method, string? by, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recipient = await db.VersionRecipients.AsNoTracking().SingleAsync(r => r.Id == recipientId, cancellationToken);
        var version = await db.PlanVersions.AsNoTracking().SingleAsync(v => v.Id == recipient.VersionId, cancellationToken);
        if (recipient.AcknowledgedUtc is { } done)
        {
            throw new PlanConflictException($"{recipient.Name} already acknowledged {version.Label} on {done:yyyy-MM-dd HH:mm} UTC.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        recipient.Acknowledge(now, method, by);
        // Only the acknowledgement moves, and only once: a second request meanwhile changes no row.
        var changed = await db.VersionRecipients.Where(r => r.Id == recipientId && r.AcknowledgedUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.AcknowledgedUtc, now).SetProperty(r => r.AcknowledgedMethod, method).SetProperty(r => r.AcknowledgedBy, by), cancellationToken);
        if (changed == 0)
        {
            throw new PlanConflictException($"{recipient.Name} already acknowledged {version.Label}.");
        }
        await AuditLog.AppendAsync(db, now, new AuditRecord(by ?? $"person:{recipient.Person}", AuditChannel.Form,
            "plan.version.acknowledged", version.Label, version.Revision, [new FieldChange("person", null, $"\"{recipient.Person}\""), new FieldChange("method", null, $"\"{method}\"")]),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Acknowledgement(recipient, version);
    }

    /// <summary>The versions distributed to a person, newest first, with their acknowledgement.</summary>
    public async Task<IReadOnlyList<(VersionRecipient Recipient, VersionSummary Version)>> InboxAsync(string person, CancellationToken cancellationToken)
    {
        var rows = await db.VersionRecipients.AsNoTracking().Where(r => r.Person == person)
            .Join(db.PlanVersions.AsNoTracking(), r => r.VersionId, v => v.Id,
                (r, v) => new { Recipient = r, Summary = new VersionSummary(v.Scope, v.Number, v.Revision, v.ContentHash, v.Elements, v.State, v.SubmittedBy, v.SubmittedUtc, v.Note), v.StateChangedUtc })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.StateChangedUtc).Select(r => (r.Recipient, r.Summary))];
    }
}
