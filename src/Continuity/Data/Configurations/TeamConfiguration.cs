using Continuity.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.IsElementTable("teams");
        builder.Property(t => t.Parent).IsName();
        builder.Property(t => t.Manager).IsName();
        builder.Property(t => t.ContinuityCoordinator).IsName();
    }
}
