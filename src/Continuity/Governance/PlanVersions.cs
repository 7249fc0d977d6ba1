using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Store;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Governance;

/// <summary>A version without its snapshot, as lists show it.</summary>
public sealed record VersionSummary(
    string Scope, int Number, long Revision, string ContentHash, int Elements, VersionState State,
    string SubmittedBy, DateTime SubmittedUtc, string? Note)
{
    public string Label => $"{Scope}@{Number}";
}

/// <summary>A scope's draft (the live plan) beside its latest version: whether it has changed since.</summary>
public sealed record DraftStatus(PlanScope Scope, long Revision, VersionSnapshot Snapshot, VersionSummary? Latest)
{
    public bool HasChanges => Latest is null || Latest.ContentHash != Snapshot.Hash;
}

/// <summary>What changed from one version of a scope to another, or to the plan as it is now.</summary>
public sealed record VersionComparison(string From, string To, IReadOnlyList<PlanElementChange> Changes);

/// <summary>The versions of the plan's scopes (ADR 010): list them, read one, compare the live
/// draft with the latest, and submit the draft as a new version. Submitting is one transaction
/// that writes the version and its audit entry.</summary>
public sealed class PlanVersions(ContinuityDb db, TimeProvider clock)
{
    public async Task<List<VersionSummary>> ListAsync(PlanScope? scope, CancellationToken cancellationToken)
    {
        var name = scope?.ToString();
        return await db.PlanVersions.AsNoTracking()
            .Where(v => name == null || v.Scope == name)
            .OrderBy(v => v.Scope).ThenByDescending(v => v.Number)
            .Select(v => new VersionSummary(v.Scope, v.Number, v.Revision, v.ContentHash, v.Elements, v.State, v.SubmittedBy, v.SubmittedUtc, v.Note))
            .ToListAsync(cancellationToken);     // projected in SQL: the snapshots stay in the database
    }

