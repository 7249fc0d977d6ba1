namespace Continuity.PlanFiles;

/// <summary>The kinds of element a reference property may point at. A bare name resolves to
/// the one allowed kind that has an element of that name; two such kinds is an error.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RefToAttribute(params ElementKind[] kinds) : Attribute
{
    public IReadOnlyList<ElementKind> Kinds { get; } = kinds;
}

/// <summary>The object may also be written as a single scalar, which then fills
/// <see cref="Property"/> (<c>- system:db</c> means <c>- on: system:db</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ScalarFormAttribute(string property) : Attribute
{
    public string Property { get; } = property;
}

/// <summary>One line of documentation for the JSON Schema and <c>docs/plan-format.md</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class DocAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>A string property whose value must be a slug (lowercase letters, digits, dashes).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SlugAttribute : Attribute;

/// <summary>A record Continuity writes from its own tables (a signature, say): export writes it into
/// the files so they are complete, but forms do not offer it and import never changes it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RecordedByContinuityAttribute : Attribute;
