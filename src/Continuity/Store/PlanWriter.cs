using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Revisions;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Store;

/// <summary>One element before and after a change; <see cref="Before"/> is null for a new
/// element, <see cref="After"/> for a removed one.</summary>
internal sealed record ElementChange(ElementKind Kind, string Name, PlanDocument? Before, PlanDocument? After)
{
    public string Id => ElementId(Kind, Name);

    public static string ElementId(ElementKind kind, string name) => $"{ElementKinds.Slug(kind)}:{name}";
}

/// <summary>What a change to one element left: the element's new ETag and the plan's revision.</summary>
public sealed record ElementWrite(Guid Version, long Revision);

/// <summary>The one writer of the plan (ADR 005): every change to the plan's content comes through
/// here, as plan documents. Each operation is one transaction that writes the element rows,
/// increments the plan revision, keeps each changed element's content at that revision (element
/// versions) and appends one audit entry per changed element with its fields before → after.
/// Content that does not change writes nothing: no revision, no audit entry.</summary>
public sealed class PlanWriter(ContinuityDb db, TimeProvider clock)
{
    public Task<long> CurrentRevisionAsync(CancellationToken cancellationToken) =>
        PlanRevision.CurrentAsync(db, cancellationToken);

    /// <summary>Creates the element (<paramref name="expectedVersion"/> null) or replaces it
    /// (<paramref name="expectedVersion"/> is the Version the caller read: its ETag). The
    /// document's references are resolved in place against the stored plan. The rules that span the
    /// plan run for this element and for what reads it (<see cref="PlanValidator.ValidateChange"/>),
    /// against the ids of the stored plan: a save reads the element, the ids and the few documents
    /// those rules need, not the whole plan.</summary>
    /// <exception cref="PlanConflictException">The element exists although the caller creates it,
    /// or its Version is not the one expected.</exception>
    /// <exception cref="PlanValidationException">The document breaks the plan's rules.</exception>
    public async Task<ElementWrite> ReplaceElementAsync(Actor actor, PlanDocument document, Guid? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        CheckShape(document);
        Functions.ObjectiveApprovals.Strip([document]);     // only Continuity writes signatures
        Guid? version = null;
        var revision = await CommitAsync(actor, seen: null, dryRun: false, "removed", async () =>
        {
            CheckVersion(document.Kind, document.Name, await VersionAsync(document.Kind, document.Name, cancellationToken), expectedVersion);
            var before = (await PlanExport.LoadOfKindAsync(db, document.Kind, document.Name, cancellationToken)).SingleOrDefault();
            await ValidateChangeAsync(document, before, cancellationToken);
            using var comparer = new CanonicalPlanJson.Comparer();
            return before is not null && comparer.Equal(before, document) ? [] : [new ElementChange(document.Kind, document.Name, before, document)];
        }, async () => version = await VersionAsync(document.Kind, document.Name, cancellationToken), cancellationToken);
        return new ElementWrite(version ?? expectedVersion ?? Guid.Empty, revision);
    }

    /// <summary>Removes the element; what still refers to it is a validation error.</summary>
    /// <exception cref="ElementNotFoundException">There is no such element.</exception>
    public Task<long> RemoveElementAsync(Actor actor, ElementKind kind, string name, Guid expectedVersion, CancellationToken cancellationToken) =>
        RemoveAsync(actor, kind, name, expectedVersion, "removed", cancellationToken);

    /// <summary>Sets a business function's recovery objectives (null: no value).</summary>
    public Task<ElementWrite> ChangeObjectivesAsync(Actor actor, string function, Guid expectedVersion,
        Duration? rto, Duration? rpo, Duration? mtpd, CancellationToken cancellationToken) =>
        ChangeAsync(actor, ElementKind.BusinessFunction, function, expectedVersion, spec =>
        {
            var objectives = ((BusinessFunctionSpec)spec).Objectives ??= new RecoveryObjectives();
            (objectives.Rto, objectives.Rpo, objectives.Mtpd) = (rto, rpo, mtpd);
        }, cancellationToken);

