namespace Continuity.Governance;

/// <summary>One run of a scheduled job (ADR 010): which job, for which day, when it started and
/// finished, and what it did. A run is claimed by inserting its row: the pair (job, day) is unique,
/// so with several app instances exactly one runs each day's job.</summary>
public sealed class JobRun
{
    public const int JobMaxLength = 64;
    public const int SummaryMaxLength = 2000;

    private JobRun()
    {
    }

    internal JobRun(string job, DateOnly day, DateTime startedUtc, string instance)
    {
        Job = job;
        Day = day;
        StartedUtc = startedUtc;
        Instance = instance;
    }

    public long Id { get; private set; }

    public string Job { get; private set; } = "";

    /// <summary>The day (UTC) the run is for.</summary>
    public DateOnly Day { get; private set; }

    public DateTime StartedUtc { get; private set; }

    public DateTime? FinishedUtc { get; private set; }

    /// <summary>Which app instance ran it (machine name and process id).</summary>
    public string Instance { get; private set; } = "";

    /// <summary>What it did, in words; or why it failed.</summary>
    public string? Summary { get; private set; }

    public bool Failed { get; private set; }

    internal void Finish(DateTime nowUtc, string summary, bool failed) =>
        (FinishedUtc, Summary, Failed) = (nowUtc, summary.Length > SummaryMaxLength ? summary[..SummaryMaxLength] : summary, failed);
}

/// <summary>A reminder or escalation that was sent (ADR 010): what about (<see cref="Subject"/>),
/// which step (<see cref="Stage"/>) and to whom. Unique per (kind, subject, stage), so each is sent
/// exactly once however often the job runs.</summary>
public sealed class SentReminder
{
    public const int KindMaxLength = 40;
    public const int SubjectMaxLength = 400;
    public const int StageMaxLength = 40;

    private SentReminder()
    {
    }

    internal SentReminder(string kind, string subject, string stage, string to, DateTime sentUtc)
    {
        Kind = kind;
        Subject = subject;
        Stage = stage;
        To = to;
        SentUtc = sentUtc;
    }

    public long Id { get; private set; }

    /// <summary><c>acknowledgement</c>, <c>review</c>, <c>approval</c>, <c>contact</c>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>What it is about: <c>recipient:17</c>, <c>organisation@3</c>, <c>team:licensing@2 approver@example.org</c>.</summary>
    public string Subject { get; private set; } = "";

    /// <summary><c>reminder</c>, <c>escalation</c>, <c>due</c>, <c>overdue</c>.</summary>
    public string Stage { get; private set; } = "";

    /// <summary>The addresses it went to.</summary>
    public string To { get; private set; } = "";

    public DateTime SentUtc { get; private set; }
}

/// <summary>A request to a person to confirm or correct their own contact details (ADR 010): sent
/// by e-mail with a single-use link (the token kept only as its SHA-256), valid for
/// <see cref="ContactVerifications.LinkValidDays"/> days, answered once.</summary>
public sealed class ContactVerificationRequest
{
    private ContactVerificationRequest()
    {
    }

    internal ContactVerificationRequest(string person, string email, string tokenHash, DateTime requestedUtc, DateTime expiresUtc)
    {
        Person = person;
        Email = email;
        TokenHash = tokenHash;
        RequestedUtc = requestedUtc;
        ExpiresUtc = expiresUtc;
    }

    public long Id { get; private set; }

    /// <summary>The plan's person (name).</summary>
    public string Person { get; private set; } = "";

    /// <summary>Where the link was sent.</summary>
    public string Email { get; private set; } = "";

    public string TokenHash { get; private set; } = "";

    public DateTime RequestedUtc { get; private set; }

    public DateTime ExpiresUtc { get; private set; }

    public DateTime? AnsweredUtc { get; private set; }

    /// <summary><c>confirmed</c> or <c>corrected</c>.</summary>
    public string? Outcome { get; private set; }

    internal void Answer(DateTime nowUtc, string outcome) => (AnsweredUtc, Outcome) = (nowUtc, outcome);

    internal void Renew(string tokenHash) => TokenHash = tokenHash;
}

/// <summary>A user's calendar feed (ADR 010): an iCal URL carrying a random token (kept only as its
/// SHA-256) that calendar programs fetch without signing in. One per user; replacing it revokes the old link.</summary>
public sealed class CalendarFeed
{
    private CalendarFeed()
    {
    }

    internal CalendarFeed(Guid userId, string tokenHash, DateTime createdUtc)
    {
        UserId = userId;
        TokenHash = tokenHash;
        CreatedUtc = createdUtc;
    }

    public long Id { get; private set; }

    public Guid UserId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }
}
