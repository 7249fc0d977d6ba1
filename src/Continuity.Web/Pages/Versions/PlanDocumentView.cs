using Continuity.Analysis;
using Continuity.Functions;
using Continuity.Governance;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Web.Pages.Versions;

/// <summary>One step of a procedure as the plan document prints it: the role responsible and its
/// stand-in by title, and who tells whom what at that step.</summary>
public sealed record DocumentStep(string Id, string Title, ProcedurePhase Phase, string? Responsible, string? Backup, int? ExpectedMinutes,
    string? Instructions, IReadOnlyList<string> Communication, string? Vendor, string? Verification);

public sealed record DocumentProcedure(string Name, string Title, string? Team, IReadOnlyList<DocumentStep> Steps);

public sealed record DocumentScenario(string Name, string Title, string? Description, Disruption? Disruption, int Priority,
    IReadOnlyList<string> ActivationCriteria, IReadOnlyList<DocumentProcedure> Procedures);

public sealed record DocumentRole(string Name, string Title, IReadOnlyList<string> Responsibilities, bool CanActivate, bool CanApprove,
    IReadOnlyList<(string? Team, IReadOnlyList<string> Holders)> Assignments);

public sealed record DocumentCallNode(string Contact, IReadOnlyList<string> Phones, IReadOnlyList<DocumentCallNode> Calls);

public sealed record DocumentCallTree(string Plan, string Title, CallHours Hours, int? EscalateAfterMinutes, string? IfUnreachable, DocumentCallNode? Root);

/// <summary>The plan document of one version (ADR 010), laid out as auditors know contingency plans
/// (NIST SP 800-34): approval, scope, roles, activation and notification, recovery per scenario,
/// reconstitution and appendices (contacts, vendors, BIA, recovery order). A pure function of the
/// version's snapshot — an old version is rendered from its own content by today's code.</summary>
public sealed class PlanDocumentView
{
    private readonly Dictionary<(ElementKind, string), PlanDocument> _byName;

