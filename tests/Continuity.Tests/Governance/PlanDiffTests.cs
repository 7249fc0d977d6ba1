using Continuity.Governance;
using Continuity.PlanFiles;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Governance;

public sealed class PlanDiffTests
{
    private static string Snapshot(Plan plan) => VersionSnapshot.Of(plan, PlanScope.Organisation).Json;

    [Fact]
    public void An_rto_change_reads_as_the_rto_of_the_function_before_and_after()
    {
        var after = Full();
        var enrolment = after.Specs<BusinessFunctionSpec>().Single(f => f.Document.Name == "enrolment");
        enrolment.Document.Metadata.Title = "Customer enrolment";
        enrolment.Spec.Objectives!.Rto = Duration.FromHours(2);

        var change = Assert.Single(PlanDiff.Between(Snapshot(Full()), Snapshot(after)));

        Assert.Equal((ElementKind.BusinessFunction, "enrolment", ElementChangeKind.Changed), (change.Kind, change.Name, change.Change));
        Assert.Contains("RTO of Customer enrolment: 4h → 2h.", change.Sentences);
        Assert.Contains("Title of Customer enrolment set to Customer enrolment.", change.Sentences);
        Assert.Contains(change.Fields, f => f.Field == "spec.objectives.rto" && f.Before == "240" && f.After == "120");
    }

    [Fact]
    public void A_step_given_to_another_role_names_the_step_by_its_number()
    {
        var before = Full();
        var after = Full();
        var procedure = after.Specs<ProcedureSpec>().First(p => p.Spec.Steps.Count > 0);
        var step = procedure.Spec.Steps.Count - 1;
        procedure.Spec.Steps[step].Responsible = Ref(ElementKind.Role, "scribe");

        var change = Assert.Single(PlanDiff.Between(Snapshot(before), Snapshot(after)));

        var sentence = Assert.Single(change.Sentences);
        Assert.StartsWith($"Step {step + 1}: responsible of {change.Label}: ", sentence, StringComparison.Ordinal);
        Assert.EndsWith("→ scribe.", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Added_and_removed_elements_are_named_with_their_kind_in_plan_order()
    {
        var documents = FullDocuments();
        documents.Add(Document(ElementKind.Vendor, "acme", new VendorSpec(), "Acme Hosting"));
        documents.RemoveAll(d => d.Kind == ElementKind.BusinessFunction && d.Name == "payroll");

        var changes = PlanDiff.Between(Snapshot(Full()), Snapshot(new Plan(documents)));

        Assert.Equal(["Removed business function payroll.", "Added vendor Acme Hosting."], changes.SelectMany(c => c.Sentences));
        Assert.Equal([ElementChangeKind.Removed, ElementChangeKind.Added], changes.Select(c => c.Change));
    }

    [Fact]
    public void The_same_snapshot_has_no_changes_and_nothing_before_adds_everything()
    {
        Assert.Empty(PlanDiff.Between(Snapshot(Full()), Snapshot(Full())));
        Assert.Equal(Full().Documents.Count, PlanDiff.Between(null, Snapshot(Full())).Count(c => c.Change == ElementChangeKind.Added));
    }

    [Theory]
    [InlineData("spec.objectives.rpo", "RPO")]
    [InlineData("spec.steps[0].responsible", "Step 1: responsible")]
    [InlineData("spec.dependsOn[3]", "Dependency 4")]
    [InlineData("spec.restoreCapacityPerTeam", "Restore capacity per team")]
    [InlineData("metadata.title", "Title")]
    public void Fields_read_in_words(string path, string words) => Assert.Equal(words, PlanDiff.FieldWords(path));
}
