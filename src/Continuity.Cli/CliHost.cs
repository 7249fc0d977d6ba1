using System.CommandLine;
using Continuity.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Continuity.Cli;

/// <summary>The command line's side of the one composition root (ADR 008): the services of
/// <see cref="ContinuityCore.AddContinuityCore"/> on the configuration every command reads
/// (<see cref="DatabaseArguments.Configuration"/>), then the overrides a test passes. A plain
/// service provider, not a generic host: a command runs no hosted services, and a host would add
/// console logging and configuration sources of its own.</summary>
public sealed class CliHost(Action<IServiceCollection>? overrides)
{
    /// <summary>Applies the overrides to services built elsewhere (the web host of <c>serve</c>).</summary>
    public void Override(IServiceCollection services) => overrides?.Invoke(services);

    /// <summary>The clock, for a command that does not open the database.</summary>
    public TimeProvider Clock(ParseResult parse)
    {
        using var services = Build(parse);
        return services.GetRequiredService<TimeProvider>();
    }

    /// <summary>Services for one command, on a database opened by the one rule of
    /// <see cref="DatabaseOpening"/> for <paramref name="use"/>: a missing SQLite file is created
    /// only for <see cref="DatabaseUse.Write"/>; a database that is behind is migrated while
    /// Database:MigrateOnStartup is true. When it cannot be used as it is,
    /// <see cref="DatabaseNotReadyException"/> says why (<see cref="KnownProblems"/>, exit code 3).</summary>
    public async Task<CommandServices> OpenAsync(ParseResult parse, DatabaseUse use, CancellationToken cancellationToken)
    {
        var services = Start(parse);
        try
        {
            await DatabaseOpening.PrepareAsync(services.Db, services.Get<IOptions<DatabaseOptions>>().Value, use, cancellationToken);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Services for one command, the database untouched (<c>db migrate</c> migrates
    /// whatever Database:MigrateOnStartup says).</summary>
    public CommandServices Start(ParseResult parse) => new(Build(parse));

    private ServiceProvider Build(ParseResult parse)
    {
        var services = new ServiceCollection();
        services.AddContinuityCore(DatabaseArguments.Configuration(parse));
        Override(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}

/// <summary>One command's services: a scope of their own, and more scopes for work that runs
/// beside it (a second connection reading in parallel).</summary>
public sealed class CommandServices(ServiceProvider root) : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope = root.CreateAsyncScope();

    public ContinuityDb Db => Get<ContinuityDb>();

    public T Get<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public AsyncServiceScope CreateScope() => root.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await root.DisposeAsync();
    }
}
