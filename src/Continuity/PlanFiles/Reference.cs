namespace Continuity.PlanFiles;

/// <summary>A reference from one plan element to another by its stable name, written
/// <c>name</c> where the property admits one kind, or <c>kind:name</c> (for example
/// <c>system:customer-db</c>). A reference is resolved against the whole plan when it loads.</summary>
public sealed class Reference : IEquatable<Reference>
{
    public Reference(ElementKind? kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>The kind, when the author wrote it or the property admits only one.</summary>
    public ElementKind? Kind { get; internal set; }

    public string Name { get; }

    public static Reference To(ElementKind kind, string name) => new(kind, name);

    public bool Equals(Reference? other) => other is not null && Kind == other.Kind && Name == other.Name;

    public override bool Equals(object? obj) => Equals(obj as Reference);

    public override int GetHashCode() => HashCode.Combine(Kind, Name);

    public override string ToString() => Kind is { } kind ? $"{ElementKinds.Slug(kind)}:{Name}" : Name;
}
