using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Continuity.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Governance;

/// <summary>Outgoing webhooks (ADR 010) over the demo organisation, posted to a real HTTP server
/// on a loopback socket: an administrator adds a JSON and a Slack-compatible webhook, governance
/// events reach the ones that want them, signed with their HMAC secret; a failure is retried after
/// the back-off and the delivery log shows each attempt; a webhook turned off gets nothing. Own fixture.</summary>
public sealed class WebhookTests(DemoApp app) : IClassFixture<DemoApp>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Receiver _receiver = new();

    public void Dispose() => _receiver.Dispose();

    /// <summary>An HTTP server on loopback that records each request and answers with the next
    /// status queued (200 when none is).</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();

        public Receiver()
        {
            using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(ListenAsync);
        }

        public int Port { get; }

        public ConcurrentQueue<(string Path, Dictionary<string, string> Headers, byte[] Body)> Received { get; } = new();

        public ConcurrentQueue<int> Answers { get; } = new();

        private async Task ListenAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Received.Enqueue((context.Request.Url!.AbsolutePath,
                    context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase),
                    body.ToArray()));
                context.Response.StatusCode = Answers.TryDequeue(out var status) ? status : 200;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }

    private async Task<int> SendAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendDueAsync(Ct);
    }

    private static async Task<string> AddAsync(HttpClient admin, string address, string format, params string[] events)
    {
        var form = new Dictionary<string, string> { ["Address"] = address, ["Format"] = format };
        var page = await admin.GetStringAsync("/admin/webhooks", Ct);
        var fields = new List<KeyValuePair<string, string>>(form) { new("__RequestVerificationToken", ContinuityApp.AntiforgeryToken(page)) };
        fields.AddRange(events.Select(e => new KeyValuePair<string, string>("Events", e)));
        using var added = await admin.PostAsync("/admin/webhooks?handler=Add", new FormUrlEncodedContent(fields), Ct);
        var html = await added.Content.ReadAsStringAsync(Ct);
        return Regex.Match(html, "<code class=\"token-secret\">([A-Za-z0-9_-]+)</code>").Groups[1].Value;
    }

    [Fact]
    public async Task Governance_events_reach_the_webhooks_that_want_them_signed_and_a_failure_is_retried_after_its_back_off()
    {
        var admin = await app.SignedInBrowserAsync(AccessRole.Administrator);
        using (var wrong = await ContinuityApp.PostFormAsync(admin, "/admin/webhooks?handler=Add", new() { ["Address"] = "ftp://example.org/x", ["Format"] = "json" }, "/admin/webhooks"))
        {
            Assert.Contains("Give the absolute http:// or https:// address", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        var jsonSecret = await AddAsync(admin, $"http://127.0.0.1:{_receiver.Port}/json", "json", "plan.version.submitted", "plan.version.approved");
        var slackSecret = await AddAsync(admin, $"http://127.0.0.1:{_receiver.Port}/slack", "slack");
        Assert.NotEmpty(jsonSecret);
        Assert.NotEqual(jsonSecret, slackSecret);

        // A team plan is submitted: the JSON receiver fails once, the Slack one takes it.
        var manager = await app.SignedInBrowserAsync(AccessRole.ContinuityManager);
        using (await ContinuityApp.PostFormAsync(manager, "/plan/versions/submit", new() { ["SubmitScope"] = "team:licensing" }))
        {
        }
        _receiver.Answers.Enqueue(500);
        Assert.Equal(1, await SendAsync());
        var first = _receiver.Received.ToList();
        Assert.Equal(2, first.Count);
        var json = first.Single(r => r.Path == "/json");
        Assert.Equal("plan.version.submitted", json.Headers["X-Continuity-Event"]);
        Assert.Equal(WebhookSecrets.Sign(jsonSecret, json.Body), json.Headers["X-Continuity-Signature-256"]);
        var payload = JsonNode.Parse(json.Body)!;
        Assert.Equal(("plan.version.submitted", "team:licensing@1"), ((string)payload["event"]!, (string)payload["data"]!["version"]!));
        var slack = first.Single(r => r.Path == "/slack");
        Assert.Equal(WebhookSecrets.Sign(slackSecret, slack.Body), slack.Headers["X-Continuity-Signature-256"]);
        Assert.Matches("^Continuity: .+ submitted the team plan of licensing as team:licensing@1 for approval\\.$", (string)JsonNode.Parse(slack.Body)!["text"]!);
        var log = await admin.GetStringAsync("/admin/webhooks", Ct);
        Assert.Contains("Retrying</span> The receiver answered 500", log, StringComparison.Ordinal);

        // Not before its back-off; then delivered on the second attempt.
        Assert.Equal(0, await SendAsync());
        Assert.Equal(2, _receiver.Received.Count);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await SendAsync());
        var retried = _receiver.Received.Last();
        Assert.Equal(("/json", Encoding.UTF8.GetString(json.Body)), (retried.Path, Encoding.UTF8.GetString(retried.Body)));
        var delivered = await admin.GetStringAsync("/admin/webhooks", Ct);
        Assert.Matches("<td class=\"num\">2</td>[\\s\\S]*?Delivered</span> 200", delivered);

        // Approved: both. The JSON webhook turned off: the Slack one alone hears of the publication.
        using (var signed = await ContinuityApp.PostFormAsync(await app.SignedInBrowserAsync(AccessRole.Approver), "/plan/versions/team%3Alicensing/1?handler=Sign", new()
        {
            ["Decision"] = "approve",
            ["Statement"] = "Approved.",
            ["Justification"] = "Gaps tracked.",
            ["Password"] = ContinuityApp.Password,
        }, "/plan/versions/team%3Alicensing/1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }
        Assert.Equal(2, await SendAsync());
        Assert.Equal(2, _receiver.Received.Count(r => r.Headers["X-Continuity-Event"] == "plan.version.approved"));
        var hooks = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Webhooks, Ct));
        using (var off = await ContinuityApp.PostFormAsync(admin, "/admin/webhooks?handler=Enable",
            new() { ["id"] = hooks.Single(h => h.Format == "json").Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["enabled"] = "false" }, "/admin/webhooks"))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }
        using (var published = await ContinuityApp.PostFormAsync(manager, "/plan/versions/team%3Alicensing/1?handler=Publish", [], "/plan/versions/team%3Alicensing/1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        Assert.Equal(1, await SendAsync());
        var publication = _receiver.Received.Last();
        Assert.Equal(("/slack", "plan.version.published"), (publication.Path, publication.Headers["X-Continuity-Event"]));

        // A test event, on demand, to one webhook even when it is off.
        using (await ContinuityApp.PostFormAsync(admin, "/admin/webhooks?handler=Ping",
            new() { ["id"] = hooks.Single(h => h.Format == "json").Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/webhooks"))
        {
        }
        Assert.Equal(1, await SendAsync());
        Assert.Equal(("/json", "ping"), (_receiver.Received.Last().Path, _receiver.Received.Last().Headers["X-Continuity-Event"]));
    }
}
