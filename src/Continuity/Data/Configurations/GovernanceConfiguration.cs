using Continuity.Governance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.ToTable("plan_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Scope).HasMaxLength(PlanVersion.ScopeMaxLength);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.Property(v => v.SubmittedBy).HasMaxLength(PlanVersion.ActorMaxLength);
        builder.Property(v => v.Note).HasMaxLength(PlanVersion.NoteMaxLength);
        builder.Property(v => v.State).IsEnumText();
        builder.Ignore(v => v.Label);
        builder.Ignore(v => v.Summary);
        builder.HasIndex(v => new { v.Scope, v.Number }).IsUnique();
    }
}
