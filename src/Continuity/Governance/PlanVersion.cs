namespace Continuity.Governance;

/// <summary>Where a version stands in the review and approval workflow (ADR 010).</summary>
public enum VersionState
{
    /// <summary>Submitted; reviewers comment and may request changes.</summary>
    InReview,

    /// <summary>Reviewed (or submitted without reviewers); waiting for sign-off.</summary>
    PendingApproval,

    /// <summary>Signed off by management (the quorum reached); locked.</summary>
    Approved,

    /// <summary>Distributed to the relevant people.</summary>
    Published,

    /// <summary>A later version of the same scope was published.</summary>
    Superseded,

    /// <summary>Changes were requested or an approver rejected it; the scope goes on as a draft.</summary>
    Returned,
}

/// <summary>A finding that was open when a version was submitted.</summary>
public sealed record OpenFinding(string Check, string Element, string Message);

/// <summary>One frozen version of a plan scope (ADR 010): its snapshot and content hash, numbered
/// per scope, taken at one plan revision. Scope, number, revision, content, hash, element count
/// and who submitted it when are written once; the database refuses to change them or to delete
/// the row. Only the workflow state moves.</summary>
public sealed class PlanVersion
{
    public const int ScopeMaxLength = 160;
    public const int ActorMaxLength = 256;
    public const int NoteMaxLength = 4000;

    private PlanVersion()
    {
    }

    internal PlanVersion(PlanScope scope, int number, long revision, VersionSnapshot snapshot, string submittedBy, DateTime submittedUtc, string? note,
        IReadOnlyList<OpenFinding> openErrors, bool inReview)
    {
        Scope = scope.ToString();
        Number = number;
        Revision = revision;
        Content = snapshot.Json;
        ContentHash = snapshot.Hash;
        Elements = snapshot.Elements;
        SubmittedBy = submittedBy;
        SubmittedUtc = submittedUtc;
        Note = note;
        OpenErrors = System.Text.Json.JsonSerializer.Serialize(openErrors, System.Text.Json.JsonSerializerOptions.Web);
        State = inReview ? VersionState.InReview : VersionState.PendingApproval;
        StateChangedUtc = submittedUtc;
    }

    public long Id { get; private set; }

    /// <summary><c>organisation</c> or <c>team:NAME</c>.</summary>
    public string Scope { get; private set; } = "";

    /// <summary>1, 2, … within the scope.</summary>
    public int Number { get; private set; }

    /// <summary>The plan revision the snapshot was taken at.</summary>
    public long Revision { get; private set; }

    /// <summary>The snapshot: <see cref="VersionSnapshot.Json"/>.</summary>
    public string Content { get; private set; } = "";

    /// <summary>SHA-256 of <see cref="Content"/>'s UTF-8 bytes, lower-case hex.</summary>
    public string ContentHash { get; private set; } = "";

    /// <summary>How many plan documents the snapshot holds.</summary>
    public int Elements { get; private set; }

    public string SubmittedBy { get; private set; } = "";

    public DateTime SubmittedUtc { get; private set; }

    /// <summary>The submitter's note: what changed and why.</summary>
    public string? Note { get; private set; }

    /// <summary>The unwaived error-level findings about elements of the scope when it was submitted
    /// (JSON; <see cref="OpenErrorList"/>): approving it anyway needs a written justification.</summary>
    public string OpenErrors { get; private set; } = "[]";

    public IReadOnlyList<OpenFinding> OpenErrorList =>
        System.Text.Json.JsonSerializer.Deserialize<List<OpenFinding>>(OpenErrors, System.Text.Json.JsonSerializerOptions.Web) ?? [];

    public VersionState State { get; private set; }

    public DateTime StateChangedUtc { get; private set; }

    internal void MoveTo(VersionState state, DateTime nowUtc) => (State, StateChangedUtc) = (state, nowUtc);

    /// <summary>Still open for review or sign-off.</summary>
    public bool IsOpen => State is VersionState.InReview or VersionState.PendingApproval;

    /// <summary><c>organisation@3</c>, <c>team:licensing@2</c>: how pages, the API and the CLI name it.</summary>
    public string Label => $"{Scope}@{Number}";

    /// <summary>The version without its snapshot.</summary>
    public VersionSummary Summary => new(Scope, Number, Revision, ContentHash, Elements, State, SubmittedBy, SubmittedUtc, Note);
}
