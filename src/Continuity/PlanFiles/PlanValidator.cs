using Continuity.Analysis;

namespace Continuity.PlanFiles;

/// <summary>Checks what no single document can check alone: unique ids, references that
/// resolve, one organisation, BIA scales, procedure steps, dependency loops, RTO vs MTPD, and
/// backups every 0m only where every write is copied.
/// Resolves bare references to their kind in place, so the rest of the product never guesses.</summary>
public sealed class PlanValidator
{
    private readonly SourceMap _map;
    private List<Diagnostic> _diagnostics;
    // Every element of the plan by id; null where only the id is known (a scoped validation).
    private readonly Dictionary<(ElementKind Kind, string Name), PlanDocument?> _byId = [];
    private readonly Dictionary<string, List<ElementKind>> _kindsByName = new(StringComparer.Ordinal);

    private PlanValidator(SourceMap map, List<Diagnostic> diagnostics)
    {
        _map = map;
        _diagnostics = diagnostics;
    }

    /// <summary>Validates the documents read from plan files and returns those that form the plan
    /// (later duplicates are dropped). Problems are added to <paramref name="diagnostics"/>.</summary>
    public static Plan Validate(IReadOnlyList<PlanDocument> documents, SourceMap map, List<Diagnostic> diagnostics)
    {
        var validator = new PlanValidator(map, diagnostics);
        var unique = validator.IndexIds(documents);
        var organisation = validator.CheckOrganisation(unique);
        foreach (var document in unique)
        {
            validator.ResolveReferences(document);
        }
        validator.CheckDependencyDeclarations(unique);
        validator.CheckDependencyLoops(unique);
        validator.CheckFunctions(unique, organisation);
        var communication = unique.Select(d => d.Spec).OfType<CommunicationPlanSpec>().ToList();
        validator.CheckCommunicationPlans(communication, communication);
        validator.CheckProcedures(unique, communication, unique.Where(d => d.Kind == ElementKind.Role).Select(d => d.Name).ToHashSet());
        validator.CheckBackupPolicies(unique);
        validator.CheckSystems(unique);
        return new Plan(unique);
    }

    /// <summary>Validates one changed element (new or replacing the stored one) against the rest of
    /// the plan, which is known by the ids of its elements and the documents the cross-element rules
    /// read: the organisation (services in scope, BIA scales) and the communication plans (audiences,
    /// channels, templates). The rules run for <paramref name="changed"/> and for the
    /// <paramref name="dependants"/> whose rules read it (every function when the organisation's scales
    /// change; every procedure when a communication plan does), not for the whole plan. Dependency
    /// loops are warnings the analysis reports; they are not looked for here. Resolves the bare
    /// references of the documents in place, as <see cref="Validate"/> does.</summary>
    /// <param name="changed">The element as it is to be stored.</param>
    /// <param name="ids">The id of every element of the stored plan.</param>
    /// <param name="organisation">The organisation as it will be (the changed one, if it is that).</param>
    /// <param name="communicationPlans">The communication plans as they will be.</param>
    /// <param name="dependants">Stored documents whose rules read the changed element.</param>
    /// <param name="diagnostics">Receives the problems; a field path on each where the rule knows it.</param>
    public static void ValidateChange(PlanDocument changed, IEnumerable<(ElementKind Kind, string Name)> ids, PlanDocument? organisation,
        IReadOnlyList<PlanDocument> communicationPlans, IReadOnlyList<PlanDocument> dependants, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(communicationPlans);
        ArgumentNullException.ThrowIfNull(dependants);
        var validator = new PlanValidator(new SourceMap(), diagnostics);
        foreach (var id in ids)
        {
            validator.Index(id, null);
        }
        validator.Index((changed.Kind, changed.Name), changed);

        if (changed.Kind == ElementKind.Organisation)
        {
            foreach (var other in validator._byId.Keys.Where(id => id.Kind == ElementKind.Organisation && id.Name != changed.Name))
            {
                validator.Error(PlanFileCodes.OrganisationCount, $"The plan has an Organisation already ({other.Name}).", null,
                    "a plan describes one organisation; change that one instead", "metadata.name");
            }
        }
        if (changed.Spec is OrganisationSpec changedOrganisation)
        {
            validator.CheckUnique(changedOrganisation.Services.Select(s => (s.Name, (object)s)), "service in scope", "spec.services");
        }
        var communication = communicationPlans.Select(d => d.Spec).OfType<CommunicationPlanSpec>().ToList();
        var roles = validator._byId.Keys.Where(id => id.Kind == ElementKind.Role).Select(id => id.Name).ToHashSet();
        validator.CheckElements([changed], organisation?.Spec as OrganisationSpec, communication, roles);

        // What the change breaks elsewhere is said of that element, not of a field of this one.
        foreach (var dependant in dependants)
        {
            var found = new List<Diagnostic>();
            validator._diagnostics = found;
            validator.CheckElements([dependant], organisation?.Spec as OrganisationSpec, communication, roles);
            diagnostics.AddRange(found.Select(d => d with { Message = $"{Id(dependant)}: {d.Message}", Field = null }));
        }
        validator._diagnostics = diagnostics;
    }

