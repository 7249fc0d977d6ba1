using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Jobs;

/// <summary>Background work that runs at start and then every <see cref="Interval"/> while the app
/// runs, each time in a scope of its own (<c>Jobs:Enabled</c>, default true). A round that fails
/// on the database is logged and the next round tries again.</summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, IConfiguration configuration, ILogger logger) : BackgroundService
{
    protected IConfiguration Configuration { get; } = configuration;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the log says failed, e.g. "Sending the outbox".</summary>
    protected abstract string What { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Configuration.GetValue("Jobs:Enabled", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
            {
                Logger.LogError(e, "{What} failed; it is tried again in {Interval}.", What, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
