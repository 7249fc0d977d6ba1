using Continuity.Risks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class RiskConfiguration : IEntityTypeConfiguration<Risk>
{
    public void Configure(EntityTypeBuilder<Risk> builder)
    {
        builder.IsElementTable("risks");
        builder.Property(r => r.Threat).IsEnumText();
        builder.Property(r => r.Affects).HasJsonConversion();
        builder.Property(r => r.Treatment).IsEnumText();
    }
}
