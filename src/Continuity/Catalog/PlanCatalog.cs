using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Continuity.Accounts;
using Continuity.Checks;
using Continuity.Functions;
using Continuity.PlanFiles;

namespace Continuity.Catalog;

/// <summary>One element of the plan as lists show it: kind, name, title, team, tier where the kind
/// has one, a short status in words, its unwaived findings by severity and the text a search
/// matches (name, title, team, description, labels; lower case).</summary>
public sealed record CatalogRow(
    ElementKind Kind, string Name, string? Title, string? Team, int? Tier, string Status,
    int Errors, int Warnings, int Infos, string SearchText)
{
    /// <summary><c>kind:name</c>, as references and findings name the element.</summary>
    public string Id => $"{ElementKinds.Slug(Kind)}:{Name}";

    public string Label => string.IsNullOrWhiteSpace(Title) ? Name : Title;

    public int Findings => Errors + Warnings + Infos;

    /// <summary>The person accountable (<c>metadata.owner</c>) by name, and their title or name
    /// for showing and sorting.</summary>
    public string? Owner { get; init; }

    public string? OwnerLabel { get; init; }

    /// <summary>The team's title or name, for showing.</summary>
    public string? TeamLabel { get; init; }

    /// <summary>Every team the element is for (<see cref="ElementTeams.All"/>): <see cref="Team"/>
    /// alone, or each team a continuity role is assigned for (then <see cref="Team"/>, the team
    /// whose lead may change it, is null unless they are one). Lists filter by these.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>Recovery time objective in minutes: a function's or system's own target, a
    /// vendor's contractual RTO.</summary>
    public int? RtoMinutes { get; init; }

    /// <summary>A function's or system's recovery point objective in minutes.</summary>
    public int? RpoMinutes { get; init; }

    /// <summary>A function's maximum tolerable period of disruption in minutes.</summary>
    public int? MtpdMinutes { get; init; }

    /// <summary>Whether management approved a function's objectives as they stand.</summary>
    public ApprovalState? Approval { get; init; }

    /// <summary>How long a system takes to restore, in minutes, as the analysis counts it: the time
    /// measured in the last restore test, else the estimate, else (restored by its vendor) the
    /// vendor's contractual RTO.</summary>
    public int? RestoreMinutes { get; init; }

    /// <summary>When a person last confirmed their contact details.</summary>
    public DateOnly? ContactVerified { get; init; }

    /// <summary>A system's type.</summary>
    public SystemType? SystemType { get; init; }

    /// <summary>A system's vendor by name, and its title or name.</summary>
    public string? Vendor { get; init; }

    public string? VendorLabel { get; init; }
}

/// <summary>One reference from element <see cref="FromId"/> to element <see cref="ToId"/>, at
/// <see cref="Path"/> of the referring document (<c>spec.steps[2].responsible</c>), in words both
/// ways: <see cref="Incoming"/> says what the target is to the referrer ("responsible for step 3
/// of"), <see cref="Outgoing"/> what the target is for the referrer ("Step 3: responsible").
/// A dependency carries its <see cref="Type"/>, its redundancy group (<c>anyOf</c>; members of one
/// group share the number, counted per dependent) and its note.</summary>
public sealed record CatalogReference(
    ElementKind FromKind, string FromName, ElementKind ToKind, string ToName, string Path, string Incoming, string Outgoing,
    DependencyType? Type = null, int? RedundancyGroup = null, string? Note = null)
{
    /// <summary>Whether this dependency is one member of a redundancy group (<c>anyOf</c>).</summary>
    public bool AnyOf => RedundancyGroup is not null;

    public string FromId => $"{ElementKinds.Slug(FromKind)}:{FromName}";

    public string ToId => $"{ElementKinds.Slug(ToKind)}:{ToName}";

    public bool IsDependency => Type is not null;
}

/// <summary>One entry of a <c>dependsOn</c> list, for the catalog: who depends on what, how, and
/// which redundancy group (<c>anyOf</c>) it is a member of, if any (numbered per dependent).</summary>
public sealed record DependencyEdge(
    ElementKind DependentKind, string DependentName, int Position, ElementKind TargetKind, string TargetName,
    DependencyType Type, int? RedundancyGroup, string? Note);

/// <summary>The plan as the pages list and cross-reference it, built once per plan revision with
/// the analysis (<see cref="AnalysisResult.Catalog"/>): a row per element and an index of every
/// reference both ways. Immutable throughout, so concurrent requests share one.</summary>
public sealed class PlanCatalog
{
    private static readonly ImmutableArray<CatalogReference> None = [];

