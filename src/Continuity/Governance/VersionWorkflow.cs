using System.Globalization;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>Someone may not do this to a version (not an approver, their own submission, not a
/// reviewer of it), or could not prove who they are when signing. <see cref="Field"/> names the
/// input at fault when there is one (<c>password</c>).</summary>
public sealed class GovernanceRefusedException : Exception
{
    public GovernanceRefusedException(string message, string? field = null)
        : base(message) => Field = field;

    public GovernanceRefusedException()
    {
    }

    public GovernanceRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? Field { get; }
}

/// <summary>A version with everything its review and sign-off recorded, and who may still sign it.</summary>
public sealed record VersionWorkflowState(
    PlanVersion Version,
    IReadOnlyList<VersionReviewer> Reviewers,
    IReadOnlyList<VersionComment> Comments,
    IReadOnlyList<VersionSignOff> SignOffs,
    int Quorum,
    IReadOnlyList<UserSummary> Approvers)
{
    public int Approvals => SignOffs.Count(s => s.Decision == SignOffDecision.Approve);

    /// <summary>The approvers who may sign this version: the pool without its submitter.</summary>
    public IReadOnlyList<UserSummary> EligibleApprovers =>
        [.. Approvers.Where(a => !VersionWorkflow.SameUser(a.Email, Version.SubmittedBy))];

    /// <summary>Whether enough eligible approvers exist to reach the quorum at all.</summary>
    public bool QuorumReachable => EligibleApprovers.Count >= Quorum;

    /// <summary>Eligible approvers who have not signed yet.</summary>
    public IEnumerable<UserSummary> OutstandingApprovers =>
        EligibleApprovers.Where(a => !SignOffs.Any(s => VersionWorkflow.SameUser(s.Approver, a.Email)));

    public PlanScope Scope => PlanScope.TryParse(Version.Scope, out var scope) ? scope : PlanScope.Organisation;

    // What a user may do with the version now: the rules the workflow's steps apply, asked by the
    // version page to decide which forms it shows.

    public bool MayNameReviewers(UserAccess access, string user) =>
        VersionWorkflow.ReviewersCanBeNamed(Version, SignOffs.Count) && VersionWorkflow.NamesReviewers(Version, access, user);

    public bool MayComment(UserAccess access, string user) =>
        Version.IsOpen && VersionWorkflow.TakesPart(Version, Reviewers.Select(r => r.Reviewer), access, Scope, user);

    public bool MayConclude(string user) => VersionWorkflow.ConcludesReview(Version, Reviewers, user);

    /// <summary>Why the user cannot sign the version now, or null when they can.</summary>
    public Exception? WhyNotSign(UserAccess access, string user) => VersionWorkflow.WhyNotSign(Version, SignOffs, access, Scope, user);
}

/// <summary>The review and sign-off of plan versions (ADR 010): reviewers named by the submitter or
/// a continuity manager comment per section and either find the version ready or request changes;
/// approvers sign it off after re-entering their password or authenticator code; the quorum of
/// approvals approves it, one rejection or one request for changes returns it. Every step is one
/// transaction with its audit entry.</summary>
public sealed class VersionWorkflow(ContinuityDb db, AppSettings settings, UserAccounts accounts, TimeProvider clock)
{
    public static bool SameUser(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Approvers of a scope: the consolidated plan is signed by management (the approver
    /// access role); a team plan by an approver or a continuity manager.</summary>
    public static bool MayApprove(UserAccess access, PlanScope scope)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(scope);
        return access.Holds(AccessRole.Approver) || (!scope.IsOrganisation && access.Holds(AccessRole.ContinuityManager));
    }

    /// <summary>Who names a version's reviewers: its submitter or a continuity manager.</summary>
    public static bool NamesReviewers(PlanVersion version, UserAccess access, string user)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(access);
        return SameUser(version.SubmittedBy, user) || access.Holds(AccessRole.ContinuityManager);
    }

    /// <summary>Reviewers are named while the version is open and nobody has signed it yet.</summary>
    public static bool ReviewersCanBeNamed(PlanVersion version, int signOffs)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.IsOpen && signOffs == 0;
    }

    /// <summary>Who takes part in a version's review and comments on it: its reviewers, its
    /// submitter, a continuity manager or an approver of its scope.</summary>
    public static bool TakesPart(PlanVersion version, IEnumerable<string> reviewers, UserAccess access, PlanScope scope, string user)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(reviewers);
        return NamesReviewers(version, access, user) || MayApprove(access, scope) || reviewers.Any(r => SameUser(r, user));
    }

    /// <summary>A named reviewer gives their verdict once, while the version is in review.</summary>
    public static bool ConcludesReview(PlanVersion version, IEnumerable<VersionReviewer> reviewers, string user)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(reviewers);
        return version.State == VersionState.InReview && reviewers.Any(r => SameUser(r.Reviewer, user) && r.Verdict is null);
    }

    /// <summary>Why <paramref name="user"/> cannot sign <paramref name="version"/> now, or null when
    /// they can: not an approver of the scope or its submitter (refused); signed already, or not
    /// waiting for sign-off (a conflict).</summary>
    public static Exception? WhyNotSign(PlanVersion version, IReadOnlyList<VersionSignOff> signOffs, UserAccess access, PlanScope scope, string user)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(signOffs);
        if (!MayApprove(access, scope))
        {
            return new GovernanceRefusedException(scope.IsOrganisation
                ? "Only users with the approver access role sign off the consolidated plan."
                : "Only an approver or a continuity manager signs off a team plan.");
        }
        if (SameUser(version.SubmittedBy, user))
        {
            return new GovernanceRefusedException($"You submitted {version.Label}: another approver must sign it off.");
        }
        if (signOffs.FirstOrDefault(s => SameUser(s.Approver, user)) is { } mine)
        {
            return new PlanConflictException($"You already signed {version.Label} on {mine.SignedUtc:yyyy-MM-dd HH:mm} UTC.");
        }
        if (version.State != VersionState.PendingApproval)
        {
            return new PlanConflictException(version.State == VersionState.InReview
                ? $"{version.Label} is still in review: it waits for sign-off once every reviewer has found it ready."
                : $"{version.Label} is {StateWords(version.State)}: there is nothing to sign.");
        }
        return null;
    }

    public async Task<VersionWorkflowState?> GetAsync(PlanScope scope, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var name = scope.ToString();
        var version = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Scope == name && v.Number == number, cancellationToken);
        return version is null ? null : await StateOfAsync(version, cancellationToken);
    }

    private async Task<VersionWorkflowState> StateOfAsync(PlanVersion version, CancellationToken cancellationToken)
    {
        var reviewers = await db.VersionReviewers.AsNoTracking().Where(r => r.VersionId == version.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var comments = await db.VersionComments.AsNoTracking().Where(c => c.VersionId == version.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var signOffs = await db.VersionSignOffs.AsNoTracking().Where(s => s.VersionId == version.Id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var scope = PlanScope.TryParse(version.Scope, out var parsed) ? parsed : PlanScope.Organisation;
        var quorum = scope.IsOrganisation ? (await settings.GetAsync(cancellationToken)).ApprovalQuorum : 1;
        var approvers = (await Users.EnabledAsync(db, cancellationToken)).Where(u => MayApprove(u.Access, scope)).ToList();
        return new VersionWorkflowState(version, reviewers, comments, signOffs, quorum, approvers);
    }

    /// <summary>Names more reviewers of a version in review (or waiting for sign-off with no
    /// sign-off yet, which puts it back in review). Only its submitter or a continuity manager names them.</summary>
    public async Task NameReviewersAsync(Actor actor, UserAccess access, PlanScope scope, int number, IReadOnlyCollection<string> reviewers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(access);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await LockAsync(scope, number, cancellationToken);
        if (!NamesReviewers(version, access, actor.Name))
        {
            throw new GovernanceRefusedException($"Only the submitter of {version.Label} ({version.SubmittedBy}) or a continuity manager names its reviewers.");
        }
        if (!ReviewersCanBeNamed(version, await db.VersionSignOffs.CountAsync(s => s.VersionId == version.Id, cancellationToken)))
        {
            throw new PlanConflictException($"{version.Label} is {StateWords(version.State)}{(version.IsOpen ? " and already has sign-offs" : "")}: reviewers can no longer be named.");
        }
        var now = Now;
        var added = await AddReviewersAsync(db, version, reviewers, actor, now, cancellationToken);
        if (added.Count == 0)
        {
            throw new PlanValidationException([new FieldError("reviewers", "Name at least one user who is not yet a reviewer of this version.")]);
        }
        version.MoveTo(VersionState.InReview, version.State == VersionState.InReview ? version.StateChangedUtc : now);
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, [.. added.Select(r => Record(actor, "plan.version.reviewer-named", version, new FieldChange("reviewer", null, r)))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Adds reviewers (users who can read the plan, other than the submitter) to a version
    /// being written in the caller's transaction; returns the e-mail addresses added.</summary>
    internal static async Task<List<string>> AddReviewersAsync(ContinuityDb db, PlanVersion version, IReadOnlyCollection<string> reviewers, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var wanted = reviewers.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var users = await Users.EnabledAsync(db, cancellationToken);
        var existing = version.Id == 0 ? [] : await db.VersionReviewers.Where(r => r.VersionId == version.Id).Select(r => r.Reviewer).ToListAsync(cancellationToken);
        var errors = new List<FieldError>();
        var added = new List<string>();
        foreach (var email in wanted)
        {
            var user = users.FirstOrDefault(u => SameUser(u.Email, email));
            if (user is null || !user.Access.CanReadPlan)
            {
                errors.Add(new FieldError("reviewers", $"{email} is not a user who can read the plan; name users by their sign-in e-mail address."));
            }
            else if (SameUser(user.Email, version.SubmittedBy))
            {
                errors.Add(new FieldError("reviewers", $"{email} submitted {version.Label}; name someone else to review it."));
            }
            else if (!existing.Any(e => SameUser(e, user.Email)))
            {
                added.Add(user.Email);
            }
        }
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
        foreach (var email in added)
        {
            db.VersionReviewers.Add(new VersionReviewer(version.Id, email, actor.Name, now));
        }
        return added;
    }

    /// <summary>A comment on one section of an open version, by a reviewer, its submitter, a
    /// continuity manager or an approver of the scope.</summary>
    public async Task CommentAsync(Actor actor, UserAccess access, PlanScope scope, int number, string? section, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(access);
        var (key, body) = CheckComment(section, text, required: true);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await LockAsync(scope, number, cancellationToken);
        if (!await TakesPartAsync(version, actor, access, scope, cancellationToken))
        {
            throw new GovernanceRefusedException($"Only the reviewers of {version.Label}, its submitter, a continuity manager or an approver comment on it.");
        }
        if (!version.IsOpen)
        {
            throw new PlanConflictException($"{version.Label} is {StateWords(version.State)}: its review is closed. Comment on the next version.");
        }
        var now = Now;
        db.VersionComments.Add(new VersionComment(version.Id, actor.Name, key!, body!, now));
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, Record(actor, "plan.version.commented", version, new FieldChange("section", null, key)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A named reviewer's verdict: ready (when every reviewer is, the version waits for
    /// sign-off) or changes requested with a comment saying which (the version is returned).</summary>
    public async Task<VersionState> ConcludeReviewAsync(Actor actor, PlanScope scope, int number, ReviewVerdict verdict, string? section, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (key, body) = CheckComment(section, text, required: verdict == ReviewVerdict.ChangesRequested);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await LockAsync(scope, number, cancellationToken);
        var reviewers = await db.VersionReviewers.Where(r => r.VersionId == version.Id).ToListAsync(cancellationToken);
        var mine = reviewers.FirstOrDefault(r => SameUser(r.Reviewer, actor.Name));
        if (mine is null || !ConcludesReview(version, reviewers, actor.Name))
        {
            throw mine is null
                ? new GovernanceRefusedException($"You are not a reviewer of {version.Label}; its submitter or a continuity manager names reviewers.")
                : version.State != VersionState.InReview
                    ? new PlanConflictException($"{version.Label} is {StateWords(version.State)}: its review is over.")
                    : new PlanConflictException($"You already {(mine.Verdict == ReviewVerdict.Reviewed ? "found it ready" : "requested changes")} on {mine.VerdictUtc:yyyy-MM-dd HH:mm} UTC.");
        }
        var now = Now;
        mine.Conclude(verdict, now);
        if (body is not null)
        {
            db.VersionComments.Add(new VersionComment(version.Id, actor.Name, key!, body, now));
        }
        var records = new List<AuditRecord>
        {
            Record(actor, verdict == ReviewVerdict.Reviewed ? "plan.version.reviewed" : "plan.version.changes-requested", version),
        };
        if (verdict == ReviewVerdict.ChangesRequested)
        {
            version.MoveTo(VersionState.Returned, now);
            records.Add(Record(actor, "plan.version.returned", version, new FieldChange("state", "\"in-review\"", "\"returned\"")));
        }
        else if (reviewers.All(r => r.Verdict == ReviewVerdict.Reviewed))
        {
            version.MoveTo(VersionState.PendingApproval, now);
            records.Add(Record(actor, "plan.version.review-complete", version, new FieldChange("state", "\"in-review\"", "\"pending-approval\"")));
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version.State;
    }

    /// <summary>What an approver asks to sign.</summary>
    public sealed record SignRequest(SignOffDecision Decision, string? Statement, string? Justification, string? Secret);

    /// <summary>Records an approver's sign-off. The approver re-enters their password or
    /// authenticator code in the same request; nobody signs what they submitted or signs twice; an
    /// approval of a version with open error findings needs a justification. The quorum of
    /// approvals approves the version (locked), one rejection returns it.</summary>
    public async Task<VersionSignOff> SignAsync(Actor actor, UserAccess access, PlanScope scope, int number, SignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(request);
        var current = await GetAsync(scope, number, cancellationToken) ?? throw new ElementNotFoundException($"{scope}@{number}");
        var version = current.Version;
        if (WhyNotSign(version, current.SignOffs, access, scope, actor.Name) is { } refused)
        {
            throw refused;
        }
        var statement = request.Statement?.Trim();
        var justification = string.IsNullOrWhiteSpace(request.Justification) ? null : request.Justification.Trim();
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(statement))
        {
            errors.Add(new FieldError("statement", request.Decision == SignOffDecision.Approve
                ? "Write the statement you sign, e.g. \"I have reviewed this plan and approve it.\""
                : "Say why you reject it: the submitter reads this to fix the plan."));
        }
        else if (statement.Length > VersionSignOff.StatementMaxLength)
        {
            errors.Add(new FieldError("statement", $"The statement is {statement.Length} characters long; keep it to {VersionSignOff.StatementMaxLength}."));
        }
        var openErrors = version.OpenErrorList;
        if (request.Decision == SignOffDecision.Approve && openErrors.Count > 0 && justification is null)
        {
            errors.Add(new FieldError("justification",
                $"{version.Label} had {openErrors.Count} unwaived error finding(s) when it was submitted; approving it anyway needs a written justification (or waive or fix them and submit again)."));
        }
        if (justification?.Length > VersionSignOff.JustificationMaxLength)
        {
            errors.Add(new FieldError("justification", $"The justification is {justification.Length} characters long; keep it to {VersionSignOff.JustificationMaxLength}."));
        }
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
        var method = await accounts.ConfirmIdentityAsync(access.UserId, request.Secret)
            ?? throw new GovernanceRefusedException(
                "Signing needs your password (or, with two-factor sign-in, a current code from your authenticator app) re-entered; what was entered is not right. " +
                $"After {UserAccounts.MaxFailedSignIns} wrong attempts the account is locked for {UserAccounts.LockoutDuration.TotalMinutes:0} minutes.", "password");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await LockAsync(scope, number, cancellationToken);
        var signOffs = await db.VersionSignOffs.AsNoTracking().Where(s => s.VersionId == locked.Id).ToListAsync(cancellationToken);
        if (WhyNotSign(locked, signOffs, access, scope, actor.Name) is { } changed)
        {
            throw changed;                              // someone signed or returned it meanwhile
        }
        var head = await db.AuditHead.AsNoTracking().SingleAsync(h => h.Id == AuditHead.SingletonId, cancellationToken);
        var now = Now;
        var signOff = new VersionSignOff(locked.Id, actor.Name, request.Decision, statement!, justification, locked.ContentHash, head.Sequence, head.Hash, method, now);
        db.VersionSignOffs.Add(signOff);
        var records = new List<AuditRecord>
        {
            Record(actor, request.Decision == SignOffDecision.Approve ? "plan.version.signed" : "plan.version.rejected", locked,
                new FieldChange("contentHash", null, $"\"{locked.ContentHash}\""), new FieldChange("method", null, $"\"{method}\"")),
        };
        var approvals = signOffs.Count(s => s.Decision == SignOffDecision.Approve) + (request.Decision == SignOffDecision.Approve ? 1 : 0);
        if (request.Decision == SignOffDecision.Reject)
        {
            locked.MoveTo(VersionState.Returned, now);
            records.Add(Record(actor, "plan.version.returned", locked, new FieldChange("state", "\"pending-approval\"", "\"returned\"")));
        }
        else if (approvals >= current.Quorum)
        {
            locked.MoveTo(VersionState.Approved, now);
            records.Add(Record(actor, "plan.version.approved", locked, new FieldChange("state", "\"pending-approval\"", "\"approved\""),
                new FieldChange("approvals", null, approvals.ToString(CultureInfo.InvariantCulture))));
            Webhooks.Raise(db, Webhooks.Approved, $"{scope.Title[..1].ToUpperInvariant()}{scope.Title[1..]} was approved as {locked.Label} ({approvals} sign-offs, the last by {actor.Name}).",
                Webhooks.VersionData(locked, new { approvals, approvers = signOffs.Where(s => s.Decision == SignOffDecision.Approve).Select(s => s.Approver).Append(actor.Name) }), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return signOff;
    }

    private async Task<bool> TakesPartAsync(PlanVersion version, Actor actor, UserAccess access, PlanScope scope, CancellationToken cancellationToken) =>
        TakesPart(version, await db.VersionReviewers.Where(r => r.VersionId == version.Id).Select(r => r.Reviewer).ToListAsync(cancellationToken), access, scope, actor.Name);

    private static (string? Section, string? Text) CheckComment(string? section, string? text, bool required)
    {
        var body = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var errors = new List<FieldError>();
        if (body is null && required)
        {
            errors.Add(new FieldError("text", "Write the comment: what should change, and where."));
        }
        if (body?.Length > VersionComment.TextMaxLength)
        {
            errors.Add(new FieldError("text", $"The comment is {body.Length} characters long; keep it to {VersionComment.TextMaxLength}."));
        }
        var key = section is null || section.Length == 0 ? "general" : section.Trim();
        if (PlanSections.Find(key) is null)
        {
            errors.Add(new FieldError("section", $"There is no section '{section}'. Sections: {PlanSections.Choices}."));
        }
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
        return (key, body);
    }

    /// <summary>The version, tracked, with its row locked for the rest of the transaction (an
    /// update that changes nothing: PostgreSQL's row lock, SQLite's write lock), so two sign-offs
    /// or a sign-off and a review are applied one after the other.</summary>
    private async Task<PlanVersion> LockAsync(PlanScope scope, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var name = scope.ToString();
        await db.PlanVersions.Where(v => v.Scope == name && v.Number == number)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.StateChangedUtc, v => v.StateChangedUtc), cancellationToken);
        return await db.PlanVersions.SingleOrDefaultAsync(v => v.Scope == name && v.Number == number, cancellationToken)
            ?? throw new ElementNotFoundException($"{name}@{number}");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static AuditRecord Record(Actor actor, string action, PlanVersion version, params FieldChange[] changes) =>
        new(actor.Name, actor.Channel, action, version.Label, version.Revision, changes);

    /// <summary>A state in words: "in review", "pending approval" ….</summary>
    public static string StateWords(VersionState state) => state switch
    {
        VersionState.InReview => "in review",
        VersionState.PendingApproval => "pending approval",
        VersionState.Approved => "approved",
        VersionState.Published => "published",
        VersionState.Superseded => "superseded",
        _ => "returned",
    };
}
