using Continuity.Governance;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Continuity.Web.Jobs;

/// <summary>Runs <see cref="DailyReminders"/> once a day while the app runs (<c>Jobs:Enabled</c>,
/// default true): it looks every hour whether today's run is still to do; the run claims its day in
/// the database, so several instances run it once. Links in the e-mails start with <c>App:BaseUrl</c>,
/// else the address the server listens on.</summary>
public sealed class DailyJobs(IServiceScopeFactory scopes, IConfiguration configuration, IServer server, ILogger<DailyJobs> logger)
    : PeriodicJob(scopes, configuration, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string What => "The daily reminders (the run is recorded as failed and tried again tomorrow)";

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<DailyReminders>().RunAsync(LinksOf(Configuration, server), cancellationToken) is { } run)
        {
            Logger.LogInformation("Daily reminders: {Run}", run);
        }
    }

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
}
