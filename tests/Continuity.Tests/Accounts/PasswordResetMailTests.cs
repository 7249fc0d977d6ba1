using System.Net;
using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Accounts;

/// <summary>The app with a mail server configured; what it would send is kept here instead.</summary>
public sealed class MailApp : ContinuityApp
{
    public CapturedMail Mail { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "mail.example.test");
        builder.ConfigureTestServices(services => services.AddSingleton<IMailSender>(Mail));
    }
}

public sealed class CapturedMail : IMailSender
{
    public List<(string To, string Subject, string Body)> Sent { get; } = [];

    public bool IsConfigured => true;

    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add((to, subject, body));
        }
        return Task.CompletedTask;
    }
}

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
        var mail = Assert.Single(app.Mail.Sent, m => m.To == email);
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
        Assert.DoesNotContain(app.Mail.Sent, m => m.To == "nobody-here@example.test");
    }
}
