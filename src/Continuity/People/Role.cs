using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.People;

/// <summary>A contingency role (incident commander, communications lead …). Who holds it is in
/// <see cref="Assignment"/> and <see cref="RoleHolder"/> rows.</summary>
public sealed class Role : Element
{
    private Role()
    {
    }

    public Role(Metadata metadata, RoleSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    public IReadOnlyList<string> Responsibilities { get; private set; } = [];

    public bool CanActivatePlan { get; private set; }

    public bool CanApprovePlans { get; private set; }

    public void UpdateFromPlan(Metadata metadata, RoleSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Responsibilities = Columns.Copy(spec.Responsibilities);
        CanActivatePlan = spec.CanActivatePlan;
        CanApprovePlans = spec.CanApprovePlans;
    }

    /// <summary>The assignment and holder rows for the spec's assignments, in order.</summary>
    public (List<Assignment> Assignments, List<RoleHolder> Holders) AssignmentsFromPlan(RoleSpec spec)
    {
        var assignments = new List<Assignment>();
        var holders = new List<RoleHolder>();
        foreach (var (planAssignment, position) in (spec.Assignments ?? []).Select((a, i) => (a, i)))
        {
            var assignment = new Assignment(Id, position, planAssignment.Team?.Name, Columns.ToTexts(planAssignment.Recovers));
            assignments.Add(assignment);
            holders.AddRange((planAssignment.Holders ?? []).Select((holder, rank) => new RoleHolder(assignment.Id, rank + 1, holder.Name)));
        }
        return (assignments, holders);
    }

    /// <param name="assignments">This role's assignments, by position.</param>
    /// <param name="holders">Holders by assignment id, by rank.</param>
    public PlanDocument ToDocument(IEnumerable<Assignment> assignments, ILookup<Guid, RoleHolder> holders) =>
        new(ElementKind.Role, ToMetadata(), new RoleSpec
        {
            Description = Description,
            Responsibilities = [.. Responsibilities],
            CanActivatePlan = CanActivatePlan,
            CanApprovePlans = CanApprovePlans,
            Assignments =
            [
                .. assignments.Select(assignment => new RoleAssignment
                {
                    Team = Columns.ToReference(ElementKind.Team, assignment.Team),
                    Holders = Columns.ToReferences(ElementKind.Person, holders[assignment.Id].Select(holder => holder.Person)),
                    Recovers = Columns.FromTexts(assignment.Recovers),
                }),
            ],
        });
}

/// <summary>Who holds a role organisation-wide (no team) or for one team, and what they recover.</summary>
public sealed class Assignment
{
    private Assignment()
    {
    }

    public Assignment(Guid roleId, int position, string? team, IReadOnlyList<string> recovers)
    {
        Id = Guid.CreateVersion7();
        RoleId = roleId;
        Position = position;
        Team = team;
        Recovers = recovers;
    }

    public Guid Id { get; private set; }

    public Guid RoleId { get; private set; }

    /// <summary>Order of the assignment within the role, from 0.</summary>
    public int Position { get; private set; }

    /// <summary>Name of the team this assignment is for; null for organisation-wide.</summary>
    public string? Team { get; private set; }

    /// <summary>What the holders are responsible to recover, each as <c>kind:name</c>.</summary>
    public IReadOnlyList<string> Recovers { get; private set; } = [];
}

/// <summary>One person holding a role, in succession order: rank 1 is the primary, then alternates.</summary>
public sealed class RoleHolder
{
    private RoleHolder()
    {
    }

    public RoleHolder(Guid assignmentId, int rank, string person)
    {
        Id = Guid.CreateVersion7();
        AssignmentId = assignmentId;
        Rank = rank;
        Person = person;
    }

    public Guid Id { get; private set; }

    public Guid AssignmentId { get; private set; }

    public int Rank { get; private set; }

    /// <summary>Name of the person.</summary>
    public string Person { get; private set; } = "";
}