    /// <summary>Makes these people, in succession order, the holders of a role for a team (null:
    /// organisation-wide), adding that assignment when the role has none for the team.</summary>
    public Task<ElementWrite> AssignRoleHolderAsync(Actor actor, string role, Guid expectedVersion, string? team,
        IReadOnlyList<string> holders, CancellationToken cancellationToken) =>
        ChangeAsync(actor, ElementKind.Role, role, expectedVersion, spec =>
        {
            var assignments = ((RoleSpec)spec).Assignments;
            var assignment = assignments.FirstOrDefault(a => a.Team?.Name == team);
            if (assignment is null)
            {
                assignments.Add(assignment = new RoleAssignment { Team = team is null ? null : Reference.To(ElementKind.Team, team) });
            }
            assignment.Holders = [.. holders.Select(person => Reference.To(ElementKind.Person, person))];
        }, cancellationToken);

    /// <summary>Takes a system out of the plan; recorded in the audit log as retired.</summary>
    public Task<long> RetireSystemAsync(Actor actor, string system, Guid expectedVersion, CancellationToken cancellationToken) =>
        RemoveAsync(actor, ElementKind.System, system, expectedVersion, "retired", cancellationToken);

    /// <summary>Applies plan files to the stored plan. Without a base revision (option, or the
    /// organisation's <see cref="PlanRevisionAnnotation.Key"/>) the database ends up holding the
    /// files' plan within the scope. With one, it is a three-way import: an element the app changed
    /// since the base and the files did not keep the app's content; one both changed differently
    /// is a conflict, and nothing is written unless <see cref="ImportOptions.Force"/>. In every case
    /// an import that another writer overtook changes nothing and reports a conflict.</summary>
    /// <exception cref="PlanConflictException">Both sides changed elements, or another writer wrote first.</exception>
    /// <exception cref="PlanValidationException">Within a scope, or merged with the app's changes,
    /// the files do not form a valid plan (a reference to nothing, for example).</exception>
    public async Task<ImportReport> ImportAsync(Actor actor, Plan plan, ImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var (files, annotated) = PlanRevisionAnnotation.Strip(plan);
        Functions.ObjectiveApprovals.Strip(files.Documents);     // only Continuity writes signatures
        PlanImport.CheckNames(files);
        var baseRevision = options.BaseRevision ?? annotated;
        try
        {
            // Read before the plan: the commit only succeeds if nobody wrote since.
            var seen = await CurrentRevisionAsync(cancellationToken);
            var stored = await StoredAsync(cancellationToken);
            var (target, fromFiles) = Target(files, stored, options.Scope);
            KeepLaterContactVerifications(target, stored);

            var changes = new List<ElementChange>();
            var unchanged = new List<(ElementKind Kind, string Name)>();
            using (var comparer = new CanonicalPlanJson.Comparer())
            {
                foreach (var (key, document) in target)
                {
                    if (!stored.TryGetValue(key, out var before))
                    {
                        changes.Add(new ElementChange(key.Kind, key.Name, null, document));
                    }
                    else if (comparer.Equal(before, document))
                    {
                        if (fromFiles.Contains(key))
                        {
                            unchanged.Add(key);
                        }
                    }
                    else
                    {
                        changes.Add(new ElementChange(key.Kind, key.Name, before, document));
                    }
                }
            }
            changes.AddRange(stored.Where(s => !target.ContainsKey(s.Key)).Select(s => new ElementChange(s.Key.Kind, s.Key.Name, s.Value, null)));

            if (baseRevision is { } baseline && changes.Count > 0)
            {
                changes = await ReconcileAsync(changes, target, unchanged, baseline, options.Force, cancellationToken);
            }

            var revision = await CommitAsync(actor, seen, options.DryRun, "removed", () => Task.FromResult<IReadOnlyList<ElementChange>>(changes), null, cancellationToken);
            return Report(changes, unchanged, options.DryRun, revision);
        }
        finally
        {
            db.ChangeTracker.Clear();       // nothing half-imported stays attached to the caller's context
        }
    }

    /// <summary>A person's confirmation of their contact details is operational data (ADR 010): an
    /// import never moves it backwards, so files exported before a confirmation cannot undo it.</summary>
    private static void KeepLaterContactVerifications(Dictionary<(ElementKind Kind, string Name), PlanDocument> target,
        Dictionary<(ElementKind Kind, string Name), PlanDocument> stored)
    {
        foreach (var (key, document) in target)
        {
            if (document.Spec is PersonSpec incoming && stored.TryGetValue(key, out var before) && before.Spec is PersonSpec kept
                && kept.ContactVerified is { } verified && (incoming.ContactVerified is not { } given || given < verified))
            {
                incoming.ContactVerified = verified;
            }
        }
    }

