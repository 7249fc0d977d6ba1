using Continuity.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> builder)
    {
        builder.IsElementTable("scenarios");
        builder.Property(s => s.Risks).HasJsonConversion();
        builder.Property(s => s.ActivationCriteria).HasJsonConversion();
        builder.Property(s => s.Fails).HasJsonConversion();
        builder.Property(s => s.Disruption).IsEnumText();
    }
}
