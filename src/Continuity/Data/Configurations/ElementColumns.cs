using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

/// <summary>The columns every element table has, and the column types the configurations share.</summary>
internal static class ElementColumns
{
    public const int EnumMaxLength = 32;

    public static void IsElementTable<T>(this EntityTypeBuilder<T> element, string table)
        where T : Element
    {
        element.ToTable(table);
        element.HasKey(e => e.Id);
        element.Property(e => e.Id).ValueGeneratedNever();        // Guid v7, made in the constructor
        element.Property(e => e.Name).HasMaxLength(Element.NameMaxLength);
        element.HasIndex(e => e.Name).IsUnique();
        element.Property(e => e.Owner).IsName();
        element.Property(e => e.Labels).HasJsonConversion();
        element.Property(e => e.Annotations).HasJsonConversion();
        element.Property(e => e.Version).IsConcurrencyToken();    // SQLite has no rowversion/xmin
    }

    /// <summary>A column holding the name of another element.</summary>
    public static PropertyBuilder<string?> IsName(this PropertyBuilder<string?> property) =>
        property.HasMaxLength(Element.NameMaxLength);

    public static PropertyBuilder<TEnum> IsEnumText<TEnum>(this PropertyBuilder<TEnum> property) =>
        property.HasConversion<string>().HasMaxLength(EnumMaxLength);
}
