using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Continuity.PlanFiles;

/// <summary>What a value in a plan file can be. The loader, the writer and the JSON Schema all
/// work from these shapes, so they cannot disagree about the format.</summary>
public enum ValueShape { String, Integer, Boolean, Enum, Duration, Date, Reference, List, Map, Object }

/// <summary>The shape of one type in the plan model.</summary>
public sealed class TypeShape
{
    private TypeShape(Type type)
    {
        Type = type;
        var underlying = Nullable.GetUnderlyingType(type);
        IsNullable = underlying is not null || !type.IsValueType;
        var bare = underlying ?? type;
        Bare = bare;
        Shape = bare switch
        {
            _ when bare == typeof(string) => ValueShape.String,
            _ when bare == typeof(int) || bare == typeof(long) => ValueShape.Integer,
            _ when bare == typeof(bool) => ValueShape.Boolean,
            _ when bare.IsEnum => ValueShape.Enum,
            _ when bare == typeof(Duration) => ValueShape.Duration,
            _ when bare == typeof(DateOnly) => ValueShape.Date,
            _ when bare == typeof(Reference) => ValueShape.Reference,
            _ when bare.IsGenericType && bare.GetGenericTypeDefinition() == typeof(List<>) => ValueShape.List,
            _ when bare.IsGenericType && bare.GetGenericTypeDefinition() == typeof(Dictionary<,>) => ValueShape.Map,
            _ when bare.IsClass => ValueShape.Object,
            _ => throw new NotSupportedException($"The plan model cannot hold a {bare.Name}."),
        };
        if (Shape is ValueShape.List or ValueShape.Map)
        {
            var arguments = bare.GetGenericArguments();
            Key = Shape == ValueShape.Map ? arguments[0] : null;
            Item = arguments[^1];
        }
        ScalarForm = bare.GetCustomAttribute<ScalarFormAttribute>()?.Property;
        Doc = bare.GetCustomAttribute<DocAttribute>()?.Text;
    }

    public Type Type { get; }

    /// <summary>The type without <c>Nullable&lt;&gt;</c>.</summary>
    public Type Bare { get; }

    public ValueShape Shape { get; }

    public bool IsNullable { get; }

    /// <summary>The key type of a map (string, Duration or an enum).</summary>
    public Type? Key { get; }

    /// <summary>The shape of <see cref="Key"/>.</summary>
    internal TypeShape? KeyShape => Key is null ? null : _keyShape ??= Of(Key);

    private TypeShape? _keyShape;

    /// <summary>The item type of a list, or the value type of a map.</summary>
    public Type? Item { get; }

    public string? ScalarForm { get; }

    public string? Doc { get; }

    /// <summary>The properties of an object, in file order. Empty for other shapes.</summary>
    public IReadOnlyList<PropertyShape> Properties => _properties ??= Shape == ValueShape.Object ? PropertyShape.Of(Bare) : [];

    private IReadOnlyList<PropertyShape>? _properties;

    private static readonly ConcurrentDictionary<Type, TypeShape> Cache = new();

    public static TypeShape Of(Type type) => Cache.GetOrAdd(type, t => new TypeShape(t));

    /// <summary>The spellings an enum accepts in plan files, in declaration order.</summary>
    public IReadOnlyList<string> EnumValues => _enumValues ??= Shape == ValueShape.Enum
        ? [.. Enum.GetNames(Bare).Select(Naming.KebabCase)]
        : [];

    /// <summary>The enum's values, in the same order as <see cref="EnumValues"/>.</summary>
    public Array EnumMembers => _enumMembers ??= Shape == ValueShape.Enum ? Enum.GetValues(Bare) : Array.Empty<object>();

    private IReadOnlyList<string>? _enumValues;
    private Array? _enumMembers;

    public PropertyShape? Property(string key) => PropertiesByKey.GetValueOrDefault(key);

    // The reader asks for these once per value; they are worked out once per type.
    private Dictionary<string, PropertyShape>? _propertiesByKey;
    private IReadOnlyList<PropertyShape>? _requiredProperties;
    private TypeShape? _itemShape;
    private Dictionary<string, object>? _enumsByName;

    private Dictionary<string, PropertyShape> PropertiesByKey => _propertiesByKey ??= ByKey(Properties);

