using Continuity.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.IsElementTable("roles");
        builder.Property(r => r.Responsibilities).HasJsonConversion();
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("role_assignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Role>().WithMany().HasForeignKey(a => a.RoleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.RoleId, a.Position }).IsUnique();
        builder.Property(a => a.Team).IsName();
        builder.Property(a => a.Recovers).HasJsonConversion();
    }
}

internal sealed class RoleHolderConfiguration : IEntityTypeConfiguration<RoleHolder>
{
    public void Configure(EntityTypeBuilder<RoleHolder> builder)
    {
        builder.ToTable("role_holders");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.HasOne<Assignment>().WithMany().HasForeignKey(h => h.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.AssignmentId, h.Rank }).IsUnique();
        builder.Property(h => h.Person).HasMaxLength(Element.NameMaxLength);
        builder.HasIndex(h => h.Person);                          // "which roles does this person hold?"
    }
}
