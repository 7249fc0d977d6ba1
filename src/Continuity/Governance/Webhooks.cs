using System.Text.Json;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>Where governance events are posted (ADR 010): a URL, the payload format (Continuity's
/// JSON, or Slack-compatible <c>{"text": …}</c>), which events (none named: all), and the HMAC secret
/// each request is signed with, stored encrypted by the web app's data protection.</summary>
public sealed class Webhook
{
    public const int UrlMaxLength = 2000;

    private Webhook()
    {
    }

    internal Webhook(string url, string format, string events, string protectedSecret, string createdBy, DateTime createdUtc)
    {
        Url = url;
        Format = format;
        Events = events;
        ProtectedSecret = protectedSecret;
        CreatedBy = createdBy;
        CreatedUtc = createdUtc;
        Enabled = true;
    }

    public long Id { get; private set; }

    public string Url { get; private set; } = "";

    /// <summary><c>json</c> or <c>slack</c>.</summary>
    public string Format { get; private set; } = "json";

    /// <summary>Space-separated event names; empty for every event.</summary>
    public string Events { get; private set; } = "";

    public string ProtectedSecret { get; private set; } = "";

    public bool Enabled { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    public bool Wants(string @event) => Events.Length == 0 || Events.Split(' ').Contains(@event, StringComparer.Ordinal);

    internal void Enable(bool enabled) => Enabled = enabled;
}

/// <summary>A governance event waiting to be posted (written in the transaction of what happened;
/// the delivery job fans it out to the webhooks that want it).</summary>
public sealed class WebhookEvent
{
    private WebhookEvent()
    {
    }

    internal WebhookEvent(string name, string text, string data, DateTime occurredUtc)
    {
        Name = name;
        Text = text;
        Data = data;
        OccurredUtc = occurredUtc;
    }

    public long Id { get; private set; }

    /// <summary><c>plan.version.submitted</c>, <c>plan.version.approved</c> … (<see cref="Webhooks.Events"/>).</summary>
    public string Name { get; private set; } = "";

    /// <summary>What happened, in one sentence (the Slack payload's text).</summary>
    public string Text { get; private set; } = "";

    /// <summary>The event's details as JSON.</summary>
    public string Data { get; private set; } = "{}";

    public DateTime OccurredUtc { get; private set; }

    /// <summary>Set once deliveries were created for every webhook that wanted it.</summary>
    public bool FannedOut { get; private set; }

    internal void MarkFannedOut() => FannedOut = true;
}

/// <summary>One event's delivery to one webhook: each attempt's outcome, and when to try again.</summary>
public sealed class WebhookDelivery
{
    public const int MaxAttempts = 6;

    private WebhookDelivery()
    {
    }

    public WebhookDelivery(long webhookId, long eventId, DateTime nowUtc)
    {
        WebhookId = webhookId;
        EventId = eventId;
        NextAttemptUtc = nowUtc;
    }

    public long Id { get; private set; }

    public long WebhookId { get; private set; }

    public long EventId { get; private set; }

    public int Attempts { get; private set; }

    public DateTime? NextAttemptUtc { get; private set; }

    public DateTime? LastAttemptUtc { get; private set; }

    public DateTime? DeliveredUtc { get; private set; }

    /// <summary>The HTTP status of the last attempt, or null when it got no answer.</summary>
    public int? LastStatus { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The wait before attempt n+1 after n failures: 1 minute, 5 minutes, 30 minutes, 2 hours, 12 hours.</summary>
    public static TimeSpan BackOff(int failures) => failures switch
    {
        <= 1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(30),
        4 => TimeSpan.FromHours(2),
        _ => TimeSpan.FromHours(12),
    };

    public void Succeeded(DateTime nowUtc, int status) =>
        (Attempts, LastAttemptUtc, DeliveredUtc, LastStatus, LastError, NextAttemptUtc) = (Attempts + 1, nowUtc, nowUtc, status, null, null);

    /// <summary>Records a failed attempt; after <see cref="MaxAttempts"/> the delivery is given up.</summary>
    public void Failed(DateTime nowUtc, int? status, string error)
    {
        Attempts++;
        (LastAttemptUtc, LastStatus, LastError) = (nowUtc, status, error.Length > 1000 ? error[..1000] : error);
        NextAttemptUtc = Attempts >= MaxAttempts ? null : nowUtc + BackOff(Attempts);
    }
}

/// <summary>Managing webhooks and raising governance events (ADR 010). Administrators add, disable
/// and remove webhooks (audited); the services where things happen call <see cref="Raise"/>
/// inside their transaction.</summary>
public sealed class Webhooks(ContinuityDb db, TimeProvider clock)
{
    public const string Submitted = "plan.version.submitted";
    public const string Approved = "plan.version.approved";
    public const string Published = "plan.version.published";
    public const string AcknowledgementOverdue = "acknowledgement.overdue";
    public const string ReviewOverdue = "review.overdue";
    public const string Ping = "ping";

    /// <summary>The events a webhook can ask for, with what they mean.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Events { get; } =
    [
        (Submitted, "a plan version is submitted for review or approval"),
        (Approved, "a plan version is approved (its quorum of sign-offs reached)"),
        (Published, "an approved version is published to the people it concerns"),
        (AcknowledgementOverdue, "people have not acknowledged a published version after a reminder: escalated to their managers"),
        (ReviewOverdue, "a plan's review date has passed"),
    ];

    /// <summary>Records an event for the webhooks; the caller's transaction commits it with what happened.</summary>
    public static void Raise(ContinuityDb db, string name, string text, object data, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.WebhookEvents.Add(new WebhookEvent(name, text, JsonSerializer.Serialize(data, JsonSerializerOptions.Web), nowUtc));
    }

    /// <summary>What every version event carries: the version, its scope, state and content hash, and the details.</summary>
    public static object VersionData(PlanVersion version, object details)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new { version = version.Label, scope = version.Scope, number = version.Number, state = Reports.GovernanceJson.StateWords(version.State), contentHash = version.ContentHash, details };
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(CancellationToken cancellationToken) =>
        await db.Webhooks.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);

    /// <summary>The most recent deliveries with their event and webhook URL, newest first.</summary>
    public async Task<IReadOnlyList<(WebhookDelivery Delivery, string Event, string Url)>> RecentDeliveriesAsync(int count, CancellationToken cancellationToken) =>
        [.. (await db.WebhookDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(count)
            .Join(db.WebhookEvents, d => d.EventId, e => e.Id, (d, e) => new { d, e.Name, d.WebhookId })
            .Join(db.Webhooks, x => x.WebhookId, w => w.Id, (x, w) => new { x.d, x.Name, w.Url })
            .ToListAsync(cancellationToken)).OrderByDescending(x => x.d.Id).Select(x => (x.d, x.Name, x.Url))];

    /// <summary>Adds a webhook, audited.</summary>
    /// <param name="actor">The administrator.</param>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <param name="format"><c>json</c> or <c>slack</c>.</param>
    /// <param name="events">Event names; none for all.</param>
    /// <param name="protectedSecret">The new secret, already encrypted by the caller.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <exception cref="PlanValidationException">Field <c>url</c>, <c>format</c> or <c>events</c>.</exception>
    public async Task<Webhook> AddAsync(Actor actor, string? url, string? format, IReadOnlyCollection<string> events, string protectedSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(events);
        var errors = new List<FieldError>();
        url = url?.Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url!.Length > Webhook.UrlMaxLength)
        {
            errors.Add(new FieldError("url", "Give the absolute http:// or https:// address the events are posted to (https://hooks.example.org/continuity)."));
        }
        format = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
        if (format is not ("json" or "slack"))
        {
            errors.Add(new FieldError("format", "The format is json (Continuity's event) or slack (a Slack-compatible {\"text\": …})."));
        }
        var unknown = events.Where(e => !Events.Any(known => known.Name == e)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new FieldError("events", $"There is no event {string.Join(", ", unknown)}. Events: {string.Join(", ", Events.Select(e => e.Name))}."));
        }
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var webhook = new Webhook(url!, format, string.Join(' ', events.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), protectedSecret, actor.Name, now);
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, new AuditRecord(actor.Name, actor.Channel, "webhook.added", $"webhook:{webhook.Id}", null,
            [new FieldChange("url", null, JsonSerializer.Serialize(webhook.Url)), new FieldChange("format", null, $"\"{format}\""),
             new FieldChange("events", null, JsonSerializer.Serialize(webhook.Events))]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return webhook;
    }

    /// <summary>Turns a webhook on or off, audited; an off webhook gets no new deliveries.</summary>
    public async Task EnableAsync(Actor actor, long id, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw new ElementNotFoundException($"webhook:{id}");
        var before = webhook.Enabled;
        webhook.Enable(enabled);
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, new AuditRecord(actor.Name, actor.Channel, enabled ? "webhook.enabled" : "webhook.disabled", $"webhook:{id}", null,
            [new FieldChange("enabled", before ? "true" : "false", enabled ? "true" : "false")]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sends a test event to one webhook.</summary>
    public async Task PingAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, cancellationToken))
        {
            throw new ElementNotFoundException($"webhook:{id}");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ping = new WebhookEvent(Ping, $"A test event from Continuity, sent by {actor.Name}.", JsonSerializer.Serialize(new { webhook = id, by = actor.Name }, JsonSerializerOptions.Web), now);
        ping.MarkFannedOut();
        db.WebhookEvents.Add(ping);
        await db.SaveChangesAsync(cancellationToken);
        db.WebhookDeliveries.Add(new WebhookDelivery(id, ping.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
