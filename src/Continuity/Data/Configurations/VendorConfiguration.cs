using Continuity.Vendors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> builder)
    {
        builder.IsElementTable("vendors");
        builder.Property(v => v.Services).HasJsonConversion();
        builder.Property(v => v.EmergencyContacts).HasJsonConversion();
        builder.Property(v => v.Escalation).HasJsonConversion();
        builder.Property(v => v.Alternate).IsName();
    }
}
