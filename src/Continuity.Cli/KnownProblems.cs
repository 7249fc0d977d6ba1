using System.CommandLine;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Continuity.Data;
using Continuity.Store;

namespace Continuity.Cli;

/// <summary>The one place where a failure that people can fix themselves becomes an exit code
/// and a sentence that says what is wrong and what to do, the same for every command. What is
/// not recognised here is a bug (exit code 70).</summary>
internal static partial class KnownProblems
{
    public static (int ExitCode, string Message)? Describe(Exception exception, ParseResult parse)
    {
        if (PortInUse(exception) is { } port)
        {
            return (ExitCodes.Environment, port);
        }
        if (exception is DatabaseNotReadyException notReady)
        {
            return (ExitCodes.Environment, Serving(parse) ? $"Continuity did not start: {notReady.Message}" : notReady.Message);
        }
        if (exception is PlanConflictException conflict)
        {
            return (ExitCodes.Conflict, conflict.Message + (conflict.Conflicts.Count > 0 && parse.CommandResult.Command.Name == "import"
                ? " Export again and redo the file changes, or run the import with --force to let the files win."
                : ""));
        }
        DatabaseOptions options;
        try
        {
            options = DatabaseArguments.Options(parse);
        }
        catch (InvalidOperationException unreadable) when (unreadable.Message == exception.Message)
        {
            // The configuration binder's own words name the key and the value.
            return (ExitCodes.InvalidInput, $"The database settings cannot be used: {unreadable.Message} "
                + "Database:Provider (--database-provider, Database__Provider) must be Sqlite or Postgres.");
        }
        if (DatabaseProblems.Describe(exception, options) is { } database)
        {
            return (database.Kind == DatabaseProblemKind.InvalidSettings ? ExitCodes.InvalidInput : ExitCodes.Environment, database.Message);
        }
        if (exception is IOException or UnauthorizedAccessException)
        {
            return (ExitCodes.Environment, exception.Message);
        }
        return null;
    }

    private static bool Serving(ParseResult parse) => parse.CommandResult.Command.Name == "serve";

    // Kestrel: IOException "Failed to bind to address http://127.0.0.1:5080: address already in use."
    // around AddressInUseException around the SocketException.
    private static string? PortInUse(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                var address = Address().Match(exception.Message);
                var (url, port) = address.Success && Uri.TryCreate(address.Groups["url"].Value, UriKind.Absolute, out var uri)
                    ? (uri.GetLeftPart(UriPartial.Authority), uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    : ("the address to listen on", "N");
                return $"Continuity cannot listen on {url}: port {port} is in use by another program (perhaps another 'continuity serve'). "
                    + "Stop that program, or choose another address with --urls (for example --urls http://127.0.0.1:5081) "
                    + "or the ASPNETCORE_URLS environment variable.";
            }
        }
        return null;
    }

    [GeneratedRegex(@"(?<url>[a-z]+://\S+?):?\s")]
    private static partial Regex Address();
}