    // The whole plan the database should hold: the files within the scope, the stored plan outside it.
    private static (Dictionary<(ElementKind Kind, string Name), PlanDocument> Target, HashSet<(ElementKind, string)> FromFiles) Target(
        Plan files, Dictionary<(ElementKind Kind, string Name), PlanDocument> stored, ImportScope scope)
    {
        var byKey = files.Documents.ToDictionary(d => (d.Kind, d.Name));
        if (scope.Team is null)
        {
            return (byKey, [.. byKey.Keys]);
        }
        PlanDocument? System(string name) => byKey.GetValueOrDefault((ElementKind.System, name)) ?? stored.GetValueOrDefault((ElementKind.System, name));
        bool Covered((ElementKind, string) key) =>
            (byKey.TryGetValue(key, out var file) && scope.Covers(file, System)) || (stored.TryGetValue(key, out var kept) && scope.Covers(kept, System));

        var target = stored.Where(s => !Covered(s.Key)).ToDictionary();
        var fromFiles = new HashSet<(ElementKind, string)>();
        foreach (var (key, document) in byKey.Where(f => Covered(f.Key)))
        {
            target[key] = document;
            fromFiles.Add(key);
        }
        Validate(target.Values);        // also resolves the files' references to elements outside the folder
        return (target, fromFiles);
    }

    /// <summary>The three-way part of an import: each element the files and the database hold
    /// differently is compared with its content at the base revision.</summary>
    private async Task<List<ElementChange>> ReconcileAsync(List<ElementChange> changes,
        Dictionary<(ElementKind Kind, string Name), PlanDocument> target, List<(ElementKind, string)> unchanged,
        long baseRevision, bool force, CancellationToken ct)
    {
        var bases = await BaseDocumentsAsync(changes, baseRevision, ct);
        var kept = new List<ElementChange>(changes.Count);
        var conflicts = new List<ElementConflict>();
        var appKept = false;
        foreach (var change in changes)
        {
            if (!bases.TryGetValue((change.Kind, change.Name), out var baseline))
            {
                kept.Add(change);               // no history: as if the app had not changed it
                continue;
            }
            var storedJson = change.Before is null ? null : CanonicalPlanJson.Of(change.Before);
            var filesJson = change.After is null ? null : CanonicalPlanJson.Of(change.After);
            var appChanged = storedJson != baseline;
            var filesChanged = filesJson != baseline;
            if (!appChanged || (filesChanged && force))
            {
                kept.Add(change);
            }
            else if (!filesChanged)
            {
                // The app's change stays; the files only still carry the old content.
                appKept = true;
                unchanged.Add((change.Kind, change.Name));
                if (change.Before is null)
                {
                    target.Remove((change.Kind, change.Name));
                }
                else
                {
                    target[(change.Kind, change.Name)] = change.Before;
                }
            }
            else
            {
                var inFiles = FieldDiff.Fields(baseline, filesJson).ToHashSet();
                var inApp = FieldDiff.Fields(baseline, storedJson).ToHashSet();
                var both = inFiles.Intersect(inApp).ToList();
                conflicts.Add(new ElementConflict(change.Id, [.. (both.Count > 0 ? both : inFiles.Union(inApp)).Order(StringComparer.Ordinal)]));
            }
        }
        if (conflicts.Count > 0)
        {
            throw new PlanConflictException(
                $"{conflicts.Count} element(s) changed both in the files and in the app since revision {baseRevision}, when the files were exported. Nothing was changed.",
                [.. conflicts.OrderBy(c => c.Element, StringComparer.Ordinal)]);
        }
        if (appKept)
        {
            Validate(target.Values);        // the app's changes and the files' must still make one valid plan
        }
        return kept;
    }

    // Each element's canonical JSON at the base revision (null: it did not exist then); elements
    // with no version at all are left out: their history is unknown.
    private async Task<Dictionary<(ElementKind, string), string?>> BaseDocumentsAsync(List<ElementChange> changes, long baseRevision, CancellationToken ct)
    {
        var bases = new Dictionary<(ElementKind, string), string?>();
        foreach (var kind in changes.GroupBy(c => c.Kind))
        {
            foreach (var names in kind.Select(c => c.Name).Chunk(PlanImport.NamesPerStatement))
            {
                var versions = await db.ElementVersions.AsNoTracking()
                    .Where(v => v.Kind == kind.Key && names.Contains(v.Name))
                    .Select(v => new { v.Name, v.Revision, v.Document })
                    .ToListAsync(ct);
                foreach (var element in versions.GroupBy(v => v.Name))
                {
                    bases[(kind.Key, element.Key)] = element.Where(v => v.Revision <= baseRevision).MaxBy(v => v.Revision)?.Document;
                }
            }
        }
        return bases;
    }