    public PlanDocumentView(Plan plan, PlanScope scope, bool withRecoveryOrder = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scope);
        _byName = plan.Documents.ToDictionary(d => (d.Kind, d.Name));
        Scope = scope;
        Organisation = plan.Organisation;
        Title = Organisation is { } o ? o.Metadata.Title ?? o.Name : "The organisation";
        Sites = plan.OfKind(ElementKind.Site).ToList();
        Roles = [.. plan.Specs<RoleSpec>().Select(r => new DocumentRole(r.Document.Name, Label(r.Document), r.Spec.Responsibilities,
            r.Spec.CanActivatePlan, r.Spec.CanApprovePlans,
            [.. r.Spec.Assignments.Select(a => (a.Team?.Name, (IReadOnlyList<string>)[.. a.Holders.Select(h => PersonLabel(h.Name))]))]))];
        Scenarios = [.. plan.Specs<ScenarioSpec>().OrderBy(s => s.Spec.Priority).ThenBy(s => s.Document.Name, StringComparer.Ordinal)
            .Select(s => new DocumentScenario(s.Document.Name, Label(s.Document), s.Document.Spec.Description, s.Spec.Disruption, s.Spec.Priority,
                s.Spec.ActivationCriteria,
                [.. plan.Specs<ProcedureSpec>().Where(p => p.Spec.Scenarios.Any(r => r.Name == s.Document.Name)).Select(p => Procedure(p.Document, p.Spec))]))];
        Unassigned = [.. plan.Specs<ProcedureSpec>().Where(p => p.Spec.Scenarios.Count == 0).Select(p => Procedure(p.Document, p.Spec))];
        CallTrees = [.. plan.Specs<CommunicationPlanSpec>().SelectMany(c => c.Spec.CallTrees.Select(t => new DocumentCallTree(
            Label(c.Document), t.Title ?? t.Name, t.Hours, t.EscalateAfter?.Minutes, t.IfUnreachable, t.Root is null ? null : Node(t.Root))))];
        People = [.. plan.Specs<PersonSpec>().Where(p => p.Spec.Active).OrderBy(p => Label(p.Document), StringComparer.OrdinalIgnoreCase).Select(p => p.Document)];
        Vendors = [.. plan.OfKind(ElementKind.Vendor)];
        Functions = [.. plan.Specs<BusinessFunctionSpec>().OrderBy(f => f.Spec.Tier).ThenBy(f => Label(f.Document), StringComparer.OrdinalIgnoreCase).Select(f => f.Document)];
        RecoveryOrder = scope.IsOrganisation && withRecoveryOrder ? Waves(plan) : null;
    }

    public PlanScope Scope { get; }

    public PlanDocument? Organisation { get; }

    public string Title { get; }

    public IReadOnlyList<PlanDocument> Sites { get; }

    public IReadOnlyList<DocumentRole> Roles { get; }

    /// <summary>The roles that may activate the plan, with their holders in succession.</summary>
    public IEnumerable<DocumentRole> Authorities => Roles.Where(r => r.CanActivate);

    public IReadOnlyList<DocumentScenario> Scenarios { get; }

    /// <summary>Procedures for no scenario in particular.</summary>
    public IReadOnlyList<DocumentProcedure> Unassigned { get; }

    public IReadOnlyList<DocumentCallTree> CallTrees { get; }

    public IReadOnlyList<PlanDocument> People { get; }

    public IReadOnlyList<PlanDocument> Vendors { get; }

    public IReadOnlyList<PlanDocument> Functions { get; }

    /// <summary>The worst-case recovery order (everything down), wave by wave, as element labels;
    /// null for a team plan (its dependencies reach outside the team).</summary>
    public IReadOnlyList<IReadOnlyList<string>>? RecoveryOrder { get; }

    public string Label(PlanDocument document) => document.Metadata.Title ?? document.Name;

    public string Label(ElementKind kind, string name) =>
        _byName.GetValueOrDefault((kind, name)) is { } document ? Label(document) : name;

    public string PersonLabel(string name) => Label(ElementKind.Person, name);

    public static ApprovalState Approval(BusinessFunctionSpec spec) => ApprovalStates.Of(spec.Objectives);

    private DocumentProcedure Procedure(PlanDocument document, ProcedureSpec spec) => new(document.Name, Label(document), spec.Team?.Name,
        [.. spec.Steps.Select(s => new DocumentStep(s.Id, s.Title, s.Phase,
            s.Responsible is { } r ? Label(r.Kind ?? ElementKind.Role, r.Name) : null,
            s.Backup is { } b ? Label(b.Kind ?? ElementKind.Role, b.Name) : null,
            s.ExpectedDuration?.Minutes, s.Instructions,
            [.. s.Communicate.Select(c => $"{(c.From is { } from ? Label(from.Kind ?? ElementKind.Role, from.Name) : "Someone")} → {c.To}{(c.Channel is { } channel ? $" ({channel})" : "")}")],
            s.Vendor is { } v ? Label(ElementKind.Vendor, v.Name) : null, s.Verification))]);

    private DocumentCallNode Node(CallTreeNode node)
    {
        var contact = node.Contact;
        var person = contact is null ? null : _byName.GetValueOrDefault((contact.Kind ?? ElementKind.Person, contact.Name));
        var phones = person?.Spec is PersonSpec spec ? new[] { spec.Phones.Mobile, spec.Phones.Work, spec.Phones.Alternate }.OfType<string>().ToList() : [];
        return new DocumentCallNode(person is null ? contact?.Name ?? "?" : Label(person), phones, [.. node.Calls.Select(Node)]);
    }

    private static List<IReadOnlyList<string>>? Waves(Plan plan)
    {
        try
        {
            var snapshot = PlanSnapshot.From(plan);
            var order = DependencyOrder.Of(snapshot.Graph);
            var capacity = (plan.Organisation?.Spec as OrganisationSpec)?.RestoreCapacityPerTeam ?? 2;
            var report = ImpactAnalysis.RecoveryOrder(snapshot, [], capacity, order).Recovery;
            return report is null ? null : [.. report.Waves.Select(w => (IReadOnlyList<string>)[.. w.Select(id => snapshot.Titles[snapshot.IndexOf(id)] ?? id)])];
        }
        catch (InvalidOperationException)
        {
            return null;            // a snapshot the analysis cannot order: the appendix says so
        }
    }
}
