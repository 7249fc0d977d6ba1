using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.People;

/// <summary>A person with contact details.</summary>
public sealed class Person : Element
{
    public const int EmailMaxLength = 320;

    private Person()
    {
    }

    public Person(Metadata metadata, PersonSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    public string Email { get; private set; } = "";

    public Phones Phones { get; private set; } = new();

    public string? TimeZone { get; private set; }

    /// <summary>Name of the site where the person usually works.</summary>
    public string? Location { get; private set; }

    /// <summary>Name of the person's team.</summary>
    public string? Team { get; private set; }

    /// <summary>Name of the person's manager.</summary>
    public string? Manager { get; private set; }

    /// <summary>False for people who have left.</summary>
    public bool Active { get; private set; }

    public DateOnly? ContactVerified { get; private set; }

    public void UpdateFromPlan(Metadata metadata, PersonSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Email = spec.Email;
        Phones = spec.Phones ?? new();
        TimeZone = spec.TimeZone;
        Location = spec.Location?.Name;
        Team = spec.Team?.Name;
        Manager = spec.Manager?.Name;
        Active = spec.Active;
        ContactVerified = spec.ContactVerified;
    }

    public PlanDocument ToDocument() => new(ElementKind.Person, ToMetadata(), new PersonSpec
    {
        Description = Description,
        Email = Email,
        Phones = Phones,
        TimeZone = TimeZone,
        Location = Columns.ToReference(ElementKind.Site, Location),
        Team = Columns.ToReference(ElementKind.Team, Team),
        Manager = Columns.ToReference(ElementKind.Person, Manager),
        Active = Active,
        ContactVerified = ContactVerified,
    });
}
