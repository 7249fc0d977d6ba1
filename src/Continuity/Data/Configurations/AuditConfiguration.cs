using Continuity.Audit;
using Continuity.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(e => e.Channel).IsEnumText();
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        builder.Property(e => e.Subject).HasMaxLength(AuditEntry.SubjectMaxLength);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Ignore(e => e.FieldChanges);
        builder.HasIndex(e => e.Subject);
        builder.HasIndex(e => e.Actor);
        builder.HasIndex(e => e.AtUtc);
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("audit_head");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64);
    }
}

internal sealed class PlanRevisionConfiguration : IEntityTypeConfiguration<PlanRevision>
{
    public void Configure(EntityTypeBuilder<PlanRevision> builder)
    {
        builder.ToTable("plan_revision");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
    }
}

internal sealed class ElementVersionConfiguration : IEntityTypeConfiguration<ElementVersion>
{
    public void Configure(EntityTypeBuilder<ElementVersion> builder)
    {
        builder.ToTable("element_versions");
        builder.HasKey(v => new { v.Kind, v.Name, v.Revision });
        builder.Property(v => v.Kind).IsEnumText();
        builder.Property(v => v.Name).HasMaxLength(Element.NameMaxLength);
        builder.HasIndex(v => v.Revision);
    }
}
