using Continuity.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.IsElementTable("sites");
        builder.Property(s => s.Type).IsEnumText();
        builder.Property(s => s.Within).IsName();
        builder.Property(s => s.Vendor).IsName();
    }
}
