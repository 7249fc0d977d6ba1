using Continuity.Governance;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Jobs;

/// <summary>Runs <see cref="DailyReminders"/> once a day while the app runs (<c>Jobs:Enabled</c>,
/// default true): it looks every hour whether today's run is still to do; the run claims its day in
/// the database, so several instances run it once. Links in the e-mails start with <c>App:BaseUrl</c>,
/// else the address the server listens on.</summary>
public sealed class DailyJobs(IServiceScopeFactory scopes, IConfiguration configuration, IServer server, ILogger<DailyJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The address links in scheduled e-mails start with.</summary>
    public static string LinksOf(IConfiguration configuration, IServer? server)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["App:BaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }
        var listening = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return string.IsNullOrEmpty(listening) ? "http://localhost:5000" : listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Jobs:Enabled", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<DailyReminders>().RunAsync(LinksOf(configuration, server), stoppingToken) is { } run)
                {
                    logger.LogInformation("Daily reminders: {Run}", run);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
            {
                logger.LogError(e, "The daily reminders failed; the run is recorded as failed and tried again tomorrow.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
