using Continuity.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Continuity.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.IsElementTable("people");
        builder.Property(p => p.Email).HasMaxLength(Person.EmailMaxLength);
        builder.Property(p => p.Phones).HasJsonConversion();
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.Location).IsName();
        builder.Property(p => p.Team).IsName();
        builder.Property(p => p.Manager).IsName();
    }
}
