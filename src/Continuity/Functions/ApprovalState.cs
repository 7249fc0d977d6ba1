namespace Continuity.Functions;

/// <summary>Whether management approved a function's recovery objectives as they stand.</summary>
public enum ApprovalState
{
    NoObjectives,
    NotApproved,
    Approved,
    ChangedSinceApproval,
}

public static class ApprovalStates
{
    /// <summary>An approval covers the values it records; once an objective changes it is
    /// unapproved until management approves it again. Minutes throughout.</summary>
    public static ApprovalState Of(int? mtpd, int? rto, int? rpo, bool recorded, int? approvedMtpd, int? approvedRto, int? approvedRpo) =>
        !recorded
            ? mtpd is null && rto is null && rpo is null ? ApprovalState.NoObjectives : ApprovalState.NotApproved
            : mtpd == approvedMtpd && rto == approvedRto && rpo == approvedRpo
                ? ApprovalState.Approved
                : ApprovalState.ChangedSinceApproval;

    /// <summary>The state of a function's objectives as a plan file states them.</summary>
    public static ApprovalState Of(PlanFiles.RecoveryObjectives? objectives) => objectives is null
        ? ApprovalState.NoObjectives
        : Of(objectives.Mtpd?.Minutes, objectives.Rto?.Minutes, objectives.Rpo?.Minutes, objectives.Approved is not null,
            objectives.Approved?.Mtpd?.Minutes, objectives.Approved?.Rto?.Minutes, objectives.Approved?.Rpo?.Minutes);

    /// <summary>In words, lower case, as lists filter and sort by it.</summary>
    public static string Words(this ApprovalState state) => state switch
    {
        ApprovalState.Approved => "approved",
        ApprovalState.ChangedSinceApproval => "changed since approval",
        ApprovalState.NotApproved => "not approved",
        _ => "no objectives",
    };
}
