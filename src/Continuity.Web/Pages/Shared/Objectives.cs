using Continuity.Functions;

namespace Continuity.Web.Pages.Shared;

/// <summary>A function's recovery objectives (minutes) and the values management approved.</summary>
public sealed record Objectives(
    int? MtpdMinutes, int? RtoMinutes, int? RpoMinutes,
    string? ApprovedBy, DateOnly? ApprovedOn,
    int? ApprovedMtpdMinutes, int? ApprovedRtoMinutes, int? ApprovedRpoMinutes)
{
    /// <summary>See <see cref="ApprovalStates.Of(int?, int?, int?, bool, int?, int?, int?)"/>.</summary>
    public ApprovalState State => ApprovalStates.Of(MtpdMinutes, RtoMinutes, RpoMinutes, ApprovedBy is not null || ApprovedOn is not null,
        ApprovedMtpdMinutes, ApprovedRtoMinutes, ApprovedRpoMinutes);
}
