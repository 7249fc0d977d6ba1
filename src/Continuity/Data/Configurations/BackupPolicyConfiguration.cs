using Continuity.Backups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class BackupPolicyConfiguration : IEntityTypeConfiguration<BackupPolicy>
{
    public void Configure(EntityTypeBuilder<BackupPolicy> builder)
    {
        builder.IsElementTable("backup_policies");
        builder.Property(b => b.System).IsName();
        builder.Property(b => b.Method).IsEnumText();
        builder.Property(b => b.StorageSite).IsName();
        builder.Property(b => b.OffsiteSite).IsName();
        builder.HasIndex(b => b.System);                          // "how is this system backed up?"
    }
}
