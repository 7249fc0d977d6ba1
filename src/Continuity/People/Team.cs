using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.People;

/// <summary>A team or department; team-level plans hang off teams.</summary>
public sealed class Team : Element
{
    private Team()
    {
    }

    public Team(Metadata metadata, TeamSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    /// <summary>Name of the parent team.</summary>
    public string? Parent { get; private set; }

    /// <summary>Name of the person who manages the team.</summary>
    public string? Manager { get; private set; }

    /// <summary>Name of the person who keeps the team's plan current.</summary>
    public string? ContinuityCoordinator { get; private set; }

    public void UpdateFromPlan(Metadata metadata, TeamSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Parent = spec.Parent?.Name;
        Manager = spec.Manager?.Name;
        ContinuityCoordinator = spec.ContinuityCoordinator?.Name;
    }

    public PlanDocument ToDocument() => new(ElementKind.Team, ToMetadata(), new TeamSpec
    {
        Description = Description,
        Parent = Columns.ToReference(ElementKind.Team, Parent),
        Manager = Columns.ToReference(ElementKind.Person, Manager),
        ContinuityCoordinator = Columns.ToReference(ElementKind.Person, ContinuityCoordinator),
    });
}