    private readonly Lazy<FindingIndex> _findings;

    private PlanCatalog(
        ImmutableArray<CatalogRow> rows,
        FrozenDictionary<ElementKind, ImmutableArray<CatalogRow>> byKind,
        FrozenDictionary<string, CatalogRow> byId,
        FrozenDictionary<string, ImmutableArray<CatalogReference>> referencesTo,
        FrozenDictionary<string, ImmutableArray<CatalogReference>> referencesFrom,
        ImmutableArray<CatalogReference> dependencies,
        ImmutableArray<string> teams,
        FrozenDictionary<ElementKind, ImmutableArray<string>> statuses,
        Func<FindingIndex> findings)
    {
        _findings = new Lazy<FindingIndex>(findings, LazyThreadSafetyMode.ExecutionAndPublication);
        Rows = rows;
        ByKind = byKind;
        ById = byId;
        ReferencesTo = referencesTo;
        ReferencesFrom = referencesFrom;
        Dependencies = dependencies;
        Teams = teams;
        Statuses = statuses;
    }

    /// <summary>Every element, by kind then name.</summary>
    public ImmutableArray<CatalogRow> Rows { get; }

    public FrozenDictionary<ElementKind, ImmutableArray<CatalogRow>> ByKind { get; }

    /// <summary>Every element by <c>kind:name</c>.</summary>
    public FrozenDictionary<string, CatalogRow> ById { get; }

    /// <summary>Every reference to an element (by its <c>kind:name</c>) from another.</summary>
    public FrozenDictionary<string, ImmutableArray<CatalogReference>> ReferencesTo { get; }

    /// <summary>Every reference from an element (by its <c>kind:name</c>), in document order.</summary>
    public FrozenDictionary<string, ImmutableArray<CatalogReference>> ReferencesFrom { get; }

    /// <summary>Every dependency edge of the plan, by dependent kind, name and position.</summary>
    public ImmutableArray<CatalogReference> Dependencies { get; }

    /// <summary>The names of the plan's teams, ordered, for filters.</summary>
    public ImmutableArray<string> Teams { get; }

    /// <summary>The statuses the elements of each kind have (a list's status filter), ordered.</summary>
    public FrozenDictionary<ElementKind, ImmutableArray<string>> Statuses { get; }

    /// <summary>The statuses <paramref name="kind"/>'s elements have, ordered: computed once per
    /// revision, not once per list request (10,000 systems made it a millisecond a page).</summary>
    public ImmutableArray<string> StatusesOf(ElementKind kind) => Statuses.GetValueOrDefault(kind, []);

    /// <summary>Every finding with its element, counted and indexed for the findings list: built
    /// by the first reader of the revision (one build however many ask at once), not with the
    /// analysis, which the command line and revisions nobody lists the findings of do not need.</summary>
    public FindingIndex Findings => _findings.Value;

    /// <summary>The elements of <paramref name="kind"/> ordered by label (title, else name; case
    /// ignored), then name: the order lists show by default.</summary>
    public ImmutableArray<CatalogRow> OfKind(ElementKind kind) => ByKind.GetValueOrDefault(kind, []);

    public CatalogRow? Find(ElementKind kind, string name) => ById.GetValueOrDefault($"{ElementKinds.Slug(kind)}:{name}");

    public ImmutableArray<CatalogReference> To(string id) => ReferencesTo.GetValueOrDefault(id, None);

    public ImmutableArray<CatalogReference> From(string id) => ReferencesFrom.GetValueOrDefault(id, None);

    /// <summary>Builds the catalog of <paramref name="plan"/>. The dependency edges come from
    /// <paramref name="dependencies"/> when given (a database plan loaded without its
    /// <c>dependsOn</c> lists), else from the documents' own <c>dependsOn</c>.</summary>
    public static PlanCatalog Build(Plan plan, IReadOnlyList<Finding> findings, IReadOnlyList<DependencyEdge>? dependencies = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(findings);
        dependencies ??= DependenciesOf(plan);

        var counts = new Dictionary<string, (int Errors, int Warnings, int Infos)>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (finding.WaivedBy is not null)
            {
                continue;
            }
            var (e, w, i) = counts.GetValueOrDefault(finding.ElementId);
            counts[finding.ElementId] = finding.Severity switch
            {
                Severity.Error => (e + 1, w, i),
                Severity.Warning => (e, w + 1, i),
                _ => (e, w, i + 1),
            };
        }

