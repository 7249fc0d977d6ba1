using Continuity.Functions;

namespace Continuity.Web.Pages.Shared;

/// <summary>A function's recovery objectives (minutes), the approval written in the plan files (who,
/// when, which values) and the approval signed in Continuity, if any.</summary>
public sealed record Objectives(
    int? MtpdMinutes, int? RtoMinutes, int? RpoMinutes,
    string? FileApprovedBy, DateOnly? FileApprovedOn,
    int? FileMtpdMinutes, int? FileRtoMinutes, int? FileRpoMinutes)
{
    /// <summary>The newest signed approval, when there is one.</summary>
    public ObjectiveApproval? Signed { get; init; }

    public bool FileApprovalRecorded => FileApprovedBy is not null || FileApprovedOn is not null;

    /// <summary>See <see cref="ApprovalStates.Of(ObjectiveValues, ObjectiveValues?, ObjectiveValues?)"/>.</summary>
    public ApprovalState State => ApprovalStates.Of(new ObjectiveValues(MtpdMinutes, RtoMinutes, RpoMinutes), Signed?.Values,
        FileApprovalRecorded ? new ObjectiveValues(FileMtpdMinutes, FileRtoMinutes, FileRpoMinutes) : null);

    /// <summary>The values the approval that counts covers: the signed one, else the file's.</summary>
    public ObjectiveValues? Approved => Signed?.Values ?? (FileApprovalRecorded ? new ObjectiveValues(FileMtpdMinutes, FileRtoMinutes, FileRpoMinutes) : null);
}
