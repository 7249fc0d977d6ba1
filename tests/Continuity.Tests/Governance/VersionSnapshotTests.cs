using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Continuity.Governance;
using Continuity.PlanFiles;
using static Continuity.Tests.Support.SamplePlans;

namespace Continuity.Tests.Governance;

public sealed class VersionSnapshotTests
{
    [Fact]
    public void The_hash_is_the_sha256_of_the_snapshot_and_the_same_for_the_same_plan_however_it_was_put_together()
    {
        var snapshot = VersionSnapshot.Of(Full(), PlanScope.Organisation);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot.Json))), snapshot.Hash);
        Assert.Equal(Full().Documents.Count, snapshot.Elements);
        Assert.Equal(snapshot.Elements, JsonNode.Parse(snapshot.Json)!.AsArray().Count);
        // Documents in another order and dictionaries filled in another order say the same thing.
        var reordered = new Plan(FullDocuments().AsEnumerable().Reverse().ToList());
        var impact = reordered.Specs<BusinessFunctionSpec>().Single(f => f.Document.Name == "enrolment").Spec.Impact;
        var entries = impact.Reverse().ToList();
        impact.Clear();
        foreach (var (key, value) in entries)
        {
            impact[key] = value;
        }
        Assert.Equal(snapshot, VersionSnapshot.Of(reordered, PlanScope.Organisation));
    }

    [Fact]
    public void A_snapshot_reads_back_into_the_documents_it_froze_for_the_demo_and_generated_plans()
    {
        foreach (var plan in new[]
        {
            Catalog.DemoCatalog.Plan,
            Full(),
            Continuity.Generation.SyntheticOrganisation.Generate(new Continuity.Generation.GenerationOptions { Seed = 7, Functions = 30 }),
        })
        {
            foreach (var scope in new[] { PlanScope.Organisation, PlanScope.OfTeam(plan.OfKind(ElementKind.Team).First().Name) })
            {
                var snapshot = VersionSnapshot.Of(plan, scope);
                var read = VersionSnapshot.Read(snapshot.Json);
                Assert.Equal(snapshot.Elements, read.Documents.Count);
                Assert.Equal(snapshot, VersionSnapshot.Of(read, scope));
            }
        }
    }

    [Fact]
    public void A_verified_contact_changes_no_hash_but_a_changed_objective_does()
    {
        var before = VersionSnapshot.Of(Full(), PlanScope.Organisation);
        var verified = Full();
        verified.Specs<PersonSpec>().Single(p => p.Document.Name == "ada").Spec.ContactVerified = new DateOnly(2026, 12, 1);
        var changed = Full();
        changed.Specs<BusinessFunctionSpec>().Single(f => f.Document.Name == "enrolment").Spec.Objectives!.Rto = Duration.FromHours(2);

        Assert.Equal(before.Hash, VersionSnapshot.Of(verified, PlanScope.Organisation).Hash);
        Assert.DoesNotContain("contactVerified", before.Json, StringComparison.Ordinal);
        Assert.NotEqual(before.Hash, VersionSnapshot.Of(changed, PlanScope.Organisation).Hash);
    }

    [Fact]
    public void A_team_plan_holds_the_team_its_elements_and_only_its_assignments_of_a_role()
    {
        var plan = Full();
        var scope = PlanScope.OfTeam("platform-team");

        var snapshot = VersionSnapshot.Of(plan, scope);

        var documents = JsonNode.Parse(snapshot.Json)!.AsArray().Select(d => d!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("platform-team", documents);                // the team itself
        Assert.Contains("enrolment", documents);                    // its function
        Assert.Contains("web-app", documents);                      // its system
        Assert.Contains("grace", documents);                        // its member
        Assert.Contains("incident-commander", documents);           // a role with an assignment for it
        Assert.DoesNotContain("ada", documents);                    // another team's member
        Assert.DoesNotContain("payroll", documents);                // no team: the organisation-wide part
        Assert.DoesNotContain("scribe", documents);                 // a role not assigned for it
        var role = JsonNode.Parse(snapshot.Json)!.AsArray().Single(d => d!["metadata"]!["name"]!.GetValue<string>() == "incident-commander")!;
        Assert.Single(role["spec"]!["assignments"]!.AsArray());
        // Another team's assignment of the same role does not change this team's plan.
        plan.Specs<RoleSpec>().Single(r => r.Document.Name == "incident-commander").Spec.Assignments[0].Holders.Reverse();
        Assert.Equal(snapshot.Hash, VersionSnapshot.Of(plan, scope).Hash);
        Assert.NotEqual(snapshot.Hash, VersionSnapshot.Of(plan, PlanScope.Organisation).Hash);
    }

    [Theory]
    [InlineData("organisation", null)]
    [InlineData("team:licensing", "licensing")]
    [InlineData(" team:licensing ", "licensing")]
    public void Scopes_read_as_written(string text, string? team)
    {
        Assert.True(PlanScope.TryParse(text, out var scope));
        Assert.Equal(team, scope.Team);
        Assert.Equal(text.Trim(), scope.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("team:")]
    [InlineData("team: ")]
    [InlineData("Organisation")]
    [InlineData("licensing")]
    public void Anything_else_is_no_scope(string text) => Assert.False(PlanScope.TryParse(text, out _));
}