        var teamOfSystem = ElementTeams.SystemTeamsIn(plan);
        var teams = plan.OfKind(ElementKind.Team).ToDictionary(t => t.Name, t => t.Metadata.Title, StringComparer.Ordinal);
        var people = plan.OfKind(ElementKind.Person).ToDictionary(p => p.Name, p => p.Metadata.Title, StringComparer.Ordinal);
        var vendors = plan.Specs<VendorSpec>().ToDictionary(v => v.Document.Name, v => (v.Document.Metadata.Title, v.Spec.ContractualRto), StringComparer.Ordinal);
        var rows = new List<CatalogRow>(plan.Documents.Count);
        var references = new List<CatalogReference>();
        foreach (var document in plan.Documents)
        {
            var id = $"{ElementKinds.Slug(document.Kind)}:{document.Name}";
            var (errors, warnings, infos) = counts.GetValueOrDefault(id);
            var team = TeamOf(document, teamOfSystem);
            var allTeams = ElementTeams.All(document, teamOfSystem);
            rows.Add(WithMeasures(new CatalogRow(document.Kind, document.Name, document.Metadata.Title, team, TierOf(document.Spec),
                StatusOf(document.Spec), errors, warnings, infos, SearchTextOf(document, allTeams.Select(t => teams.GetValueOrDefault(t))))
            {
                Owner = document.Metadata.Owner?.Name,
                OwnerLabel = document.Metadata.Owner is { } owner ? Label(owner.Name, people.GetValueOrDefault(owner.Name)) : null,
                TeamLabel = team is null ? null : Label(team, teams.GetValueOrDefault(team)),
                Teams = allTeams,
            }, document.Spec, vendors));

            if (document.Metadata.Owner is { } accountable)
            {
                references.Add(Words(document, accountable, "metadata.owner"));
            }
            foreach (var found in PlanWalker.References(document.Spec))
            {
                if (found.Path.Contains(".dependsOn[", StringComparison.Ordinal))
                {
                    continue;                                   // from the edges below, with their type
                }
                references.Add(Words(document, found.Reference, found.Path));
            }
        }
        var edges = dependencies
            .OrderBy(d => d.DependentKind).ThenBy(d => d.DependentName, StringComparer.Ordinal).ThenBy(d => d.Position)
            .Select(d => new CatalogReference(d.DependentKind, d.DependentName, d.TargetKind, d.TargetName,
                $"spec.dependsOn[{d.Position.ToString(CultureInfo.InvariantCulture)}]",
                d.Type == DependencyType.Required ? "required by" : "used (degraded without it) by",
                d.Type == DependencyType.Required ? "Depends on" : "Depends on (degraded without it)", d.Type, d.RedundancyGroup, d.Note))
            .ToImmutableArray();
        references.AddRange(edges);

        // Each kind's rows in the order lists show them by default (label, then name), sorted once here.
        var byKind = rows.GroupBy(r => r.Kind).ToFrozenDictionary(g => g.Key, g => g
            .OrderBy(r => r.Label.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToImmutableArray());
        var byId = rows.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        return new PlanCatalog(
            [.. rows],
            byKind,
            byId,
            references.GroupBy(r => r.ToId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.FromKind).ThenBy(r => r.FromName, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal),
            references.GroupBy(r => r.FromId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal),
            edges,
            [.. teams.Keys.Order(StringComparer.Ordinal)],
            byKind.ToFrozenDictionary(k => k.Key, k => k.Value.Select(r => r.Status).Where(s => s.Length > 0)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray()),
            () => FindingIndex.Build(findings, byId));
    }

    private static List<DependencyEdge> DependenciesOf(Plan plan)
    {
        var edges = new List<DependencyEdge>();
        foreach (var document in plan.Documents)
        {
            var dependsOn = document.Spec switch
            {
                BusinessFunctionSpec f => f.DependsOn,
                SystemSpec s => s.DependsOn,
                VendorSpec v => v.DependsOn,
                _ => null,
            };
            if (dependsOn is null)
            {
                continue;
            }
            var position = 0;
            var group = 0;
            foreach (var dependency in dependsOn)
            {
                if (dependency.On is { Kind: { } kind } on)
                {
                    edges.Add(new DependencyEdge(document.Kind, document.Name, position++, kind, on.Name, dependency.Type, null, dependency.Note));
                }
                if (dependency.AnyOf.Count > 0)
                {
                    group++;
                }
                foreach (var member in dependency.AnyOf)
                {
                    if (member.Kind is { } memberKind)
                    {
                        edges.Add(new DependencyEdge(document.Kind, document.Name, position++, memberKind, member.Name, dependency.Type, group, dependency.Note));
                    }
                }
            }
        }
        return edges;
    }