    private void CheckElements(List<PlanDocument> documents, OrganisationSpec? organisation, List<CommunicationPlanSpec> communication, HashSet<string> roles)
    {
        foreach (var document in documents)
        {
            ResolveReferences(document);
        }
        CheckDependencyDeclarations(documents);
        CheckFunctions(documents, organisation);
        CheckCommunicationPlans(communication, documents.Select(d => d.Spec).OfType<CommunicationPlanSpec>());
        CheckProcedures(documents, communication, roles);
        CheckBackupPolicies(documents);
        CheckSystems(documents);
    }

    private void Index((ElementKind Kind, string Name) id, PlanDocument? document)
    {
        if (_byId.TryGetValue(id, out var known))
        {
            _byId[id] = document ?? known;
            return;
        }
        _byId[id] = document;
        if (!_kindsByName.TryGetValue(id.Name, out var kinds))
        {
            _kindsByName[id.Name] = kinds = [];
        }
        kinds.Add(id.Kind);
    }

    private List<PlanDocument> IndexIds(IReadOnlyList<PlanDocument> documents)
    {
        var unique = new List<PlanDocument>(documents.Count);
        foreach (var document in documents)
        {
            var id = (document.Kind, document.Name);
            if (_byId.TryGetValue(id, out var first))
            {
                Error(PlanFileCodes.DuplicateId, $"{Id(document)} is defined twice.", _map.Locate(document.Metadata, "name"),
                    $"it was first defined at {(first is null ? null : _map.Locate(first.Metadata, "name"))}; give one of them another name or merge them", "metadata.name");
                continue;
            }
            Index(id, document);
            unique.Add(document);
        }
        return unique;
    }

    private OrganisationSpec? CheckOrganisation(List<PlanDocument> documents)
    {
        var organisations = documents.Where(d => d.Kind == ElementKind.Organisation).ToList();
        if (organisations.Count == 0)
        {
            Error(PlanFileCodes.OrganisationCount, "The plan has no Organisation document.", null,
                "add one document of kind Organisation (its spec holds the scope and the review interval)");
            return null;
        }
        foreach (var extra in organisations.Skip(1))
        {
            Error(PlanFileCodes.OrganisationCount, $"The plan has more than one Organisation ({organisations[0].Name} and {extra.Name}).",
                _map.Locate(extra.Metadata, "name"), "a plan describes one organisation; keep one Organisation document");
        }
        var organisation = (OrganisationSpec)organisations[0].Spec;
        CheckUnique(organisation.Services.Select(s => (s.Name, (object)s)), "service in scope", "spec.services");
        return organisation;
    }

