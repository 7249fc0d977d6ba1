using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Versions;

/// <summary>A continuity role one person holds in a version: for which team, and whether they are
/// the first holder or a stand-in (and which).</summary>
public sealed record HeldRole(string Name, string Title, string? Team, int Position, IReadOnlyList<string> Responsibilities, bool CanActivate);

/// <summary>A procedure step that falls to the person: through a role they hold, or by name; as the
/// one responsible or as the stand-in.</summary>
public sealed record MyStep(string Procedure, IReadOnlyList<string> Scenarios, DocumentStep Step, bool AsStandIn);

/// <summary>Someone the person calls in a call tree, or who calls them, with the numbers the reader may see.</summary>
public sealed record MyContact(string Name, string Relation, IReadOnlyList<string> Phones, string? Email);

/// <summary>"My roles, my steps, my contacts" (ADR 010): what one person must know of a version,
/// read from its snapshot like the plan document.</summary>
public sealed class RoleView
{
    public RoleView(Plan plan, string person)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var document = new PlanDocumentView(plan, Governance.PlanScope.Organisation, withRecoveryOrder: false);
        Person = person;
        PersonLabel = document.PersonLabel(person);
        Known = plan.OfKind(ElementKind.Person).Any(p => p.Name == person);
        Roles = [.. plan.Specs<RoleSpec>().SelectMany(r => r.Spec.Assignments
            .Select(a => (Assignment: a, Position: a.Holders.FindIndex(h => h.Name == person)))
            .Where(x => x.Position >= 0)
            .Select(x => new HeldRole(r.Document.Name, document.Label(r.Document), x.Assignment.Team?.Name, x.Position, r.Spec.Responsibilities, r.Spec.CanActivatePlan)))];
        var roleTitles = Roles.Select(r => r.Title).ToHashSet(StringComparer.Ordinal);
        var steps = new List<MyStep>();
        foreach (var (procedureDocument, procedure) in plan.Specs<ProcedureSpec>())
        {
            var view = document.Scenarios.SelectMany(s => s.Procedures).Concat(document.Unassigned).FirstOrDefault(p => p.Name == procedureDocument.Name);
            if (view is null)
            {
                continue;
            }
            var scenarios = procedure.Scenarios.Select(s => document.Label(ElementKind.Scenario, s.Name)).ToList();
            for (var i = 0; i < procedure.Steps.Count; i++)
            {
                var step = procedure.Steps[i];
                if (Mine(step.Responsible))
                {
                    steps.Add(new MyStep(view.Title, scenarios, view.Steps[i], AsStandIn: false));
                }
                else if (Mine(step.Backup))
                {
                    steps.Add(new MyStep(view.Title, scenarios, view.Steps[i], AsStandIn: true));
                }
            }
        }
        Steps = steps;
        Contacts = [.. plan.Specs<CommunicationPlanSpec>().SelectMany(c => c.Spec.CallTrees).Where(t => t.Root is not null)
            .SelectMany(t => ContactsIn(t.Root!, parent: null, t.Title ?? t.Name, plan))
            .DistinctBy(c => (c.Name, c.Relation))];

        bool Mine(Reference? reference) => reference is { } r && (r.Kind == ElementKind.Person ? r.Name == person : Roles.Any(h => h.Name == r.Name));
    }

    public string Person { get; }

    public string PersonLabel { get; }

    /// <summary>Whether the version has this person at all.</summary>
    public bool Known { get; }

    public IReadOnlyList<HeldRole> Roles { get; }

    public IReadOnlyList<MyStep> Steps { get; }

    public IReadOnlyList<MyContact> Contacts { get; }

    private bool IsMe(Reference? contact) =>
        contact is { } c && (c.Kind == ElementKind.Role ? Roles.Any(r => r.Name == c.Name) : c.Name == Person);

    private IEnumerable<MyContact> ContactsIn(CallTreeNode node, CallTreeNode? parent, string tree, Plan plan)
    {
        if (IsMe(node.Contact))
        {
            if (parent?.Contact is { } caller && !IsMe(caller))
            {
                yield return Contact(caller, $"calls you ({tree})", plan);
            }
            foreach (var call in node.Calls.Where(c => c.Contact is not null && !IsMe(c.Contact)))
            {
                yield return Contact(call.Contact!, $"you call them ({tree})", plan);
            }
        }
        foreach (var call in node.Calls)
        {
            foreach (var contact in ContactsIn(call, node, tree, plan))
            {
                yield return contact;
            }
        }
    }

    /// <summary>A person, or a role through its first holder.</summary>
    private static MyContact Contact(Reference contact, string relation, Plan plan)
    {
        var role = contact.Kind == ElementKind.Role ? plan.OfKind(ElementKind.Role).FirstOrDefault(r => r.Name == contact.Name) : null;
        var personName = role?.Spec is RoleSpec spec ? spec.Assignments.SelectMany(a => a.Holders).FirstOrDefault()?.Name : contact.Name;
        var person = plan.OfKind(ElementKind.Person).FirstOrDefault(p => p.Name == personName);
        var details = person?.Spec as PersonSpec;
        var name = person?.Metadata.Title ?? personName ?? contact.Name;
        return new MyContact(role is null ? name : $"{role.Metadata.Title ?? role.Name} ({name})", relation,
            details is null ? [] : [.. new[] { details.Phones.Mobile, details.Phones.Work, details.Phones.Alternate }.OfType<string>()], details?.Email);
    }
}
