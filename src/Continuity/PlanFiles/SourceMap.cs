namespace Continuity.PlanFiles;

/// <summary>Remembers where in the plan files each loaded object and property came from, so
/// that problems found later (an unknown reference, a cycle) can point at file:line:column.</summary>
public sealed class SourceMap
{
    private readonly Dictionary<object, SourceLocation> _objects = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(object Owner, string Key), SourceLocation> _properties = [];

    internal void Add(object value, SourceLocation location) => _objects.TryAdd(value, location);

    internal void Add(object owner, string key, SourceLocation location) =>
        _properties.TryAdd((new IdentityKey(owner), key), location);

    /// <summary>Where an object (a document's spec, a step, a reference) starts.</summary>
    public SourceLocation? Locate(object value) => _objects.GetValueOrDefault(value);

    /// <summary>Where a property's value is; falls back to where its owner starts.</summary>
    public SourceLocation? Locate(object owner, string key) =>
        _properties.GetValueOrDefault((new IdentityKey(owner), key)) ?? Locate(owner);

    /// <summary>Compares the wrapped object by identity, so equal-looking objects stay apart.</summary>
    private sealed class IdentityKey(object value)
    {
        private readonly object _value = value;

        public override bool Equals(object? obj) => obj is IdentityKey other && ReferenceEquals(_value, other._value);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_value);
    }
}
