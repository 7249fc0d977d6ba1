using Continuity.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class ContinuityUserConfiguration : IEntityTypeConfiguration<ContinuityUser>
{
    public void Configure(EntityTypeBuilder<ContinuityUser> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PersonName).IsName();
        builder.Ignore(u => u.Label);
        builder.HasMany(u => u.Grants).WithOne().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccessGrantConfiguration : IEntityTypeConfiguration<AccessGrant>
{
    public void Configure(EntityTypeBuilder<AccessGrant> builder)
    {
        builder.ToTable("access_grants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Role).IsEnumText();
        builder.Property(g => g.Team).IsName();
        builder.HasIndex(g => new { g.UserId, g.Role, g.Team }).IsUnique();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasOne<ContinuityUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
