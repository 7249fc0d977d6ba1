using Continuity.Communication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class CommunicationPlanConfiguration : IEntityTypeConfiguration<CommunicationPlan>
{
    public void Configure(EntityTypeBuilder<CommunicationPlan> builder)
    {
        builder.IsElementTable("communication_plans");
        builder.Property(c => c.Audiences).HasJsonConversion();
        builder.Property(c => c.Channels).HasJsonConversion();
        builder.Property(c => c.Templates).HasJsonConversion();
        builder.Property(c => c.CallTrees).HasJsonConversion();
    }
}
