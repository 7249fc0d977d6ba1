using Continuity.Generation;
using Continuity.PlanFiles;
using Continuity.Store;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Data;

/// <summary>Import decides "unchanged" with <see cref="CanonicalPlanJson.Comparer"/>; it must say
/// "equal" exactly when the canonical texts are equal.</summary>
public sealed class CanonicalPlanJsonTests
{
    [Fact]
    public void The_comparer_agrees_with_the_canonical_text_on_every_pair_of_documents_of_a_kind()
    {
        var documents = FullDocuments().Concat(Variants()).ToList();
        using var comparer = new CanonicalPlanJson.Comparer();
        var equalPairs = 0;

        foreach (var left in documents)
        {
            foreach (var right in documents.Where(d => d.Kind == left.Kind))
            {
                var textsEqual = CanonicalPlanJson.Of(left) == CanonicalPlanJson.Of(right);
                Assert.True(textsEqual == comparer.Equal(left, right),
                    $"{left.Kind} {left.Name} and {right.Name}: the texts are {(textsEqual ? "" : "not ")}equal\n{CanonicalPlanJson.Of(left)}\n{CanonicalPlanJson.Of(right)}");
                equalPairs += textsEqual && !ReferenceEquals(left, right) ? 1 : 0;
            }
        }

        Assert.True(equalPairs >= 6, $"Only {equalPairs} pairs of distinct documents say the same thing; the variants should give more.");
    }

    [Fact]
    public void A_generated_organisation_equals_itself_read_back_from_its_files_and_differs_from_another()
    {
        var options = new GenerationOptions { Functions = 20, Systems = 60, RedundancyShare = 0.3 };
        var plan = SyntheticOrganisation.Generate(options);
        var readBack = PlanLoader.LoadTexts(PlanFileWriter.Files(plan)).Plan.Documents.ToDictionary(d => (d.Kind, d.Name));
        var other = SyntheticOrganisation.Generate(options with { Seed = 2 }).Documents.ToDictionary(d => (d.Kind, d.Name));
        using var comparer = new CanonicalPlanJson.Comparer();

        foreach (var document in plan.Documents)
        {
            Assert.True(comparer.Equal(document, readBack[(document.Kind, document.Name)]), $"{document.Kind} {document.Name}");
            if (other.TryGetValue((document.Kind, document.Name), out var namesake))
            {
                Assert.Equal(CanonicalPlanJson.Of(document) == CanonicalPlanJson.Of(namesake), comparer.Equal(document, namesake));
            }
        }
    }

    // Documents that differ from the sample ones only in ways the canonical text ignores, and
    // some that differ in small ways it does not: empty and missing values, key order, escaped
    // characters, reference forms, nested empty objects.
    private static IEnumerable<PlanDocument> Variants()
    {
        PlanDocument Changed(string name, Action<PlanDocument> change)
        {
            var document = FullDocuments().Single(d => d.Name == name);
            change(document);
            return document;
        }

        yield return Changed("acme", d => d.Metadata.Labels = new() { ["region"] = "eu", ["industry"] = "education" });
        yield return Changed("acme", d => d.Metadata.Labels = new() { ["region"] = "eu" });
        yield return Changed("acme", d => d.Metadata.Labels["a+b<c>&'é😀\"\\"] = "x\u2028y</script>");
        yield return Changed("acme", d => d.Metadata.Labels["a+b<c>&'é😀\"\\"] = "x\u2028y</script>");
        yield return Changed("acme", d => d.Metadata.Labels["a+b<c>&'é😀\"\\"] = "x\u2029y</script>");
        yield return Changed("acme", d => ((OrganisationSpec)d.Spec).Services = []);
        yield return Changed("acme", d => ((OrganisationSpec)d.Spec).Services[1].Title = "");
        yield return Changed("web-app", d => ((SystemSpec)d.Spec).Hosting!.Zones = ["eu-west-1b", "eu-west-1a"]);
        yield return Changed("web-app", d => ((SystemSpec)d.Spec).Objectives!.RtoByDisruption = new() { [Disruption.Region] = Duration.FromHours(8), [Disruption.Zone] = Duration.Parse("10m") });
        yield return Changed("web-app", d => ((SystemSpec)d.Spec).Objectives!.RtoByDisruption = new() { [Disruption.Region] = Duration.FromHours(8), [Disruption.Zone] = Duration.Parse("11m") });
        yield return Changed("web-app", d => ((SystemSpec)d.Spec).Team = new Reference(null, "platform-team"));
        yield return Changed("web-app", d => ((SystemSpec)d.Spec).DependsOn[1].Note = "");
        yield return Changed("customer-db", d => ((SystemSpec)d.Spec).Objectives = new SystemObjectives());
        yield return Changed("customer-db", d => ((SystemSpec)d.Spec).Hosting = new Hosting { Sites = [], Zones = [] });
        yield return Changed("customer-db", d => ((SystemSpec)d.Spec).Hosting = new Hosting { Provider = "" });
        yield return Changed("customer-db", d => ((SystemSpec)d.Spec).DependsOn = []);
        yield return Changed("customer-db", d => d.Metadata.Annotations = []);
        yield return Changed("payroll", d => ((BusinessFunctionSpec)d.Spec).Impact["financial"] = []);
        yield return Changed("payroll", d => ((BusinessFunctionSpec)d.Spec).Impact["financial"] = new() { [Duration.FromHours(1)] = ImpactRating.Minor });
        yield return Changed("payroll", d => ((BusinessFunctionSpec)d.Spec).FinancialLoss[Duration.FromHours(1)] = 0);
        yield return Changed("payroll", d => ((BusinessFunctionSpec)d.Spec).Tier = 3);
        yield return Changed("enrolment", d => ((BusinessFunctionSpec)d.Spec).DependsOn[1].AnyOf.Reverse());
        yield return Changed("enrolment", d => ((BusinessFunctionSpec)d.Spec).DependsOn[1].AnyOf[0] = new Reference(ElementKind.Team, "ada"));
        yield return Changed("payments-co", d => ((VendorSpec)d.Spec).Continuity = null);
        yield return Changed("payments-co", d => ((VendorSpec)d.Spec).Continuity = new VendorContinuity { HasPlan = false });
        yield return Changed("scribe", d => ((RoleSpec)d.Spec).Assignments = [new RoleAssignment()]);
        yield return Changed("scribe", d => ((RoleSpec)d.Spec).Assignments = [new RoleAssignment(), new RoleAssignment()]);
        yield return Changed("scribe", d => d.Metadata.Title = "Scribe");
    }
}