    private void ResolveReferences(PlanDocument document)
    {
        foreach (var found in PlanWalker.References(document.Metadata, "metadata").Concat(PlanWalker.References(document.Spec)))
        {
            var reference = found.Reference;
            // Only looked up for a problem: the first lookup indexes the whole source map.
            SourceLocation? Location() => _map.Locate(reference);
            if (reference.Kind is { } kind)
            {
                if (!_byId.ContainsKey((kind, reference.Name)))
                {
                    UnknownReference(reference, [kind], found.Path, Location(), qualified: found.Allowed.Count != 1);
                }
                continue;
            }

            var candidates = _kindsByName.GetValueOrDefault(reference.Name, [])
                .Where(k => found.Allowed.Count == 0 || found.Allowed.Contains(k)).ToList();
            if (candidates.Count == 1)
            {
                reference.Kind = candidates[0];
            }
            else if (candidates.Count > 1)
            {
                Error(PlanFileCodes.WrongKindOfReference, $"'{reference.Name}' in '{found.Path}' is ambiguous: there is a " +
                    string.Join(" and a ", candidates.Select(ElementKinds.Slug)) + " of that name.", Location(),
                    "write the kind too, for example " + string.Join(" or ", candidates.Select(k => $"'{ElementKinds.Slug(k)}:{reference.Name}'")), found.Path);
            }
            else
            {
                UnknownReference(reference, found.Allowed, found.Path, Location());
            }
        }
    }

    private void UnknownReference(Reference reference, IReadOnlyList<ElementKind> allowed, string path, SourceLocation? location, bool qualified = false)
    {
        qualified |= allowed.Count != 1;
        var names = _byId.Keys.Where(id => allowed.Count == 0 || allowed.Contains(id.Kind))
            .Select(id => qualified ? $"{ElementKinds.Slug(id.Kind)}:{id.Name}" : id.Name);
        var what = allowed.Count == 1 ? $"no {ElementKinds.Slug(allowed[0])} named '{reference.Name}'" : $"nothing named '{reference}'";
        Error(PlanFileCodes.UnknownReference, $"'{path}' refers to {what}.", location,
            Naming.DidYouMean(qualified ? reference.ToString() : reference.Name, names) ?? "check the spelling, or add the element it refers to", path);
    }

    /// <summary>Each dependency names one element or a redundancy group, and not its own element.</summary>
    private void CheckDependencyDeclarations(List<PlanDocument> documents)
    {
        foreach (var document in documents)
        {
            var position = 0;
            foreach (var dependency in DependenciesOf(document.Spec))
            {
                var field = $"spec.dependsOn[{position++}]";
                if ((dependency.On is null) == (dependency.AnyOf.Count == 0))
                {
                    Error(PlanFileCodes.MissingField, dependency.On is null ? $"A dependency of {Id(document)} names nothing." : $"A dependency of {Id(document)} has both 'on' and 'anyOf'.",
                        _map.Locate(dependency), "write either 'on: kind:name' for one dependency or 'anyOf: [...]' for a redundancy group", field + (dependency.On is null ? ".on" : ".anyOf"));
                    continue;
                }
                foreach (var target in dependency.AnyOf.Prepend(dependency.On).OfType<Reference>())
                {
                    if (target.Kind == document.Kind && target.Name == document.Name)
                    {
                        Error(PlanFileCodes.DependsOnItself, $"{Id(document)} depends on itself.", _map.Locate(target),
                            "remove this dependency; an element cannot wait for its own recovery", field + (dependency.On is null ? ".anyOf" : ".on"));
                    }
                }
            }
        }
    }

    private void CheckDependencyLoops(List<PlanDocument> documents)
    {
        var index = new Dictionary<(ElementKind, string), int>();
        for (var i = 0; i < documents.Count; i++)
        {
            index[(documents[i].Kind, documents[i].Name)] = i;
        }

        var sources = new List<int>();
        var targets = new List<int>();
        var edgeAt = new Dictionary<(int, int), Reference>();
        for (var i = 0; i < documents.Count; i++)
        {
            foreach (var dependency in DependenciesOf(documents[i].Spec))
            {
                if ((dependency.On is null) == (dependency.AnyOf.Count == 0))
                {
                    continue;
                }
                foreach (var target in dependency.AnyOf.Prepend(dependency.On).OfType<Reference>())
                {
                    if (target.Kind is not { } kind || !index.TryGetValue((kind, target.Name), out var j) || j == i)
                    {
                        continue;
                    }
                    sources.Add(i);
                    targets.Add(j);
                    edgeAt.TryAdd((i, j), target);
                }
            }
        }

        var graph = Digraph.FromEdges(documents.Count, [.. sources], [.. targets]);
        foreach (var cycle in Cycles.Find(graph))
        {
            var path = string.Join(" → ", cycle.Select(n => Id(documents[n])));
            Warning(PlanFileCodes.DependencyCycle, $"Dependency loop: {path}.", _map.Locate(edgeAt[(cycle[0], cycle[1])]),
                "recovery cannot be sequenced around a loop, whatever the dependency type; one of these dependencies is probably wrong");
        }
    }

