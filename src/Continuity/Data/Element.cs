using Continuity.PlanFiles;

namespace Continuity.Data;

/// <summary>What every element of the plan has, whatever its kind: a Guid id for the database,
/// the plan's stable name, the metadata of its document, a concurrency token and timestamps.
/// Each kind is its own table; this base class is not mapped as a hierarchy.</summary>
public abstract class Element
{
    public const int NameMaxLength = 200;

    // For EF Core, which sets the properties itself.
    protected Element()
    {
    }

    protected Element(string name, DateTime createdUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, NameMaxLength, nameof(name));

        Id = Guid.CreateVersion7(new DateTimeOffset(createdUtc));
        Name = name;
        CreatedUtc = createdUtc;
        UpdatedUtc = createdUtc;
        Version = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    /// <summary>The stable name (slug) that plan files and other elements use; unique per kind.</summary>
    public string Name { get; private set; } = "";

    public string? Title { get; private set; }

    /// <summary>Name of the accountable person.</summary>
    public string? Owner { get; private set; }

    public string? Description { get; private set; }

    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; private set; } = new Dictionary<string, string>();

    /// <summary>Changes on every change, so that two editors cannot overwrite each other unseen.</summary>
    public Guid Version { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime UpdatedUtc { get; private set; }

    /// <summary>Takes the metadata and description of a plan document, and records a change.</summary>
    protected void Describe(Metadata metadata, ElementSpec spec, DateTime updatedUtc)
    {
        if (metadata.Name != Name)
        {
            throw new ArgumentException($"The document describes '{metadata.Name}', not '{Name}'.", nameof(metadata));
        }
        Title = metadata.Title;
        Owner = metadata.Owner?.Name;
        Description = spec.Description;
        Labels = new Dictionary<string, string>(metadata.Labels ?? []);
        Annotations = new Dictionary<string, string>(metadata.Annotations ?? []);
        Version = Guid.NewGuid();
        UpdatedUtc = updatedUtc;
    }

    protected Metadata ToMetadata() => new()
    {
        Name = Name,
        Title = Title,
        Owner = Columns.ToReference(ElementKind.Person, Owner),
        Labels = new Dictionary<string, string>(Labels),
        Annotations = new Dictionary<string, string>(Annotations),
    };
}
