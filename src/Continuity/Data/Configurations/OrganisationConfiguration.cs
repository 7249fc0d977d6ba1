using Continuity.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.IsElementTable("organisations");
        builder.Property(o => o.Services).HasJsonConversion();
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.ImpactScales).HasJsonConversion();
        builder.Property(o => o.Waivers).HasJsonConversion();
    }
}
