namespace Continuity.Web.Pages.Shared;

public enum ApprovalState
{
    NoObjectives,
    NotApproved,
    Approved,
    ChangedSinceApproval,
}

/// <summary>A function's recovery objectives (minutes) and the values management approved.</summary>
public sealed record Objectives(
    int? MtpdMinutes, int? RtoMinutes, int? RpoMinutes,
    string? ApprovedBy, DateOnly? ApprovedOn,
    int? ApprovedMtpdMinutes, int? ApprovedRtoMinutes, int? ApprovedRpoMinutes)
{
    /// <summary>An approval covers the values it records; once an objective changes it is
    /// unapproved until management approves it again.</summary>
    public ApprovalState State =>
        ApprovedBy is null && ApprovedOn is null
            ? MtpdMinutes is null && RtoMinutes is null && RpoMinutes is null ? ApprovalState.NoObjectives : ApprovalState.NotApproved
            : MtpdMinutes == ApprovedMtpdMinutes && RtoMinutes == ApprovedRtoMinutes && RpoMinutes == ApprovedRpoMinutes
                ? ApprovalState.Approved
                : ApprovalState.ChangedSinceApproval;
}
