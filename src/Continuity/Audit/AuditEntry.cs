using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Continuity.Audit;

/// <summary>Through what a change or event came.</summary>
public enum AuditChannel
{
    Form,
    Api,
    Import,
    Cli,
    Job,
}

/// <summary>One field of an element before and after a change; null where it had no value.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>What one audit entry records, before it is chained.</summary>
/// <param name="Actor">Who: the user's e-mail, or for the command line <c>cli:</c> and the OS user.</param>
/// <param name="Channel">Through what.</param>
/// <param name="Action">What happened, as a short verb phrase: <c>created</c>, <c>sign-in-failed</c> ….</param>
/// <param name="Subject">Which element or account: <c>function:payroll</c>, <c>user:ana@example.org</c>.</param>
/// <param name="Revision">The plan revision a change of content made; null for events that do not change the plan.</param>
/// <param name="Changes">Each field before → after.</param>
public sealed record AuditRecord(string Actor, AuditChannel Channel, string Action, string? Subject, long? Revision, IReadOnlyList<FieldChange> Changes)
{
    public AuditRecord(string actor, AuditChannel channel, string action, string? subject = null)
        : this(actor, channel, action, subject, null, [])
    {
    }
}

/// <summary>An entry of the append-only audit log. Each entry carries the SHA-256 of the
/// previous one, so changing, removing or reordering any entry breaks the chain from there on
/// (<see cref="AuditLog.VerifyAsync"/>).</summary>
public sealed class AuditEntry
{
    public const int ActorMaxLength = 256;
    public const int ActionMaxLength = 64;
    public const int SubjectMaxLength = 300;

    /// <summary>The hash before the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private AuditEntry()
    {
    }

    internal AuditEntry(long sequence, DateTime atUtc, AuditRecord record, string previousHash)
    {
        Sequence = sequence;
        AtUtc = atUtc;
        Actor = Truncate(record.Actor, ActorMaxLength);
        Channel = record.Channel;
        Action = Truncate(record.Action, ActionMaxLength);
        Subject = record.Subject is null ? null : Truncate(record.Subject, SubjectMaxLength);
        Revision = record.Revision;
        Changes = JsonSerializer.Serialize(record.Changes, AuditJson.Options);
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>1, 2, 3 … without gaps.</summary>
    public long Sequence { get; private set; }

    /// <summary>Whole milliseconds, so that both databases store exactly what was hashed.</summary>
    public DateTime AtUtc { get; private set; }

    public string Actor { get; private set; } = "";

    public AuditChannel Channel { get; private set; }

    public string Action { get; private set; } = "";

    public string? Subject { get; private set; }

    public long? Revision { get; private set; }

    /// <summary>The field changes as a JSON array of <see cref="FieldChange"/>.</summary>
    public string Changes { get; private set; } = "[]";

    public string PreviousHash { get; private set; } = "";

    public string Hash { get; private set; } = "";

    public IReadOnlyList<FieldChange> FieldChanges =>
        JsonSerializer.Deserialize<List<FieldChange>>(Changes, AuditJson.Options) ?? [];

    /// <summary>SHA-256 over every stored field and the previous hash, each length-prefixed so no
    /// two different entries give the same input.</summary>
    public string ComputeHash()
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value?.Length ?? -1).Append(':').Append(value).Append('\n');
        Field(PreviousHash);
        Field(Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        Field(Actor);
        Field(Channel.ToString());
        Field(Action);
        Field(Subject);
        Field(Revision?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(Changes);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}

/// <summary>The single row that holds the end of the chain: appends lock it, so concurrent
/// writers (on either database) never fork the chain, and a removed last entry is detected.</summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Sequence { get; set; }

    public string Hash { get; set; } = AuditEntry.Genesis;
}

internal static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
