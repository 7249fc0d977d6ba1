namespace Continuity.Audit;

/// <summary>Who makes a change and through what; every write to the plan and every audited event
/// names one. <paramref name="Name"/> is the user's e-mail address, or for the command line
/// <c>cli:</c> and the operating-system user.</summary>
public sealed record Actor(string Name, AuditChannel Channel)
{
    /// <summary>The person at a terminal running a command (no sign-in: whoever can open the database).</summary>
    public static Actor CommandLine(AuditChannel channel = AuditChannel.Cli) => new($"cli:{Environment.UserName}", channel);

    /// <summary>Work the application does by itself (start-up, demo loading, scheduled jobs).</summary>
    public static Actor System(AuditChannel channel = AuditChannel.Job) => new("system", channel);
}
