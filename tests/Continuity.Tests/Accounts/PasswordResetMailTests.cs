using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Tests.Accounts;

/// <summary>The app with a real SMTP server on loopback (netDumbster) as its mail server: the
/// reset e-mail goes through MailKit and SMTP exactly as in production.</summary>
public class MailApp : ContinuityApp
{
    public MailApp()
        : this(loadDemo: false)
    {
    }

    protected MailApp(bool loadDemo)
        : base(loadDemo, loadDemo ? new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero) : null)
    {
    }

    public netDumbster.smtp.SimpleSmtpServer MailServer { get; } = LoopbackMail.Start();

    /// <summary>The messages the server received: recipient, subject and plain-text body.</summary>
    public IReadOnlyList<(string To, string Subject, string Body)> Sent => LoopbackMail.Received(MailServer);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LoopbackMail.Configure(builder, MailServer);
    }

    public override async ValueTask DisposeAsync()
    {
        MailServer.Stop();
        MailServer.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A real SMTP server on a free loopback port (netDumbster), and the app's settings to send through it.</summary>
public static class LoopbackMail
{
    public static netDumbster.smtp.SimpleSmtpServer Start() => netDumbster.smtp.Configuration.Configure().WithPort(FreePort()).Build();

    public static void Configure(IWebHostBuilder builder, netDumbster.smtp.SimpleSmtpServer server)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(server);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", server.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:UseTls", "false");
        builder.UseSetting("Smtp:From", "continuity@example.test");
    }

    /// <summary>The messages the server received (in no particular order): recipient, subject and plain-text body.</summary>
    public static IReadOnlyList<(string To, string Subject, string Body)> Received(netDumbster.smtp.SimpleSmtpServer server) =>
        [.. server.ReceivedEmail.Select(m => (
            m.ToAddresses.Single().Address,
            m.Headers["Subject"] ?? "",
            m.MessageParts.Length > 0 ? m.MessageParts[0].BodyData : m.Data))];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The demo organisation with a real SMTP server on loopback.</summary>
public sealed class DemoMailApp() : MailApp(loadDemo: true);

public sealed class PasswordResetMailTests(MailApp app) : IClassFixture<MailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reset_link_by_e_mail_sets_a_new_password_once()
    {
        var email = await app.CreateUserAsync(AccessRole.Member);
        var browser = app.CreateBrowser();

        using var asked = await ContinuityApp.PostFormAsync(browser, "/account/forgot-password", new() { ["Email"] = email });
        Assert.Contains("If there is an account for that address", await asked.Content.ReadAsStringAsync(Ct));
        var mail = Assert.Single(app.Sent, m => m.To == email);
        var link = new Uri(Regex.Match(mail.Body, "http://\\S+").Value);
        var code = Uri.UnescapeDataString(Regex.Match(link.Query, "code=([^&]+)").Groups[1].Value);

        const string newPassword = "a brand new long password";
        using var reset = await ContinuityApp.PostFormAsync(browser, "/account/reset-password",
            new() { ["Email"] = email, ["Code"] = code, ["Password"] = newPassword }, formPage: link.PathAndQuery);
        Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync(Ct));
        await ContinuityApp.SignInAsync(app.CreateBrowser(), email, newPassword);

        using var again = await ContinuityApp.PostFormAsync(app.CreateBrowser(), "/account/reset-password",
            new() { ["Email"] = email, ["Code"] = code, ["Password"] = "yet another long password" }, formPage: link.PathAndQuery);
        Assert.Contains("This reset link is not valid any more", await again.Content.ReadAsStringAsync(Ct));
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == "user:" + email).Select(e => e.Action + e.Changes).ToListAsync(Ct));
        Assert.Contains("password-reset[]", audit);
        Assert.DoesNotContain(audit, entry => entry.Contains(code, StringComparison.Ordinal) || entry.Contains(newPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        using var asked = await ContinuityApp.PostFormAsync(app.CreateBrowser(), "/account/forgot-password", new() { ["Email"] = "nobody-here@example.test" });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("If there is an account for that address", await asked.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain(app.Sent, m => m.To == "nobody-here@example.test");
    }
}
