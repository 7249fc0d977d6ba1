using Continuity.Procedures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> builder)
    {
        builder.IsElementTable("procedures");
        builder.Property(p => p.Scenarios).HasJsonConversion();
        builder.Property(p => p.Recovers).HasJsonConversion();
        builder.Property(p => p.Team).IsName();
    }
}

internal sealed class StepConfiguration : IEntityTypeConfiguration<Step>
{
    public void Configure(EntityTypeBuilder<Step> builder)
    {
        builder.ToTable("procedure_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Procedure>().WithMany().HasForeignKey(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Key).HasMaxLength(Element.NameMaxLength);
        builder.HasIndex(s => new { s.ProcedureId, s.Key }).IsUnique();
        builder.Property(s => s.Phase).IsEnumText();
        builder.Property(s => s.After).HasJsonConversion();
        builder.Property(s => s.Responsible).IsName();
        builder.Property(s => s.Backup).IsName();
        builder.Property(s => s.Communicate).HasJsonConversion();
        builder.Property(s => s.Vendor).IsName();
    }
}
