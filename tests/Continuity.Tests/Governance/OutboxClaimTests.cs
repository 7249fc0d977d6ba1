using Continuity.Governance;
using Continuity.Tests.Accounts;
using Continuity.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Governance;

/// <summary>Several app instances send the outbox at once (ADR 010): each message is claimed
/// before it is sent, so every message reaches the real SMTP server on loopback exactly once.</summary>
public sealed class OutboxClaimTests(MailApp app) : IClassFixture<MailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Four_senders_at_once_send_every_message_exactly_once()
    {
        const int Messages = 40;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.QueryAsync(async db =>
        {
            db.OutboxMessages.AddRange(Enumerable.Range(0, Messages).Select(i => new OutboxMessage($"person{i}@example.test", $"Message {i}", $"Body {i}", now)));
            return await db.SaveChangesAsync(Ct);
        });

        async Task<int> SendAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OutboxMail>().SendPendingAsync(Ct);
        }
        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SendAsync, Ct)));

        Assert.Equal(Messages, sent.Sum());
        for (var wait = 0; app.Sent.Count < Messages && wait < 100; wait++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"person{i}@example.test").Order(), app.Sent.Select(m => m.To).Order());
        var stored = await app.QueryAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync(Ct));
        Assert.All(stored, m => Assert.Equal((1, OutboxMessage.SentBody), (m.Attempts, m.Body)));
    }
}
