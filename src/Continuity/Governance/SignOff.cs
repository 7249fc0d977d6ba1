namespace Continuity.Governance;

public enum SignOffDecision
{
    Approve,
    Reject,
}

/// <summary>An approver's signed decision on one version (ADR 010): who, what, when, the
/// statement they signed, the content hash they signed, the audit chain's head at that moment and
/// how they proved it was them (password or authenticator code, re-entered in the same request).
/// Written once; the database refuses to change or delete it.</summary>
public sealed class VersionSignOff
{
    public const int StatementMaxLength = 2000;
    public const int JustificationMaxLength = 4000;

    private VersionSignOff()
    {
    }

    internal VersionSignOff(long versionId, string approver, SignOffDecision decision, string statement, string? justification,
        string contentHash, long auditSequence, string auditHeadHash, string method, DateTime signedUtc)
    {
        VersionId = versionId;
        Approver = approver;
        Decision = decision;
        Statement = statement;
        Justification = justification;
        ContentHash = contentHash;
        AuditSequence = auditSequence;
        AuditHeadHash = auditHeadHash;
        Method = method;
        SignedUtc = signedUtc;
    }

    public long Id { get; private set; }

    public long VersionId { get; private set; }

    /// <summary>The approver's sign-in name (e-mail address).</summary>
    public string Approver { get; private set; } = "";

    public SignOffDecision Decision { get; private set; }

    /// <summary>What the approver declared ("I approve this plan…", or why they reject it).</summary>
    public string Statement { get; private set; } = "";

    /// <summary>Why the plan is approved although it had unwaived error findings.</summary>
    public string? Justification { get; private set; }

    /// <summary>The version's content hash as signed.</summary>
    public string ContentHash { get; private set; } = "";

    /// <summary>The audit log's last entry number and hash just before the sign-off was recorded.</summary>
    public long AuditSequence { get; private set; }

    public string AuditHeadHash { get; private set; } = "";

    /// <summary><c>password</c> or <c>authenticator</c>: what the approver re-entered.</summary>
    public string Method { get; private set; } = "";

    public DateTime SignedUtc { get; private set; }
}
