using Continuity.Demo;
using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Continuity.Tests.PlanFiles;

/// <summary>Plan files survive writing and reading unchanged: export → import → export is stable.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void The_demo_plan_written_and_read_back_is_the_same_plan_and_writes_the_same_bytes()
    {
        var demo = DemoPlan.Load();
        Assert.False(demo.HasErrors);

        var written = PlanFileWriter.Files(demo.Plan);
        var reread = PlanLoader.LoadTexts(written);

        Assert.DoesNotContain(reread.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(demo.Plan.Documents.Count, reread.Plan.Documents.Count);
        Assert.Equal(written, PlanFileWriter.Files(reread.Plan));
    }

    [Fact]
    public void A_plan_under_construction_with_zero_values_writes_reads_and_writes_byte_identically()
    {
        var written = PlanFileWriter.Files(IncompletePlan.Load().Plan);
        var reread = PlanLoader.LoadTexts(written);

        Assert.Empty(reread.Diagnostics);
        Assert.Equal(written, PlanFileWriter.Files(reread.Plan));
        var systems = written.Single(f => f.File == "systems.yaml").Text;
        Assert.All(["rto: 0m", "rpo: 0m", "estimated: 0m", "measured: 0m", "replicationLag: 0m"],
            written => Assert.Contains(written, systems, StringComparison.Ordinal));
        Assert.Contains("frequency: 0m", written.Single(f => f.File == "backups.yaml").Text, StringComparison.Ordinal);
        var procedures = written.Single(f => f.File == "procedures.yaml").Text;
        Assert.DoesNotContain("responsible", procedures, StringComparison.Ordinal);
        Assert.DoesNotContain("steps: []", procedures, StringComparison.Ordinal);
    }

    [Property(MaxTest = 25)]
    public Property A_generated_plan_writes_reads_and_writes_byte_identically(PositiveInt seed, byte extraSystems) =>
        Prop.ToProperty(WritesStably(new GenerationOptions
        {
            Seed = seed.Get,
            Functions = 5 + (seed.Get % 20),
            Systems = 10 + extraSystems,
            RedundancyShare = 0.3,
        }));

    [Fact]
    public void A_large_generated_plan_writes_reads_and_writes_byte_identically() =>
        Assert.True(WritesStably(new GenerationOptions { Seed = 7, Functions = 300, Systems = 1_500, Dependencies = 7_000 }));

    private static bool WritesStably(GenerationOptions options)
    {
        var plan = SyntheticOrganisation.Generate(options);
        var first = PlanFileWriter.Files(plan);
        var loaded = PlanLoader.LoadTexts(first);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics.Take(5)));
        return first.SequenceEqual(PlanFileWriter.Files(loaded.Plan));
    }

    [Fact]
    public void Writing_is_independent_of_document_order()
    {
        var plan = SyntheticOrganisation.Generate(new GenerationOptions { Seed = 3 });
        var shuffled = new Plan(plan.Documents.Reverse());

        Assert.Equal(PlanFileWriter.Files(plan), PlanFileWriter.Files(shuffled));
    }

    [Fact]
    public void Text_that_yaml_tools_would_read_as_a_number_or_boolean_is_quoted()
    {
        var plan = new Plan([new PlanDocument(ElementKind.Person, new Metadata { Name = "pat", Title = "no" },
            new PersonSpec { Email = "pat@example.com", Phones = new Phones { Work = "0042" }, TimeZone = "yes" })]);

        var text = PlanFileWriter.Write(plan.Documents);

        Assert.Contains("title: \"no\"", text, StringComparison.Ordinal);
        Assert.Contains("work: \"0042\"", text, StringComparison.Ordinal);
        Assert.Contains("timeZone: \"yes\"", text, StringComparison.Ordinal);
    }
}
