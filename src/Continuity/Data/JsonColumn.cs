using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Continuity.Data;

/// <summary>Leaf value objects (phones, contacts, call trees, labels …) are stored as JSON in a
/// plain text column on both engines: nothing queries inside them yet, and text keeps the two
/// providers' schemas alike.</summary>
internal static class JsonColumn
{
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class =>
        property.HasConversion(new JsonValueConverter<T>(), new JsonValueComparer<T>());

    private sealed class JsonValueConverter<T>() : ValueConverter<T, string>(
        value => PlanJson.Serialize(value),
        json => PlanJson.Deserialize<T>(json))
        where T : class;

    // Values are mutable lists and objects: compare and snapshot them by their JSON.
    private sealed class JsonValueComparer<T>() : ValueComparer<T>(
        (left, right) => PlanJson.Serialize(left) == PlanJson.Serialize(right),
        value => PlanJson.Serialize(value).GetHashCode(StringComparison.Ordinal),
        value => PlanJson.Deserialize<T>(PlanJson.Serialize(value)))
        where T : class;
}