    private static ImportReport Report(List<ElementChange> changes, List<(ElementKind Kind, string Name)> unchanged, bool dryRun, long revision)
    {
        static List<string> Ids(ElementKind kind, IEnumerable<string> names) =>
            [.. names.Order(StringComparer.Ordinal).Select(name => ElementChange.ElementId(kind, name))];

        var byKind = changes.ToLookup(c => c.Kind);
        var unchangedByKind = unchanged.ToLookup(u => u.Kind, u => u.Name);
        return new ImportReport(dryRun, [
            .. Enum.GetValues<ElementKind>()
                .Where(kind => byKind[kind].Any() || unchangedByKind[kind].Any())
                .Select(kind => new KindChanges(
                    kind,
                    Ids(kind, byKind[kind].Where(c => c.Before is null).Select(c => c.Name)),
                    Ids(kind, byKind[kind].Where(c => c is { Before: not null, After: not null }).Select(c => c.Name)),
                    Ids(kind, byKind[kind].Where(c => c.After is null).Select(c => c.Name)),
                    Ids(kind, unchangedByKind[kind]))),
        ])
        { Revision = revision };
    }

    /// <summary>Removing reads the whole plan: anything may refer to the element. What still does
    /// is refused by name and field, before the plan's other rules are run.</summary>
    private async Task<long> RemoveAsync(Actor actor, ElementKind kind, string name, Guid expectedVersion, string action, CancellationToken ct) =>
        await CommitAsync(actor, seen: null, dryRun: false, action, async () =>
        {
            var stored = await StoredAsync(ct);
            CheckVersion(kind, name, await VersionAsync(kind, name, ct) ?? throw new ElementNotFoundException(ElementChange.ElementId(kind, name)), expectedVersion);
            stored.Remove((kind, name), out var before);
            var id = ElementChange.ElementId(kind, name);
            var referrers = stored.Values
                .SelectMany(d => PlanWalker.References(d.Metadata, "metadata").Concat(PlanWalker.References(d.Spec))
                    .Where(f => f.Reference.Name == name && (f.Reference.Kind ?? kind) == kind)
                    .Select(f => new FieldError("", $"{ElementChange.ElementId(d.Kind, d.Name)} refers to it in {f.Path}.")))
                .ToList();
            if (referrers.Count > 0)
            {
                throw new PlanValidationException($"{id} cannot be removed: {referrers.Count} reference(s) to it remain; change or remove them first.", referrers);
            }
            Validate(stored.Values);
            return [new ElementChange(kind, name, before, null)];
        }, null, ct);

