using System.Globalization;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Governance;
using Continuity.PlanFiles;
using Continuity.Revisions;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Functions;

/// <summary>Management's signed approval of one function's recovery objectives (ADR 010): the values
/// approved, who (an approver, re-authenticated) and when. Written once in the application's own
/// table — never in plan documents, so no import can create or change it; the database refuses to
/// change or delete it. The newest row of a function is its signed approval.</summary>
public sealed class ObjectiveApproval
{
    public const int StatementMaxLength = 2000;

    private ObjectiveApproval()
    {
    }

    internal ObjectiveApproval(string function, ObjectiveValues values, string approvedBy, string? statement, string method, long revision, DateTime approvedUtc)
    {
        Function = function;
        (MtpdMinutes, RtoMinutes, RpoMinutes) = (values.Mtpd, values.Rto, values.Rpo);
        ApprovedBy = approvedBy;
        Statement = statement;
        Method = method;
        Revision = revision;
        ApprovedUtc = approvedUtc;
    }

    public long Id { get; private set; }

    /// <summary>The business function's name.</summary>
    public string Function { get; private set; } = "";

    public int? MtpdMinutes { get; private set; }

    public int? RtoMinutes { get; private set; }

    public int? RpoMinutes { get; private set; }

    /// <summary>The approver's sign-in e-mail address.</summary>
    public string ApprovedBy { get; private set; } = "";

    public string? Statement { get; private set; }

    /// <summary><c>password</c> or <c>authenticator</c>: what the approver re-entered.</summary>
    public string Method { get; private set; } = "";

    /// <summary>The plan revision the approval made (signing changes what the plan's checks say).</summary>
    public long Revision { get; private set; }

    public DateTime ApprovedUtc { get; private set; }

    public ObjectiveValues Values => new(MtpdMinutes, RtoMinutes, RpoMinutes);
}

/// <summary>Signs recovery objectives and lays the signatures over plan documents read from the
/// database: each function's newest signed approval becomes its <c>objectives.signed</c>, which the
/// approval state, the checks (CT104, CT105), the pages, versions and export read. Documents coming
/// in (import, forms, the API) lose any <c>signed</c> they carry.</summary>
public sealed class ObjectiveApprovals(ContinuityDb db, UserAccounts accounts, TimeProvider clock)
{
    /// <summary>Every signed approval of a function (all functions: null), newest first.</summary>
    public async Task<IReadOnlyList<ObjectiveApproval>> HistoryAsync(string? function, CancellationToken cancellationToken) =>
        await db.ObjectiveApprovals.AsNoTracking()
            .Where(a => function == null || a.Function == function)
            .OrderByDescending(a => a.Id)
            .ToListAsync(cancellationToken);

