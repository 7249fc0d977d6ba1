using Continuity.Governance;
using Microsoft.AspNetCore.Hosting.Server;

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
        if (await services.GetRequiredService<DailyReminders>().RunAsync(PublicAddress.Of(Configuration, server), cancellationToken) is { } run)
        {
            Logger.LogInformation("Daily reminders: {Run}", run);
        }
    }
}