    /// <summary>The row with the durations and vendor its kind's list sorts by.</summary>
    private static CatalogRow WithMeasures(CatalogRow row, ElementSpec spec, Dictionary<string, (string? Title, Duration? ContractualRto)> vendors) => spec switch
    {
        BusinessFunctionSpec f => row with
        {
            RtoMinutes = f.Objectives?.Rto?.Minutes,
            RpoMinutes = f.Objectives?.Rpo?.Minutes,
            MtpdMinutes = f.Objectives?.Mtpd?.Minutes,
            Approval = ApprovalStates.Of(f.Objectives),
        },
        SystemSpec s => row with
        {
            RtoMinutes = s.Objectives?.Rto?.Minutes,
            RpoMinutes = s.Objectives?.Rpo?.Minutes,
            RestoreMinutes = s.Restore is { ByVendor: true }
                ? (s.Vendor is { } by ? vendors.GetValueOrDefault(by.Name).ContractualRto?.Minutes : null)
                : (s.Restore?.Measured ?? s.Restore?.Estimated)?.Minutes,
            SystemType = s.Type,
            Vendor = s.Vendor?.Name,
            VendorLabel = s.Vendor is { } vendor ? Label(vendor.Name, vendors.GetValueOrDefault(vendor.Name).Title) : null,
        },
        VendorSpec v => row with { RtoMinutes = v.ContractualRto?.Minutes },
        PersonSpec p => row with { ContactVerified = p.ContactVerified },
        _ => row,
    };

    private static string Label(string name, string? title) => string.IsNullOrWhiteSpace(title) ? name : title;

    private static CatalogReference Words(PlanDocument from, Reference to, string path)
    {
        var (incoming, outgoing) = ReferenceWords.Of(from.Kind, path);
        return new CatalogReference(from.Kind, from.Name, to.Kind ?? ElementKind.Organisation, to.Name, path, incoming, outgoing);
    }

    /// <summary>The team whose lead may change the element (<see cref="ElementTeams.Owning"/>); a
    /// team is its own.</summary>
    private static string? TeamOf(PlanDocument document, Func<string, string?> teamOfSystem) =>
        document.Spec is TeamSpec ? document.Name : ElementTeams.Owning(document.Spec, teamOfSystem);

    private static int? TierOf(ElementSpec spec) => spec switch
    {
        BusinessFunctionSpec f => f.Tier,
        SystemSpec s => s.Tier,
        _ => null,
    };

    /// <summary>A few words a list can show and filter by.</summary>
    private static string StatusOf(ElementSpec spec) => spec switch
    {
        PersonSpec p => p.Active ? "active" : "left",
        RiskSpec r => r.Treatment.ToString().ToLowerInvariant(),
        SiteSpec s => s.Type switch
        {
            SiteType.DataCentre => "data centre",
            SiteType.CloudRegion => "cloud region",
            SiteType.CloudZone => "cloud zone",
            var t => t.ToString().ToLowerInvariant(),
        },
        ScenarioSpec s => s.Disruption?.ToString().ToLowerInvariant() ?? "unclassified",
        ProcedureSpec p => p.Steps.Count == 0 ? "no steps" : "has steps",
        RoleSpec r => r.Assignments.Any(a => a.Holders.Count > 0) ? "held" : "unfilled",
        BackupPolicySpec b => b.Method.ToString().ToLowerInvariant(),
        SystemSpec s => s.Type.ToString().ToLowerInvariant(),
        VendorSpec v => v.Continuity?.HasPlan switch { true => "has a continuity plan", false => "no continuity plan", null => "continuity unknown" },
        BusinessFunctionSpec f => ApprovalStates.Of(f.Objectives).Words(),
        _ => "",
    };

    private static string SearchTextOf(PlanDocument document, IEnumerable<string?> teamTitles)
    {
        var text = new StringBuilder(document.Name);
        void Add(string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append('\n').Append(value);
            }
        }
        Add(document.Metadata.Title);
        Add(document.Spec.Description);
        foreach (var teamTitle in teamTitles)
        {
            Add(teamTitle);
        }
        foreach (var (key, value) in document.Metadata.Labels)
        {
            Add($"{key}: {value}");
        }
        if (document.Spec is PersonSpec person)
        {
            Add(person.Email);
        }
        return text.ToString().ToLowerInvariant();
    }
}