    /// <summary>The version with its snapshot, or null.</summary>
    public Task<PlanVersion?> FindAsync(PlanScope scope, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var name = scope.ToString();
        return db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Scope == name && v.Number == number, cancellationToken);
    }

    /// <summary>The live plan of the scope as a snapshot, and the latest version to compare it with.</summary>
    /// <exception cref="PlanValidationException">The scope names a team the plan does not have.</exception>
    public async Task<DraftStatus> DraftAsync(PlanScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (plan, revision) = await PlanExport.LoadWithRevisionAsync(db, cancellationToken);
        CheckScope(plan, scope);
        return new DraftStatus(scope, revision, VersionSnapshot.Of(plan, scope), await LatestAsync(scope, cancellationToken));
    }

    /// <summary>The semantic diff from version <paramref name="from"/> to version <paramref name="to"/>
    /// of the scope, or to its draft (the plan as it is now) when <paramref name="to"/> is null: the
    /// one resolution the API, the command line and the version page share.</summary>
    /// <exception cref="PlanValidationException">No such version (field <c>from</c> or <c>to</c>), or
    /// for the draft a team the plan no longer has (field <c>scope</c>).</exception>
    public async Task<VersionComparison> CompareAsync(PlanScope scope, int from, int? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var before = await FindAsync(scope, from, cancellationToken)
            ?? throw new PlanValidationException([new FieldError("from", $"{scope.Title} has no version {from}.")]);
        if (to is { } number)
        {
            var after = await FindAsync(scope, number, cancellationToken)
                ?? throw new PlanValidationException([new FieldError("to", $"{scope.Title} has no version {number}.")]);
            return new VersionComparison(before.Label, after.Label, PlanDiff.Between(before.Content, after.Content));
        }
        var draft = await DraftAsync(scope, cancellationToken);
        return new VersionComparison(before.Label, $"{scope}@draft", PlanDiff.Between(before.Content, draft.Snapshot.Json));
    }

    /// <summary>The scope's newest version without its snapshot, or null: one indexed query.</summary>
    public Task<VersionSummary?> LatestAsync(PlanScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var name = scope.ToString();
        return db.PlanVersions.AsNoTracking()
            .Where(v => v.Scope == name)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionSummary(v.Scope, v.Number, v.Revision, v.ContentHash, v.Elements, v.State, v.SubmittedBy, v.SubmittedUtc, v.Note))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Freezes the scope's draft into its next version: in review when reviewers are
    /// named, otherwise waiting for sign-off. The unwaived error findings about the scope's elements
    /// are recorded with it (approving it anyway needs a justification). An earlier version of the
    /// scope still in review or waiting for sign-off is returned: the new one replaces it.</summary>
    /// <exception cref="PlanValidationException">The scope names a team the plan does not have, the
    /// note is too long, or a reviewer is not a user who can read the plan.</exception>
    /// <exception cref="PlanConflictException">Nothing changed since the latest version (unless that
    /// one was returned), or another submission took the number meanwhile.</exception>
    public async Task<PlanVersion> SubmitAsync(Actor actor, PlanScope scope, string? note, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? reviewers = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scope);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > PlanVersion.NoteMaxLength)
        {
            throw new PlanValidationException([new FieldError("note", $"The note is {note.Length} characters long; keep it to {PlanVersion.NoteMaxLength}.")]);
        }
        reviewers ??= [];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (plan, revision) = await PlanExport.LoadWithRevisionAsync(db, cancellationToken);
        CheckScope(plan, scope);
        var snapshot = VersionSnapshot.Of(plan, scope);
        var latest = await LatestAsync(scope, cancellationToken);
        if (latest is not null && latest.ContentHash == snapshot.Hash && latest.State != VersionState.Returned)
        {
            throw new PlanConflictException(
                $"Nothing in {scope.Title} changed since version {latest.Label} (content {latest.ContentHash[..12]}…): there is nothing new to submit.", []);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var openErrors = OpenErrors(plan, scope, DateOnly.FromDateTime(now));
        var version = new PlanVersion(scope, (latest?.Number ?? 0) + 1, revision, snapshot, actor.Name, now, note, openErrors,
            inReview: reviewers.Any(r => !string.IsNullOrWhiteSpace(r)));
        var name = scope.ToString();
        var replaced = await db.PlanVersions.Where(v => v.Scope == name && (v.State == VersionState.InReview || v.State == VersionState.PendingApproval))
            .ToListAsync(cancellationToken);
        db.PlanVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            throw new PlanConflictException($"Another version of {scope.Title} was submitted meanwhile; look at the versions and submit again if needed.", e);
        }
        var named = await VersionWorkflow.AddReviewersAsync(db, version, reviewers, actor, now, cancellationToken);
        foreach (var old in replaced)
        {
            old.MoveTo(VersionState.Returned, now);
        }
        Webhooks.Raise(db, Webhooks.Submitted, $"{actor.Name} submitted {scope.Title} as {version.Label} for {(version.State == VersionState.InReview ? "review" : "approval")}.",
            Webhooks.VersionData(version, new { submittedBy = actor.Name, note }), now);
        await db.SaveChangesAsync(cancellationToken);
        var records = new List<AuditRecord>
        {
            new(actor.Name, actor.Channel, "plan.version.submitted", version.Label, revision,
            [
                new FieldChange("contentHash", null, $"\"{version.ContentHash}\""),
                new FieldChange("elements", null, version.Elements.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new FieldChange("openErrors", null, openErrors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]),
        };
        records.AddRange(named.Select(r => VersionWorkflow.Record(actor, "plan.version.reviewer-named", version, new FieldChange("reviewer", null, r))));
        records.AddRange(replaced.Select(old => VersionWorkflow.Record(actor, "plan.version.returned", old,
            new FieldChange("state", null, "\"returned\""), new FieldChange("replacedBy", null, $"\"{version.Label}\""))));
        await AuditLog.AppendAsync(db, now, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    /// <summary>The unwaived error findings about elements of the scope, as the analysis finds them today.</summary>
    private static List<OpenFinding> OpenErrors(Plan plan, PlanScope scope, DateOnly today)
    {
        var result = PlanAnalysis.Run(plan, PlanSnapshot.From(plan), new AnalysisOptions(today));
        var teamOfSystem = ElementTeams.SystemTeamsIn(plan);
        var inScope = plan.Documents.Where(d => scope.Covers(d, teamOfSystem)).Select(d => $"{ElementKinds.Slug(d.Kind)}:{d.Name}").ToHashSet(StringComparer.Ordinal);
        return [.. result.Unwaived
            .Where(f => f.Severity == PlanFiles.Severity.Error && inScope.Contains(f.ElementId))
            .Select(f => new OpenFinding(f.CheckId, f.ElementId, f.Message))];
    }

    private static void CheckScope(Plan plan, PlanScope scope)
    {
        if (scope.Team is { } team && !plan.OfKind(ElementKind.Team).Any(t => t.Name == team))
        {
            throw new PlanValidationException([new FieldError("scope", $"The plan has no team '{team}'. Use 'organisation' or 'team:NAME' with a team of the plan.")]);
        }
    }
}
