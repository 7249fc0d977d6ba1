using Continuity.Functions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class BusinessFunctionConfiguration : IEntityTypeConfiguration<BusinessFunction>
{
    public void Configure(EntityTypeBuilder<BusinessFunction> builder)
    {
        builder.IsElementTable("business_functions");
        builder.Property(f => f.Team).IsName();
        builder.Property(f => f.Supports).HasJsonConversion();
        builder.Property(f => f.PeakPeriods).HasJsonConversion();
        builder.Property(f => f.ObjectivesByDisruption).HasJsonConversion();
        builder.Property(f => f.ApprovedBy).IsName();
    }
}

internal sealed class FunctionImpactConfiguration : IEntityTypeConfiguration<FunctionImpact>
{
    public void Configure(EntityTypeBuilder<FunctionImpact> builder)
    {
        builder.ToTable("function_impacts", table =>
            table.HasCheckConstraint("ck_function_impacts_rating", "\"Rating\" BETWEEN 1 AND 5"));
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasOne<BusinessFunction>().WithMany().HasForeignKey(i => i.FunctionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.FunctionId, i.Category, i.Minutes }).IsUnique();
        builder.Property(i => i.Category).HasMaxLength(Element.NameMaxLength);
    }
}

internal sealed class FinancialLossConfiguration : IEntityTypeConfiguration<FinancialLoss>
{
    public void Configure(EntityTypeBuilder<FinancialLoss> builder)
    {
        builder.ToTable("function_financial_losses");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasOne<BusinessFunction>().WithMany().HasForeignKey(l => l.FunctionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.FunctionId, l.Minutes }).IsUnique();
    }
}