    /// <summary>The plan's rules for one changed element, against the ids of the stored plan and the
    /// documents those rules read: the organisation for functions, the communication plans for
    /// procedures; every function when the organisation's services or BIA scales change, every
    /// procedure when a communication plan changes.</summary>
    private async Task ValidateChangeAsync(PlanDocument document, PlanDocument? before, CancellationToken ct)
    {
        var ids = await PlanExport.LoadIdsAsync(db, ct);
        PlanDocument? organisation = null;
        if (document.Kind == ElementKind.Organisation)
        {
            organisation = document;
        }
        else if (document.Kind == ElementKind.BusinessFunction)
        {
            organisation = (await PlanExport.LoadOfKindAsync(db, ElementKind.Organisation, null, ct)).FirstOrDefault();
        }
        var communication = new List<PlanDocument>();
        if (document.Kind is ElementKind.Procedure or ElementKind.CommunicationPlan)
        {
            communication.AddRange((await PlanExport.LoadOfKindAsync(db, ElementKind.CommunicationPlan, null, ct)).Where(c => c.Name != document.Name || document.Kind != ElementKind.CommunicationPlan));
            if (document.Kind == ElementKind.CommunicationPlan)
            {
                communication.Add(document);
            }
        }
        var dependants = new List<PlanDocument>();
        if (document.Kind == ElementKind.Organisation && !SameScales(before, document))
        {
            dependants.AddRange(await PlanExport.LoadOfKindAsync(db, ElementKind.BusinessFunction, null, ct));
        }
        if (document.Kind == ElementKind.CommunicationPlan)
        {
            dependants.AddRange(await PlanExport.LoadOfKindAsync(db, ElementKind.Procedure, null, ct));
        }

        var diagnostics = new List<Diagnostic>();
        PlanValidator.ValidateChange(document, ids, organisation, communication, dependants, diagnostics);
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).Select(d => new FieldError(d.Field ?? "", d.Message)).ToList();
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
    }

    // Functions read the organisation's services in scope and BIA scales; nothing else of it.
    private static bool SameScales(PlanDocument? before, PlanDocument after) =>
        before?.Spec is OrganisationSpec old && after.Spec is OrganisationSpec now &&
        PlanJson.Serialize(old.Services.Select(s => s.Name)) == PlanJson.Serialize(now.Services.Select(s => s.Name)) &&
        PlanJson.Serialize(old.Impact) == PlanJson.Serialize(now.Impact);

    // Load, change, replace: the intention-named operations are ReplaceElement with a purpose.
    private async Task<ElementWrite> ChangeAsync(Actor actor, ElementKind kind, string name, Guid expectedVersion, Action<ElementSpec> change, CancellationToken ct)
    {
        var document = (await PlanExport.LoadOfKindAsync(db, kind, name, ct)).SingleOrDefault()
            ?? throw new ElementNotFoundException(ElementChange.ElementId(kind, name));
        change(document.Spec);
        return await ReplaceElementAsync(actor, document, expectedVersion, ct);
    }

    /// <summary>The one commit path: takes the plan revision first (the lock that orders writers;
    /// with <paramref name="seen"/>, only if nobody wrote since), decides the changes inside the
    /// transaction, writes rows, element versions and audit entries, and commits.</summary>
    private async Task<long> CommitAsync(Actor actor, long? seen, bool dryRun, string removedAction,
        Func<Task<IReadOnlyList<ElementChange>>> decide, Func<Task>? written, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = db.PlanRevision.Where(r => r.Id == PlanRevision.SingletonId);
        if (seen is { } expected)
        {
            row = row.Where(r => r.Number == expected);
        }
        if (await row.ExecuteUpdateAsync(set => set.SetProperty(r => r.Number, r => r.Number + 1).SetProperty(r => r.ChangedUtc, now), ct) == 0)
        {
            var current = await CurrentRevisionAsync(ct);
            throw new PlanConflictException(
                $"The plan changed meanwhile (revision {seen} when this began, {current} now): another change was written first. Nothing was changed; run it again to compare with the plan as it is now.");
        }
        var revision = await CurrentRevisionAsync(ct);

        var changes = await decide();
        if (changes.Count == 0)
        {
            await transaction.RollbackAsync(ct);
            return revision - 1;
        }
        await PlanImport.WriteAsync(db, now, changes, ct);
        if (changes.FirstOrDefault(c => c.After?.Spec is OrganisationSpec)?.After?.Spec is OrganisationSpec organisation)
        {
            await Governance.AppSettings.AdoptFromPlanAsync(db, actor, now, organisation, ct);
        }

        // The canonical texts and field diffs are the expensive part of a large import; they are independent per element.
        var entries = changes.AsParallel().AsOrdered().WithCancellation(ct).Select(change =>
        {
            var before = change.Before is null ? null : CanonicalPlanJson.Of(change.Before);
            var after = change.After is null ? null : CanonicalPlanJson.Of(change.After);
            var action = change.Before is null ? "created" : change.After is null ? removedAction : "updated";
            return (Version: new ElementVersion(change.Kind, change.Name, revision, after),
                Audit: new AuditRecord(actor.Name, actor.Channel, action, change.Id, revision, FieldDiff.Between(before, after)));
        }).ToList();
        await BulkInsert.InsertAsync(db, entries.Select(w => w.Version), ct);
        await AuditLog.AppendAsync(db, now, [.. entries.Select(w => w.Audit)], ct);
        if (written is not null)
        {
            await written();
        }

        if (dryRun)
        {
            await transaction.RollbackAsync(ct);
        }
        else
        {
            await transaction.CommitAsync(ct);
        }
        return revision;
    }

    private async Task<Dictionary<(ElementKind Kind, string Name), PlanDocument>> StoredAsync(CancellationToken ct) =>
        (await PlanExport.LoadDocumentsAsync(db, ct)).ToDictionary(d => (d.Kind, d.Name));

    private static void CheckVersion(ElementKind kind, string name, Guid? stored, Guid? expected)
    {
        if (stored == expected)
        {
            return;
        }
        var id = ElementChange.ElementId(kind, name);
        throw new PlanConflictException((stored, expected) switch
        {
            (null, _) => $"{id} no longer exists; it was removed meanwhile.",
            (_, null) => $"{id} already exists; replace it with its current version instead of creating it.",
            _ => $"{id} was changed meanwhile (version {stored}, not {expected}); load it again and reapply the change.",
        }, [new ElementConflict(id, [])]);
    }

    /// <summary>The rules a single document must meet alone, as plan files are held to them: the
    /// document goes through the plan-file reader (types, ranges, required fields, names).</summary>
    private static void CheckShape(PlanDocument document)
    {
        var text = PlanFileWriter.Write([document]);
        var loaded = PlanLoader.LoadTexts([("element.yaml", text)]);
        // Codes from PF020 on need the rest of the plan: Validate judges them with it.
        var errors = loaded.Diagnostics
            .Where(d => d.Severity == Severity.Error && string.CompareOrdinal(d.Code, PlanFileCodes.DuplicateId) < 0)
            .Select(d => new FieldError(d.Location is { } at ? FieldAt(text, at.Line) : "", d.Message))
            .ToList();
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
    }

    /// <summary>Validates a whole plan as the loader does, and resolves its bare references.</summary>
    private static void Validate(IEnumerable<PlanDocument> documents)
    {
        var diagnostics = new List<Diagnostic>();
        PlanValidator.Validate([.. documents], new SourceMap(), diagnostics);
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).Select(d => new FieldError(d.Field ?? "", d.Message)).ToList();
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
    }

    // The path of the key on a line of the writer's YAML (two-space indents, one key per line), by
    // the keys that enclose it: spec.objectives.rto. List positions are not counted.
    private static string FieldAt(string yaml, int line)
    {
        var path = new List<(int Indent, string Key)>();
        foreach (var text in yaml.Split('\n').Take(line))
        {
            var content = text.TrimStart();
            var indent = text.Length - content.Length;
            while (content.StartsWith("- ", StringComparison.Ordinal))
            {
                (content, indent) = (content[2..], indent + 2);
            }
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            if (content.StartsWith('#') || content.StartsWith("---", StringComparison.Ordinal) || colon <= 0)
            {
                continue;
            }
            path.RemoveAll(p => p.Indent >= indent);
            path.Add((indent, content[..colon].Trim('"', '\'')));
        }
        return string.Join('.', path.Where(p => p.Key is not ("apiVersion" or "kind")).Select(p => p.Key));
    }

    private Task<Guid?> VersionAsync(ElementKind kind, string name, CancellationToken ct) => kind switch
    {
        ElementKind.Organisation => VersionAsync(db.Organisations, name, ct),
        ElementKind.Site => VersionAsync(db.Sites, name, ct),
        ElementKind.Team => VersionAsync(db.Teams, name, ct),
        ElementKind.Person => VersionAsync(db.People, name, ct),
        ElementKind.Role => VersionAsync(db.Roles, name, ct),
        ElementKind.BusinessFunction => VersionAsync(db.Functions, name, ct),
        ElementKind.System => VersionAsync(db.Systems, name, ct),
        ElementKind.Vendor => VersionAsync(db.Vendors, name, ct),
        ElementKind.Risk => VersionAsync(db.Risks, name, ct),
        ElementKind.Scenario => VersionAsync(db.Scenarios, name, ct),
        ElementKind.Procedure => VersionAsync(db.Procedures, name, ct),
        ElementKind.CommunicationPlan => VersionAsync(db.CommunicationPlans, name, ct),
        ElementKind.BackupPolicy => VersionAsync(db.BackupPolicies, name, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Task<Guid?> VersionAsync<T>(DbSet<T> table, string name, CancellationToken ct)
        where T : Element =>
        table.AsNoTracking().Where(e => e.Name == name).Select(e => (Guid?)e.Version).SingleOrDefaultAsync(ct);
}
