namespace Continuity.Functions;

/// <summary>Whether management approved a function's recovery objectives as they stand.</summary>
public enum ApprovalState
{
    NoObjectives,
    NotApproved,

    /// <summary>Signed in Continuity by an approver (re-authenticated), for the values as they stand.</summary>
    Approved,

    /// <summary>An approval written in the plan files for the values as they stand, not signed in
    /// Continuity: the plan checks count it, the control status does not.</summary>
    RecordedInFile,

    ChangedSinceApproval,
}

/// <summary>Recovery objectives in minutes: the values as they stand, or the values an approval covers.</summary>
public readonly record struct ObjectiveValues(int? Mtpd, int? Rto, int? Rpo)
{
    public bool IsEmpty => Mtpd is null && Rto is null && Rpo is null;
}

public static class ApprovalStates
{
    /// <summary>An approval covers the values it records; once an objective changes it is
    /// unapproved until management approves it again. A signature in Continuity, when there is one,
    /// is the approval that counts; otherwise an approval written in the plan files.</summary>
    public static ApprovalState Of(ObjectiveValues current, ObjectiveValues? signed, ObjectiveValues? file) =>
        signed is { } s ? current == s ? ApprovalState.Approved : ApprovalState.ChangedSinceApproval
        : file is { } f ? current == f ? ApprovalState.RecordedInFile : ApprovalState.ChangedSinceApproval
        : current.IsEmpty ? ApprovalState.NoObjectives : ApprovalState.NotApproved;

    /// <summary>The state of a function's objectives as its plan document states them.</summary>
    public static ApprovalState Of(PlanFiles.RecoveryObjectives? objectives) => objectives is null
        ? ApprovalState.NoObjectives
        : Of(new ObjectiveValues(objectives.Mtpd?.Minutes, objectives.Rto?.Minutes, objectives.Rpo?.Minutes),
            objectives.Signed is { } signed ? new ObjectiveValues(signed.Mtpd?.Minutes, signed.Rto?.Minutes, signed.Rpo?.Minutes) : null,
            objectives.Approved is { } approved ? new ObjectiveValues(approved.Mtpd?.Minutes, approved.Rto?.Minutes, approved.Rpo?.Minutes) : null);

    /// <summary>Whether the plan checks count the objectives as approved: signed, or approved in a file.</summary>
    public static bool CountsAsApproved(this ApprovalState state) => state is ApprovalState.Approved or ApprovalState.RecordedInFile;

    /// <summary>In words, lower case, as lists filter and sort by it.</summary>
    public static string Words(this ApprovalState state) => state switch
    {
        ApprovalState.Approved => "approved",
        ApprovalState.RecordedInFile => "recorded in a file",
        ApprovalState.ChangedSinceApproval => "changed since approval",
        ApprovalState.NotApproved => "not approved",
        _ => "no objectives",
    };
}
