using Continuity.Analysis;

namespace Continuity.PlanFiles;

/// <summary>Checks what no single document can check alone: unique ids, references that
/// resolve, one organisation, BIA scales, procedure steps, dependency loops, RTO vs MTPD, and
/// backups every 0m only where every write is copied.
/// Resolves bare references to their kind in place, so the rest of the product never guesses.</summary>
public sealed class PlanValidator
{
    private readonly SourceMap _map;
    private readonly List<Diagnostic> _diagnostics;
    private readonly Dictionary<(ElementKind Kind, string Name), PlanDocument> _byId = [];
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
        validator.CheckDependencies(unique);
        validator.CheckFunctions(unique, organisation);
        validator.CheckProcedures(unique);
        validator.CheckBackupPolicies(unique);
        validator.CheckSystems(unique);
        return new Plan(unique);
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
                    $"it was first defined at {_map.Locate(first.Metadata, "name")}; give one of them another name or merge them");
                continue;
            }
            _byId[id] = document;
            if (!_kindsByName.TryGetValue(document.Name, out var kinds))
            {
                _kindsByName[document.Name] = kinds = [];
            }
            kinds.Add(document.Kind);
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
        CheckUnique(organisation.Services.Select(s => (s.Name, (object)s)), "service in scope");
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
                    "write the kind too, for example " + string.Join(" or ", candidates.Select(k => $"'{ElementKinds.Slug(k)}:{reference.Name}'")));
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
            Naming.DidYouMean(qualified ? reference.ToString() : reference.Name, names) ?? "check the spelling, or add the element it refers to");
    }

    private void CheckDependencies(List<PlanDocument> documents)
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
            var document = documents[i];
            foreach (var dependency in DependenciesOf(document.Spec))
            {
                if ((dependency.On is null) == (dependency.AnyOf.Count == 0))
                {
                    Error(PlanFileCodes.MissingField, dependency.On is null ? $"A dependency of {Id(document)} names nothing." : $"A dependency of {Id(document)} has both 'on' and 'anyOf'.",
                        _map.Locate(dependency), "write either 'on: kind:name' for one dependency or 'anyOf: [...]' for a redundancy group");
                    continue;
                }
                foreach (var target in dependency.AnyOf.Prepend(dependency.On).OfType<Reference>())
                {
                    if (target.Kind is not { } kind || !index.TryGetValue((kind, target.Name), out var j))
                    {
                        continue;
                    }
                    if (j == i)
                    {
                        Error(PlanFileCodes.DependsOnItself, $"{Id(document)} depends on itself.", _map.Locate(target),
                            "remove this dependency; an element cannot wait for its own recovery");
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
                    _map.Locate(function, "supports"), Naming.DidYouMean(service, organisation.Services.Select(s => s.Name)) ?? "add it to the organisation's services or correct the name");
            }
            foreach (var (category, ratings) in function.Impact)
            {
                if (!organisation.Impact.Categories.Contains(category))
                {
                    Error(PlanFileCodes.UnknownBiaScale, $"'{category}' is not an impact category of the organisation.", _map.Locate(function.Impact, category),
                        (Naming.DidYouMean(category, organisation.Impact.Categories) is { } guess ? guess + " " : "") + "categories: " + string.Join(", ", organisation.Impact.Categories));
                }
                CheckTimePoints(ratings, organisation);
            }
            CheckTimePoints(function.FinancialLoss, organisation);
        }
    }

    private void CheckTimePoints<T>(Dictionary<Duration, T> byTimePoint, OrganisationSpec organisation)
    {
        foreach (var point in byTimePoint.Keys.Where(p => !organisation.Impact.TimePoints.Contains(p)))
        {
            Error(PlanFileCodes.UnknownBiaScale, $"{point} is not a time point of the business impact analysis.", _map.Locate(byTimePoint, point.ToString()),
                "time points: " + string.Join(", ", organisation.Impact.TimePoints));
        }
    }

    private void CheckProcedures(List<PlanDocument> documents)
    {
        var communication = documents.Select(d => d.Spec).OfType<CommunicationPlanSpec>().ToList();
        var audiences = communication.SelectMany(c => c.Audiences.Select(a => a.Name)).ToHashSet();
        var templates = communication.SelectMany(c => c.Templates.Select(t => t.Name)).ToHashSet();
        var channels = communication.SelectMany(c => c.Channels.Select(ch => ch.Name)).ToHashSet();
        var roles = documents.Where(d => d.Kind == ElementKind.Role).Select(d => d.Name).ToHashSet();

        foreach (var plan in communication)
        {
            CheckUnique(plan.Audiences.Select(a => (a.Name, (object)a)), "audience");
            CheckUnique(plan.Channels.Select(c => (c.Name, (object)c)), "channel");
            CheckUnique(plan.Templates.Select(t => (t.Name, (object)t)), "template");
            CheckUnique(plan.CallTrees.Select(t => (t.Name, (object)t)), "call tree");
            foreach (var audience in plan.Audiences)
            {
                CheckName(audience.Channels, channels, "channel", audience, "channels");
            }
            foreach (var template in plan.Templates)
            {
                CheckName(template.Audience, audiences, "audience", template, "audience");
                CheckName(template.Channel, channels, "channel", template, "channel");
            }
        }

        foreach (var procedure in documents.Select(d => d.Spec).OfType<ProcedureSpec>())
        {
            CheckUnique(procedure.Steps.Select(s => (s.Id, (object)s)), "step");
            var stepIds = procedure.Steps.Select(s => s.Id).ToHashSet();
            CheckStepOrder(procedure);
            foreach (var step in procedure.Steps)
            {
                foreach (var after in step.After.Where(a => !stepIds.Contains(a)))
                {
                    Error(PlanFileCodes.UnknownStep, $"Step '{step.Id}' comes after '{after}', which is not a step of this procedure.",
                        _map.Locate(step, "after"), Naming.DidYouMean(after, stepIds) ?? "steps: " + string.Join(", ", stepIds));
                }
                foreach (var message in step.Communicate)
                {
                    if (!audiences.Contains(message.To) && !roles.Contains(message.To))
                    {
                        Error(PlanFileCodes.UnknownCommunicationName, $"Step '{step.Id}' informs '{message.To}', which is neither an audience nor a role.",
                            _map.Locate(message, "to"), Naming.DidYouMean(message.To, audiences.Concat(roles)) ?? "name an audience of the communication plan or a role");
                    }
                    CheckName(message.Template, templates, "template", message, "template");
                    CheckName(message.Channel, channels, "channel", message, "channel");
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
                    _map.Locate(policy, "frequency"), "write how often it runs; 0m is only for method continuous or replication, which copy every write as it happens");
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
                    _map.Locate(restore, "byVendor"), "add 'vendor:' with the vendor whose contractual RTO is the restore time, or state restore.estimated instead");
            }
            foreach (var (key, value) in new[] { ("estimated", restore.Estimated), ("measured", restore.Measured) })
            {
                if (value is not null)
                {
                    Error(PlanFileCodes.InvalidValue, $"{Id(document)} is restored by its vendor (restore.byVendor), so its restore time is the vendor's contractual RTO; it cannot also state restore.{key}.",
                        _map.Locate(restore, key), $"remove restore.{key}, or remove byVendor to use your own {key} restore time");
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
                _map.Locate(step, "after"), "remove one of these 'after' entries so the steps can run in order");
        }
    }

    private void CheckName(string? name, HashSet<string> known, string what, object owner, string key) =>
        CheckName(name is null ? [] : [name], known, what, owner, key);

    private void CheckName(IEnumerable<string> names, HashSet<string> known, string what, object owner, string key)
    {
        foreach (var name in names.Where(n => !known.Contains(n)))
        {
            Error(PlanFileCodes.UnknownCommunicationName, $"There is no {what} named '{name}' in the communication plan.", _map.Locate(owner, key),
                Naming.DidYouMean(name, known) ?? $"add the {what} to the communication plan or correct the name");
        }
    }

    private void CheckUnique(IEnumerable<(string Name, object Owner)> items, string what)
    {
        var seen = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, owner) in items)
        {
            if (!seen.TryAdd(name, owner))
            {
                Error(PlanFileCodes.DuplicateId, $"Two {what}s are named '{name}'.", _map.Locate(owner, "name") ?? _map.Locate(owner),
                    $"the first is at {_map.Locate(seen[name], "name")}; names must be unique");
            }
        }
    }

    private static string Id(PlanDocument document) => $"{ElementKinds.Slug(document.Kind)}:{document.Name}";

    private void Error(string code, string message, SourceLocation? location, string? hint = null) =>
        _diagnostics.Add(new Diagnostic(Severity.Error, code, message, location, hint));

    private void Warning(string code, string message, SourceLocation? location, string? hint = null) =>
        _diagnostics.Add(new Diagnostic(Severity.Warning, code, message, location, hint));
}
