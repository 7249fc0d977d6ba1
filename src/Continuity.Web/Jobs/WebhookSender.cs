using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Continuity.Data;
using Continuity.Governance;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Jobs;

/// <summary>Keeps webhook secrets encrypted at rest with the app's data protection keys.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Continuity.Webhooks.Secret");

    /// <summary>A new random secret, and its encrypted form to store.</summary>
    public (string Secret, string Protected) Create()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, _protector.Protect(secret));
    }

    public string Reveal(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body with the secret: what
    /// <c>X-Continuity-Signature-256</c> carries.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

/// <summary>Posts governance events to the webhooks that want them (ADR 010): new events are fanned
/// out into one delivery per enabled webhook, then each due delivery is posted — JSON or
/// Slack-compatible, signed with the webhook's HMAC secret — and its attempt recorded; a failure
/// is retried with back-off (<see cref="WebhookDelivery.BackOff"/>) up to
/// <see cref="WebhookDelivery.MaxAttempts"/> times. Headers: <c>X-Continuity-Event</c>,
/// <c>X-Continuity-Delivery</c>, <c>X-Continuity-Signature-256</c>.</summary>
public sealed class WebhookSender(ContinuityDb db, WebhookSecrets secrets, IHttpClientFactory http, TimeProvider clock, ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "webhooks";

    /// <summary>How long a claimed delivery is left to the instance posting it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <returns>How many deliveries succeeded.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken, int batch = 100)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = await db.WebhookEvents.AsNoTracking().Where(e => !e.FannedOut).OrderBy(e => e.Id).Take(batch).ToListAsync(cancellationToken);
        if (fresh.Count > 0)
        {
            var hooks = await db.Webhooks.AsNoTracking().Where(w => w.Enabled).ToListAsync(cancellationToken);
            foreach (var @event in fresh)
            {
                // One transaction per event, claimed first: with several app instances one fans it out.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await db.WebhookEvents.Where(e => e.Id == @event.Id && !e.FannedOut)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.FannedOut, true), cancellationToken) == 0)
                {
                    continue;
                }
                foreach (var hook in hooks.Where(h => h.Wants(@event.Name)))
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery(hook.Id, @event.Id, now));
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        var due = await db.WebhookDeliveries.Where(d => d.DeliveredUtc == null && d.NextAttemptUtc != null && d.NextAttemptUtc <= now)
            .OrderBy(d => d.Id).Take(batch).ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var delivery in due)
        {
            // Claimed by moving its next attempt past the time a post can take: another instance
            // that read it changes no row and leaves it; one that crashed leaves it to be tried again then.
            var seen = delivery.NextAttemptUtc;
            if (await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.DeliveredUtc == null && d.NextAttemptUtc == seen)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptUtc, now + ClaimLease), cancellationToken) == 0)
            {
                continue;
            }
            var hook = await db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == delivery.WebhookId, cancellationToken);
            var @event = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.Id == delivery.EventId, cancellationToken);
            var body = Body(hook, @event);
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("X-Continuity-Event", @event.Name);
            request.Headers.Add("X-Continuity-Delivery", delivery.Id.ToString(CultureInfo.InvariantCulture));
            try
            {
                request.Headers.Add("X-Continuity-Signature-256", WebhookSecrets.Sign(secrets.Reveal(hook.ProtectedSecret), body));
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    delivery.Succeeded(clock.GetUtcNow().UtcDateTime, (int)response.StatusCode);
                    delivered++;
                }
                else
                {
                    delivery.Failed(clock.GetUtcNow().UtcDateTime, (int)response.StatusCode, $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or CryptographicException)
            {
                logger.LogWarning("Posting {Event} to webhook {Webhook} failed: {Error}", @event.Name, hook.Id, e.Message);
                delivery.Failed(clock.GetUtcNow().UtcDateTime, null, e is TaskCanceledException ? "No answer within the time limit." : e.Message);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return delivered;
    }

    /// <summary>The request body: Continuity's event, or Slack's <c>{"text": …}</c>.</summary>
    public static byte[] Body(Webhook hook, WebhookEvent @event)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(@event);
        using var data = JsonDocument.Parse(@event.Data);
        object payload = hook.Format == "slack"
            ? new { text = $"Continuity: {@event.Text}" }
            : new { @event = @event.Name, id = @event.Id, occurredUtc = @event.OccurredUtc, text = @event.Text, data = data.RootElement };
        return JsonSerializer.SerializeToUtf8Bytes(payload, JsonSerializerOptions.Web);
    }
}

/// <summary>Runs <see cref="WebhookSender"/> every half minute while the app runs (<c>Jobs:Enabled</c>).</summary>
public sealed class WebhookSending(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<WebhookSending> logger) : PeriodicJob(scopes, configuration, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override string What => "Posting webhooks";

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<WebhookSender>().SendDueAsync(cancellationToken);
}