    internal static IEnumerable<DependencySpec> DependenciesOf(ElementSpec spec) => spec switch
    {
        BusinessFunctionSpec function => function.DependsOn,
        SystemSpec system => system.DependsOn,
        VendorSpec vendor => vendor.DependsOn,
        _ => [],
    };

    private void CheckFunctions(List<PlanDocument> documents, OrganisationSpec? organisation)
    {
        foreach (var (document, function) in documents.Where(d => d.Spec is BusinessFunctionSpec).Select(d => (d, (BusinessFunctionSpec)d.Spec)))
        {
            if (function.Objectives is { Rto: { } rto, Mtpd: { } mtpd } objectives && rto >= mtpd)
            {
                Warning(PlanFileCodes.RtoNotShorterThanMtpd, $"{Id(document)} has an RTO of {rto} but a maximum tolerable disruption of {mtpd}.",
                    _map.Locate(objectives, "rto"), "the RTO must be shorter than the MTPD, or the business breaks before recovery is due");
            }
            if (organisation is null)
            {
                continue;
            }
            foreach (var service in function.Supports.Where(s => organisation.Services.All(o => o.Name != s)))
            {
                Error(PlanFileCodes.UnknownReference, $"{Id(document)} supports '{service}', which is not a service in scope.",
                    _map.Locate(function, "supports"), Naming.DidYouMean(service, organisation.Services.Select(s => s.Name)) ?? "add it to the organisation's services or correct the name",
                    "spec.supports");
            }
            foreach (var (category, ratings) in function.Impact)
            {
                if (!organisation.Impact.Categories.Contains(category))
                {
                    Error(PlanFileCodes.UnknownBiaScale, $"'{category}' is not an impact category of the organisation.", _map.Locate(function.Impact, category),
                        (Naming.DidYouMean(category, organisation.Impact.Categories) is { } guess ? guess + " " : "") + "categories: " + string.Join(", ", organisation.Impact.Categories),
                        $"spec.impact.{category}");
                }
                CheckTimePoints(ratings, organisation, $"spec.impact.{category}");
            }
            CheckTimePoints(function.FinancialLoss, organisation, "spec.financialLoss");
        }
    }

    private void CheckTimePoints<T>(Dictionary<Duration, T> byTimePoint, OrganisationSpec organisation, string field)
    {
        foreach (var point in byTimePoint.Keys.Where(p => !organisation.Impact.TimePoints.Contains(p)))
        {
            Error(PlanFileCodes.UnknownBiaScale, $"{point} is not a time point of the business impact analysis.", _map.Locate(byTimePoint, point.ToString()),
                "time points: " + string.Join(", ", organisation.Impact.TimePoints), $"{field}.{point}");
        }
    }