    /// <summary>The properties that must be given, in file order.</summary>
    internal IReadOnlyList<PropertyShape> RequiredProperties => _requiredProperties ??= [.. Properties.Where(p => p.Required)];

    /// <summary>The shape of <see cref="Item"/>.</summary>
    internal TypeShape? ItemShape => Item is null ? null : _itemShape ??= Of(Item);

    /// <summary>The (boxed) enum value a plan file spells <paramref name="name"/>.</summary>
    internal bool TryGetEnumValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value)
    {
        _enumsByName ??= EnumValues.Select((spelling, at) => (spelling, value: EnumMembers.GetValue(at)!))
            .ToDictionary(e => e.spelling, e => e.value, StringComparer.Ordinal);
        return _enumsByName.TryGetValue(name, out value);
    }

    private static Dictionary<string, PropertyShape> ByKey(IReadOnlyList<PropertyShape> properties)
    {
        // The first property of a key wins, as a search in file order would find it.
        var byKey = new Dictionary<string, PropertyShape>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            byKey.TryAdd(property.Key, property);
        }
        return byKey;
    }
}

/// <summary>One property of a plan-model class as plan files spell it.</summary>
public sealed class PropertyShape
{
    private PropertyShape(PropertyInfo property, object? defaultValue, int index)
    {
        Property = property;
        Index = index;
        Key = Naming.CamelCase(property.Name);
        Required = property.GetCustomAttribute<RequiredAttribute>() is not null;
        RefTo = property.GetCustomAttribute<RefToAttribute>()?.Kinds ?? [];
        Range = property.GetCustomAttribute<RangeAttribute>();
        Doc = property.GetCustomAttribute<DocAttribute>()?.Text;
        IsSlug = property.GetCustomAttribute<SlugAttribute>() is not null;
        IsRecord = property.GetCustomAttribute<RecordedByContinuityAttribute>() is not null;
        Default = defaultValue;
    }

    public PropertyInfo Property { get; }

    public string Key { get; }

    public TypeShape Type => _type ??= TypeShape.Of(Property.PropertyType);

    private TypeShape? _type;

    /// <summary>The place of this property in <see cref="TypeShape.Properties"/>.</summary>
    internal int Index { get; }

    public bool Required { get; }

    /// <summary>The kinds a reference (or list of references) may point at.</summary>
    public IReadOnlyList<ElementKind> RefTo { get; }

    public RangeAttribute? Range { get; }

    public string? Doc { get; }

    public bool IsSlug { get; }

    /// <summary>Written by Continuity from its own tables, never by people: see <see cref="RecordedByContinuityAttribute"/>.</summary>
    public bool IsRecord { get; }

    /// <summary>The value a new instance has; the writer omits values equal to it.</summary>
    public object? Default { get; }

    public object? GetValue(object owner) => Access.Get(owner);

    public void SetValue(object owner, object? value) => Access.Set(owner, value);

    // Delegates to the accessors themselves: PropertyInfo.GetValue and SetValue cost a third of
    // the time spent binding a plan file's values to the model.
    private Accessors Access => _access ??= Accessors.Of(Property);

    private Accessors? _access;

    private sealed record Accessors(Func<object, object?> Get, Action<object, object?> Set)
    {
        public static Accessors Of(PropertyInfo property) =>
            (Accessors)typeof(Accessors).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(property.DeclaringType!, property.PropertyType)
                .Invoke(null, [property])!;

        private static Accessors Typed<TOwner, TValue>(PropertyInfo property)
        {
            var get = property.GetMethod!.CreateDelegate<Func<TOwner, TValue>>();
            var set = property.SetMethod!.CreateDelegate<Action<TOwner, TValue>>();
            // As with PropertyInfo.SetValue, null sets a value type to its default.
            return new Accessors(owner => get((TOwner)owner), (owner, value) => set((TOwner)owner, value is null ? default! : (TValue)value));
        }
    }

    internal static IReadOnlyList<PropertyShape> Of(Type type)
    {
        var blank = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} needs a parameterless constructor.");
        // Base class properties (the Description of every spec) come first.
        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.DeclaringType == type ? 1 : 0)
            .ThenBy(p => p.MetadataToken)
            .Select((p, index) => new PropertyShape(p, p.GetValue(blank), index))];
    }
}