    /// <summary>Signs the objectives of these functions as the database holds them now. The approver
    /// holds the approver access role and re-enters their password or authenticator code;
    /// <paramref name="seenRevision"/> is the plan revision the approver looked at — if the plan
    /// changed since, nothing is signed (they would sign values they have not seen). One
    /// transaction: the approvals, a new plan revision and one audit entry per function.</summary>
    /// <returns>The plan revision the approvals made.</returns>
    public async Task<long> ApproveAsync(Actor actor, UserAccess access, IReadOnlyCollection<string> functions, long seenRevision,
        string? statement, string? secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(functions);
        if (!access.Holds(AccessRole.Approver))
        {
            throw new GovernanceRefusedException("Only users with the approver access role (management) approve recovery objectives.");
        }
        statement = string.IsNullOrWhiteSpace(statement) ? null : statement.Trim();
        var names = functions.Select(f => f.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var errors = new List<FieldError>();
        if (names.Count == 0)
        {
            errors.Add(new FieldError("functions", "Choose the functions whose objectives you approve."));
        }
        if (statement?.Length > ObjectiveApproval.StatementMaxLength)
        {
            errors.Add(new FieldError("statement", $"The statement is {statement.Length} characters long; keep it to {ObjectiveApproval.StatementMaxLength}."));
        }
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
        var method = await accounts.ConfirmIdentityAsync(access.UserId, secret)
            ?? throw new GovernanceRefusedException(
                "Approving needs your password (or, with two-factor sign-in, a current code from your authenticator app) re-entered; what was entered is not right.", "password");

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.PlanRevision.Where(r => r.Id == PlanRevision.SingletonId && r.Number == seenRevision)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Number, r => r.Number + 1).SetProperty(r => r.ChangedUtc, now), cancellationToken) == 0)
        {
            throw new PlanConflictException(
                $"The plan changed since you opened it (revision {seenRevision}, now {await PlanRevision.CurrentAsync(db, cancellationToken)}): nothing was approved. Look at the objectives again and approve what you see.");
        }
        var revision = seenRevision + 1;
        var rows = await db.Functions.AsNoTracking().Where(f => names.Contains(f.Name))
            .Select(f => new { f.Name, f.MtpdMinutes, f.RtoMinutes, f.RpoMinutes })
            .ToListAsync(cancellationToken);
        var missing = names.Except(rows.Select(r => r.Name), StringComparer.Ordinal).ToList();
        var empty = rows.Where(r => r.MtpdMinutes is null && r.RtoMinutes is null && r.RpoMinutes is null).Select(r => r.Name).ToList();
        if (missing.Count > 0 || empty.Count > 0)
        {
            throw new PlanValidationException([.. missing.Select(m => new FieldError("functions", $"The plan has no business function '{m}'.")),
                .. empty.Select(e => new FieldError("functions", $"Function {e} states no MTPD, RTO or RPO: there is nothing to approve."))]);
        }
        var records = new List<AuditRecord>();
        foreach (var row in rows.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var values = new ObjectiveValues(row.MtpdMinutes, row.RtoMinutes, row.RpoMinutes);
            db.ObjectiveApprovals.Add(new ObjectiveApproval(row.Name, values, actor.Name, statement, method, revision, now));
            records.Add(new AuditRecord(actor.Name, actor.Channel, "objectives.approved", $"function:{row.Name}", revision,
            [
                new FieldChange("mtpd", null, Minutes(values.Mtpd)),
                new FieldChange("rto", null, Minutes(values.Rto)),
                new FieldChange("rpo", null, Minutes(values.Rpo)),
                new FieldChange("method", null, $"\"{method}\""),
            ]));
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.AppendAsync(db, now, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revision;
    }

    private static string? Minutes(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Lays each function's newest signed approval over its document (<c>objectives.signed</c>).</summary>
    public static async Task OverlayAsync(ContinuityDb db, IEnumerable<PlanDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = new Dictionary<string, ObjectiveApproval>(StringComparer.Ordinal);
        foreach (var approval in await db.ObjectiveApprovals.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken))
        {
            latest[approval.Function] = approval;
        }
        if (latest.Count == 0)
        {
            return;
        }
        foreach (var document in documents)
        {
            if (document.Spec is BusinessFunctionSpec spec && latest.TryGetValue(document.Name, out var approval))
            {
                (spec.Objectives ??= new RecoveryObjectives()).Signed = new SignedObjectives
                {
                    By = approval.ApprovedBy,
                    On = DateOnly.FromDateTime(approval.ApprovedUtc),
                    Mtpd = Duration(approval.MtpdMinutes),
                    Rto = Duration(approval.RtoMinutes),
                    Rpo = Duration(approval.RpoMinutes),
                };
            }
        }
    }

    private static Duration? Duration(int? minutes) => minutes is { } m ? new Duration(m) : null;

    /// <summary>Removes the signed approvals a document coming in carries: only Continuity writes them.</summary>
    public static void Strip(IEnumerable<PlanDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            if (document.Spec is BusinessFunctionSpec { Objectives: { Signed: not null } objectives })
            {
                objectives.Signed = null;
            }
        }
    }
}