    /// <summary>Names are unique within each communication plan, and what its audiences and
    /// templates name exists in the communication plans.</summary>
    private void CheckCommunicationPlans(IReadOnlyList<CommunicationPlanSpec> all, IEnumerable<CommunicationPlanSpec> toCheck)
    {
        var channels = all.SelectMany(c => c.Channels.Select(ch => ch.Name)).ToHashSet();
        var audiences = all.SelectMany(c => c.Audiences.Select(a => a.Name)).ToHashSet();
        foreach (var plan in toCheck)
        {
            CheckUnique(plan.Audiences.Select(a => (a.Name, (object)a)), "audience", "spec.audiences");
            CheckUnique(plan.Channels.Select(c => (c.Name, (object)c)), "channel", "spec.channels");
            CheckUnique(plan.Templates.Select(t => (t.Name, (object)t)), "template", "spec.templates");
            CheckUnique(plan.CallTrees.Select(t => (t.Name, (object)t)), "call tree", "spec.callTrees");
            for (var i = 0; i < plan.Audiences.Count; i++)
            {
                CheckName(plan.Audiences[i].Channels, channels, "channel", plan.Audiences[i], "channels", $"spec.audiences[{i}].channels");
            }
            for (var i = 0; i < plan.Templates.Count; i++)
            {
                CheckName(plan.Templates[i].Audience, audiences, "audience", plan.Templates[i], "audience", $"spec.templates[{i}].audience");
                CheckName(plan.Templates[i].Channel, channels, "channel", plan.Templates[i], "channel", $"spec.templates[{i}].channel");
            }
        }
    }

    /// <summary>The steps of each procedure: unique ids, an order that can run, and messages to
    /// audiences, roles, templates and channels that exist.</summary>
    private void CheckProcedures(IEnumerable<PlanDocument> documents, IReadOnlyList<CommunicationPlanSpec> communication, HashSet<string> roles)
    {
        var audiences = communication.SelectMany(c => c.Audiences.Select(a => a.Name)).ToHashSet();
        var templates = communication.SelectMany(c => c.Templates.Select(t => t.Name)).ToHashSet();
        var channels = communication.SelectMany(c => c.Channels.Select(ch => ch.Name)).ToHashSet();

        foreach (var procedure in documents.Select(d => d.Spec).OfType<ProcedureSpec>())
        {
            CheckUnique(procedure.Steps.Select(s => (s.Id, (object)s)), "step", "spec.steps");
            var stepIds = procedure.Steps.Select(s => s.Id).ToHashSet();
            CheckStepOrder(procedure);
            for (var i = 0; i < procedure.Steps.Count; i++)
            {
                var step = procedure.Steps[i];
                foreach (var after in step.After.Where(a => !stepIds.Contains(a)))
                {
                    Error(PlanFileCodes.UnknownStep, $"Step '{step.Id}' comes after '{after}', which is not a step of this procedure.",
                        _map.Locate(step, "after"), Naming.DidYouMean(after, stepIds) ?? "steps: " + string.Join(", ", stepIds), $"spec.steps[{i}].after");
                }
                for (var j = 0; j < step.Communicate.Count; j++)
                {
                    var message = step.Communicate[j];
                    var field = $"spec.steps[{i}].communicate[{j}]";
                    if (!audiences.Contains(message.To) && !roles.Contains(message.To))
                    {
                        Error(PlanFileCodes.UnknownCommunicationName, $"Step '{step.Id}' informs '{message.To}', which is neither an audience nor a role.",
                            _map.Locate(message, "to"), Naming.DidYouMean(message.To, audiences.Concat(roles)) ?? "name an audience of the communication plan or a role", field + ".to");
                    }
                    CheckName(message.Template, templates, "template", message, "template", field + ".template");
                    CheckName(message.Channel, channels, "channel", message, "channel", field + ".channel");
                }
            }
        }
    }

    /// <summary>A backup every 0m is a copy of every write as it happens: what continuous
    /// archiving and replication do, and no full, incremental or snapshot backup can.</summary>
    private void CheckBackupPolicies(List<PlanDocument> documents)
    {
        foreach (var (document, policy) in documents.Where(d => d.Spec is BackupPolicySpec).Select(d => (d, (BackupPolicySpec)d.Spec)))
        {
            if (policy.Frequency is { Minutes: 0 } && policy.Method is not (BackupMethod.Continuous or BackupMethod.Replication))
            {
                Error(PlanFileCodes.InvalidValue, $"{Id(document)} runs a {Naming.KebabCase(policy.Method.ToString())} backup every 0m, which no such backup can do.",
                    _map.Locate(policy, "frequency"), "write how often it runs; 0m is only for method continuous or replication, which copy every write as it happens", "spec.frequency");
            }
        }
    }

