using Continuity.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class SystemConfiguration : IEntityTypeConfiguration<SystemElement>
{
    public void Configure(EntityTypeBuilder<SystemElement> builder)
    {
        builder.IsElementTable("systems");
        builder.Property(s => s.Type).IsEnumText();
        builder.Property(s => s.Team).IsName();
        builder.Property(s => s.BusinessOwner).IsName();
        builder.Property(s => s.TechnicalOwner).IsName();
        builder.Property(s => s.Vendor).IsName();
        builder.Property(s => s.HostingProvider).HasMaxLength(100);
        builder.Property(s => s.HostingSites).HasJsonConversion();
        builder.Property(s => s.HostingZones).HasJsonConversion();
        builder.Property(s => s.HostingRecoverySites).HasJsonConversion();
        builder.Property(s => s.DataClassification).IsEnumText();
        builder.Property(s => s.RtoByDisruption).HasJsonConversion();
        builder.Property(s => s.RestoreConfidence).IsEnumText();
    }
}
