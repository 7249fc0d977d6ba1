using Continuity.Data;
using Continuity.Governance;
using Continuity.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Jobs;

/// <summary>Sends the e-mails waiting in the outbox through SMTP (MailKit), oldest first; each
/// attempt is recorded on its message, and a message is given up after
/// <see cref="Distribution.MaxSendAttempts"/> failures. Each message is claimed before it is sent
/// (<see cref="OutboxMessage.ClaimedUtc"/>), so several app instances never send one twice.
/// Without a mail server configured nothing is sent and the messages wait.</summary>
public sealed class OutboxMail(ContinuityDb db, IMailSender mail, TimeProvider clock, ILogger<OutboxMail> logger)
{
    /// <returns>How many messages were sent.</returns>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken, int batch = 100)
    {
        if (!mail.IsConfigured)
        {
            return 0;
        }
        var stale = clock.GetUtcNow().UtcDateTime - OutboxMessage.ClaimLease;
        var pending = await db.OutboxMessages.Where(m => m.SentUtc == null && m.Attempts < Distribution.MaxSendAttempts && (m.ClaimedUtc == null || m.ClaimedUtc < stale))
            .OrderBy(m => m.Id).Take(batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var message in pending)
        {
            // Claim it first: with several app instances, the one whose update changes the row sends it.
            var now = clock.GetUtcNow().UtcDateTime;
            var seen = message.ClaimedUtc;
            if (await db.OutboxMessages.Where(m => m.Id == message.Id && m.SentUtc == null && m.ClaimedUtc == seen)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUtc, now).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken) == 0)
            {
                continue;
            }
            message.Claimed(now);
            try
            {
                await mail.SendAsync(message.To, message.Subject, message.Body, cancellationToken);
                message.Sent(clock.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception e) when (e is MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or IOException
                or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or MailKit.Security.AuthenticationException or FormatException)
            {
                logger.LogWarning("Sending an e-mail to {To} failed: {Error}", message.To, e.Message);
                message.Failed(e.Message);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }
}

/// <summary>Runs <see cref="OutboxMail"/> every half minute while the app runs (<c>Jobs:Enabled</c>, default true).</summary>
public sealed class OutboxSending(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<OutboxSending> logger) : PeriodicJob(scopes, configuration, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override string What => "Sending the outbox";

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<OutboxMail>().SendPendingAsync(cancellationToken);
}