    /// <summary>A system its vendor restores takes the vendor's contractual RTO as its restore
    /// time, so it needs a vendor and states no restore time of its own: one number, written once.</summary>
    private void CheckSystems(List<PlanDocument> documents)
    {
        foreach (var (document, system) in documents.Where(d => d.Spec is SystemSpec).Select(d => (d, (SystemSpec)d.Spec)))
        {
            if (system.Restore is not { ByVendor: true } restore)
            {
                continue;
            }
            if (system.Vendor is null)
            {
                Error(PlanFileCodes.MissingField, $"{Id(document)} is restored by its vendor (restore.byVendor), but names no vendor.",
                    _map.Locate(restore, "byVendor"), "add 'vendor:' with the vendor whose contractual RTO is the restore time, or state restore.estimated instead", "spec.vendor");
            }
            foreach (var (key, value) in new[] { ("estimated", restore.Estimated), ("measured", restore.Measured) })
            {
                if (value is not null)
                {
                    Error(PlanFileCodes.InvalidValue, $"{Id(document)} is restored by its vendor (restore.byVendor), so its restore time is the vendor's contractual RTO; it cannot also state restore.{key}.",
                        _map.Locate(restore, key), $"remove restore.{key}, or remove byVendor to use your own {key} restore time", $"spec.restore.{key}");
                }
            }
        }
    }

    /// <summary>Steps ordered in a loop ('a' after 'b', 'b' after 'a') could never run.</summary>
    private void CheckStepOrder(ProcedureSpec procedure)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in procedure.Steps)
        {
            index.TryAdd(step.Id, index.Count);
        }
        var sources = new List<int>();
        var targets = new List<int>();
        foreach (var step in procedure.Steps)
        {
            foreach (var after in step.After.Where(index.ContainsKey))
            {
                sources.Add(index[step.Id]);
                targets.Add(index[after]);
            }
        }
        var ids = index.Keys.ToList();
        foreach (var cycle in Cycles.Find(Digraph.FromEdges(ids.Count, [.. sources], [.. targets])))
        {
            var step = procedure.Steps.First(s => s.Id == ids[cycle[0]]);
            Error(PlanFileCodes.UnknownStep, cycle.Length == 2 ? $"Step '{step.Id}' comes after itself." : "Steps wait for each other in a loop: " + string.Join(" after ", cycle.Select(n => ids[n])) + ".",
                _map.Locate(step, "after"), "remove one of these 'after' entries so the steps can run in order", $"spec.steps[{procedure.Steps.IndexOf(step)}].after");
        }
    }

    private void CheckName(string? name, HashSet<string> known, string what, object owner, string key, string field) =>
        CheckName(name is null ? [] : [name], known, what, owner, key, field);

    private void CheckName(IEnumerable<string> names, HashSet<string> known, string what, object owner, string key, string field)
    {
        foreach (var name in names.Where(n => !known.Contains(n)))
        {
            Error(PlanFileCodes.UnknownCommunicationName, $"There is no {what} named '{name}' in the communication plan.", _map.Locate(owner, key),
                Naming.DidYouMean(name, known) ?? $"add the {what} to the communication plan or correct the name", field);
        }
    }

    private void CheckUnique(IEnumerable<(string Name, object Owner)> items, string what, string field)
    {
        var seen = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, owner) in items)
        {
            if (!seen.TryAdd(name, owner))
            {
                Error(PlanFileCodes.DuplicateId, $"Two {what}s are named '{name}'.", _map.Locate(owner, "name") ?? _map.Locate(owner),
                    $"the first is at {_map.Locate(seen[name], "name")}; names must be unique", field);
            }
        }
    }

    private static string Id(PlanDocument document) => $"{ElementKinds.Slug(document.Kind)}:{document.Name}";

    private void Error(string code, string message, SourceLocation? location, string? hint = null, string? field = null) =>
        _diagnostics.Add(new Diagnostic(Severity.Error, code, message, location, hint) { Field = field });

    private void Warning(string code, string message, SourceLocation? location, string? hint = null) =>
        _diagnostics.Add(new Diagnostic(Severity.Warning, code, message, location, hint));
}
