using Continuity.Dependencies;
using Continuity.Functions;
using Continuity.Systems;
using Continuity.Vendors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class DependencyConfiguration : IEntityTypeConfiguration<Dependency>
{
    public void Configure(EntityTypeBuilder<Dependency> builder)
    {
        builder.ToTable("dependencies", table => table.HasCheckConstraint("ck_dependencies_one_dependent",
            "(CASE WHEN \"FunctionId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"SystemId\" IS NULL THEN 0 ELSE 1 END)"
            + " + (CASE WHEN \"VendorId\" IS NULL THEN 0 ELSE 1 END) = 1"));
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Ignore(d => d.OwnerId);
        // The dependent is one of three kinds; each has its own cascading key.
        builder.HasOne<BusinessFunction>().WithMany().HasForeignKey(d => d.FunctionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SystemElement>().WithMany().HasForeignKey(d => d.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(d => d.VendorId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.DependentKind).IsEnumText();
        builder.Property(d => d.DependentName).HasMaxLength(Element.NameMaxLength);
        builder.Property(d => d.TargetKind).IsEnumText();
        builder.Property(d => d.TargetName).HasMaxLength(Element.NameMaxLength);
        builder.Property(d => d.Type).IsEnumText();
        builder.HasIndex(d => new { d.TargetKind, d.TargetName });   // "what depends on this?"
    }
}
