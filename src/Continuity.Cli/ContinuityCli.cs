using System.CommandLine;
using Continuity.Cli.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Cli;

/// <summary>The <c>continuity</c> executable: one entry point for the web application
/// (<c>serve</c>) and every terminal command.</summary>
public static class ContinuityCli
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs one command line, writing to the given streams (tests pass StringWriters).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, services: null, cancellationToken);

    /// <summary>Runs one command line with <paramref name="services"/> applied over the services
    /// every command gets (tests replace the clock, as they do for the web).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<IServiceCollection>? services, CancellationToken cancellationToken = default)
    {
        var cli = new CliContext(output, error, services);
        var root = new RootCommand("Continuity — business continuity plans as code: validate, import and export the plan, check it against reality, ask what a failure takes down, and serve it.")
        {
            ValidateCommand.Create(cli),
            CheckCommand.Create(cli),
            ImpactCommand.Create(cli),
            RecoveryOrderCommand.Create(cli),
            SpofCommand.Create(cli),
            ImportCommand.Create(cli),
            ExportCommand.Create(cli),
            SchemaCommand.Create(cli),
            DemoCommand.Create(cli),
            GenerateCommand.Create(cli),
            ServeCommand.Create(cli),
            DbCommand.Create(cli),
            AuditCommand.Create(cli),
            UsersCommand.Create(cli),
            TokensCommand.Create(cli),
            PlanCommand.Create(cli),
        };
        root.Options.Add(DatabaseArguments.Provider);
        root.Options.Add(DatabaseArguments.ConnectionString);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Wrong arguments are bad input (2), never "findings" (1).
            foreach (var problem in parsed.Errors)
            {
                cli.Fail(problem.Message);
            }
            await error.WriteLineAsync("See 'continuity --help' or 'continuity COMMAND --help'.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            cli.Fail("Cancelled; nothing was changed.");
            return ExitCodes.Cancelled;
        }
        catch (Exception problem) when (KnownProblems.Describe(problem, parsed) is { } known)
        {
            cli.Fail(known.Message);
            return known.ExitCode;
        }
        catch (Exception problem)
        {
            // The outermost handler: one clear line, never a stack trace (set CONTINUITY_DEBUG=1 for it).
            cli.Fail($"Continuity hit an internal error ({problem.GetType().Name}: {problem.Message}). Nothing more was changed. Please report this.");
            if (Environment.GetEnvironmentVariable("CONTINUITY_DEBUG") == "1")
            {
                await error.WriteLineAsync(problem.ToString());
            }
            return ExitCodes.Internal;
        }
    }
}

/// <summary>What the exit code of every command means.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and found problems at or above the threshold (checks).</summary>
    public const int Findings = 1;

    /// <summary>Bad input: invalid plan files or arguments. Nothing was changed.</summary>
    public const int InvalidInput = 2;

    /// <summary>The database or file system could not be used (locked, read-only, unreachable).</summary>
    public const int Environment = 3;

    /// <summary>The plan changed meanwhile (another writer, or the elements changed in the app since
    /// the files were exported); nothing was changed (ADR 005).</summary>
    public const int Conflict = 4;

    public const int Cancelled = 130;

    public const int Internal = 70;

    public const string Help = "Exit codes: 0 success, 1 findings, 2 invalid input (nothing changed), 3 database or file system unavailable, 4 the plan changed meanwhile (nothing changed), 70 internal error.";
}
