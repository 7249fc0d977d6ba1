using Continuity.Analysis;
using Continuity.Demo;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Tests.Impact;

/// <summary>What-if questions on the demo organisation, answered by hand from examples/illumidesk
/// (sites.yaml, the team files and README.md).</summary>
public sealed class DemoImpactTests
{
    private static readonly Plan Plan = DemoPlan.Load().Plan;
    private static readonly PlanSnapshot Snapshot = PlanSnapshot.From(Plan);

    private static ImpactReport Run(params string[] fail) => ImpactAnalysis.Run(Plan, Snapshot, fail, ImpactAnalysis.CapacityPerTeam(Plan));

    [Fact]
    public void Losing_the_primary_region_takes_down_only_lms_integration_until_the_region_is_back()
    {
        // eu-west-1 fails with what is labelled region=eu-west-1 (its cluster and the LTI service).
        // Everything else runs in both regions or on the redundancy group of both clusters, so it
        // fails over; the LTI service runs in eu-west-1 only (weakness 9) and takes LMS
        // integration down until the region is back, then the cluster (55m measured) and the
        // service (15m) are restored: 1h 10m after the region returns.
        var report = Run("region=eu-west-1");

        Assert.True(report.IsValid);
        Assert.Equal(["system:eks-eu-west-1", "system:lti-service", "site:aws-eu-west-1"], report.Failed.Select(f => f.Id));
        Assert.Equal(["site:aws-eu-west-1"], report.OpenEnded.Select(f => f.Id));
        Assert.Equal(4, report.DownCount);
        var lms = Assert.Single(report.Functions);
        Assert.Equal("function:lms-integration", lms.Id);
        Assert.Equal(1, lms.Tier);
        Assert.Equal(RecoveryKind.AfterOutage, lms.Recovery);
        Assert.Equal(70, lms.AfterOutageMinutes);
        Assert.Equal(["site:aws-eu-west-1"], lms.WaitsFor);
        Assert.Equal(["function:lms-integration", "system:lti-service", "system:eks-eu-west-1", "site:aws-eu-west-1"], lms.CriticalPath);
        // RTO 4h: breached at 4h unless the region is back within 2h 50m; MTPD 1d: unless within 22h 50m.
        Assert.Equal(new Deadline(240, DeadlineOutcome.AtRisk, null, 170), lms.Rto);
        Assert.Equal(new Deadline(1440, DeadlineOutcome.AtRisk, null, 1370), lms.Mtpd);
        // The BIA up to the MTPD: moderate at 1h and 4h, severe (customers) at 1d; 45,000 USD lost by 1d.
        Assert.Equal([60, 240, 1440], lms.Impact.Points.Select(p => p.Minutes));
        Assert.Equal([ImpactRating.Moderate, ImpactRating.Moderate, ImpactRating.Severe], lms.Impact.Points.Select(p => p.Worst!.Value));
        Assert.Equal([false, false, true], lms.Impact.Points.Select(p => p.Intolerable));
        Assert.Equal(ImpactRating.Severe, lms.Impact.Worst);
        Assert.Equal(45000, lms.Impact.Loss);
        Assert.Equal("USD", report.Scale.Currency);

        // Grades are queued and LMS registrations wait: degraded, not down. Everything that runs on
        // the platform cluster runs on us-east-1 alone: degraded too, however far up the chain.
        Assert.Equal(["function:course-delivery", "function:license-validation", "function:auto-grading", "function:billing-and-payments",
            "function:customer-provisioning", "function:incident-response", "function:license-issuance", "function:lead-capture",
            "function:software-delivery"], report.Degraded.Select(d => d.Id));
        Assert.Equal(["site:aws-eu-west-1", "system:eks-eu-west-1", "system:lti-service"], report.Degraded.Single(d => d.Id == "function:auto-grading").Because);
        Assert.Equal(["site:aws-eu-west-1", "system:eks-eu-west-1"], report.Degraded.Single(d => d.Id == "function:course-delivery").Because);

        var scenario = Assert.Single(report.Scenarios);
        Assert.Equal("scenario:region-outage", scenario.Id);
        Assert.True(scenario.AllDown);
        Assert.Equal(["procedure:license-service-recovery", "procedure:region-failover"], scenario.Procedures.Select(p => p.Id));

        var recovery = report.Recovery!;
        Assert.Equal(3, recovery.CapacityPerTeam);
        Assert.Equal(
            [["site:aws-eu-west-1"], ["system:eks-eu-west-1"], ["system:lti-service"], ["function:lms-integration"]],
            recovery.Waves.Select(w => w.ToArray()));
        var schedule = recovery.Schedule.ToDictionary(r => r.Id);
        Assert.Equal((0, 55), (schedule["system:eks-eu-west-1"].Start, schedule["system:eks-eu-west-1"].Finish));
        Assert.Equal((55, 70), (schedule["system:lti-service"].Start, schedule["system:lti-service"].Finish));
        Assert.All(recovery.Schedule, r => Assert.True(r.AfterOutage));
        Assert.Equal(70, recovery.Makespan);
        Assert.Empty(recovery.MissedRto);
    }

    [Fact]
    public void Losing_the_license_database_breaches_license_validation_at_its_rto()
    {
        // Weakness 1: license-db takes 6h to restore; license validation (RTO 2h) is back after 6h.
        var report = Run("system:license-db");

        Assert.Empty(report.OpenEnded);
        Assert.Equal(["function:license-validation", "function:license-issuance"], report.Functions.Select(f => f.Id));
        var validation = report.Functions[0];
        Assert.Equal(360, validation.BackAtMinutes);
        Assert.Equal(new Deadline(120, DeadlineOutcome.Breached, 240, null), validation.Rto);
        Assert.Equal(DeadlineOutcome.Met, validation.Mtpd!.Outcome);
        Assert.Equal(["function:license-validation", "system:license-api", "system:license-db"], validation.CriticalPath);
        Assert.Equal(DeadlineOutcome.Met, report.Functions[1].Rto!.Outcome);
        var scenario = Assert.Single(report.Scenarios);
        Assert.Equal("scenario:ransomware-data-corruption", scenario.Id);
        Assert.False(scenario.AllDown);
        Assert.Equal(["procedure:license-service-recovery", "procedure:restore-from-clean-backups"], scenario.Procedures.Select(p => p.Id));
    }

    [Fact]
    public void Losing_the_office_takes_no_function_down()
    {
        var report = Run("site=boston-office");

        Assert.Empty(report.Functions);
        Assert.Equal(["function:finance-and-payroll", "function:people-operations"], report.Degraded.Select(d => d.Id));
        Assert.Equal("scenario:office-loss", Assert.Single(report.Scenarios).Id);
    }

    [Fact]
    public void Without_open_ended_failures_the_times_are_the_engines()
    {
        var order = DependencyOrder.Of(Snapshot.Graph);
        var range = Snapshot.NodesOf(NodeKind.System);
        for (var system = range.Start.Value; system < range.End.Value; system++)
        {
            var engine = AchievableRecovery.AfterFailure(Snapshot.Graph, order, [system]);
            var report = Run(Snapshot.Ids[system]);
            foreach (var function in report.Functions)
            {
                Assert.Equal(engine.Minutes[Snapshot.IndexOf(function.Id)], function.BackAtMinutes);
                Assert.Equal(engine.CriticalPath(Snapshot.IndexOf(function.Id)).Select(n => Snapshot.Ids[n]), function.CriticalPath);
            }
            Assert.Equal(engine.Down.Count(true), report.DownCount);
        }
    }

    [Fact]
    public void The_worst_case_schedule_misses_license_validation_and_respects_every_dependency()
    {
        var result = ImpactAnalysis.RecoveryOrder(Snapshot, [], ImpactAnalysis.CapacityPerTeam(Plan));

        var recovery = result.Recovery!;
        Assert.True(recovery.WorstCase);
        Assert.Contains("function:license-validation", recovery.MissedRto);
        Assert.Empty(recovery.Blocked);
        var finish = recovery.Schedule.ToDictionary(r => r.Id, r => r.Finish);
        var start = recovery.Schedule.ToDictionary(r => r.Id, r => r.Start);
        var graph = Snapshot.Graph;
        for (var node = 0; node < graph.NodeCount; node++)
        {
            for (var g = graph.GroupStart[node]; g < graph.GroupStart[node + 1]; g++)
            {
                if (graph.GroupKinds[g] == RequirementKind.Required)
                {
                    var firstBack = graph.MembersOf(g).ToArray().Min(m => finish[Snapshot.Ids[m]]);
                    Assert.True(start[Snapshot.Ids[node]] >= firstBack, $"{Snapshot.Ids[node]} starts before its group is back");
                }
            }
        }
        Assert.Equal(recovery.Schedule.Max(r => r.Finish), recovery.Makespan);
    }

    [Fact]
    public void Single_points_of_failure_show_the_license_database_and_the_one_region_lti_service()
    {
        var report = SinglePoints.Find(Snapshot);

        Assert.Equal(10, report.CriticalFunctionCount);
        Assert.Equal(3, report.Tier1FunctionCount);
        var validation = Assert.Single(report.Functions, f => f.Id == "function:license-validation");
        Assert.Contains(validation.SinglePoints, p => p is { Id: "system:license-db", RestoreMinutes: 360, MissesRto: true });
        var lms = Assert.Single(report.Functions, f => f.Id == "function:lms-integration");
        Assert.Contains(lms.SinglePoints, p => p is { Id: "site:aws-eu-west-1", RestoreMinutes: null, MissesRto: true });
        Assert.Contains(lms.SinglePoints, p => p is { Id: "system:lti-service", MissesRto: false });
        Assert.DoesNotContain(Assert.Single(report.Functions, f => f.Id == "function:course-delivery").SinglePoints, p => p.Kind == NodeKind.Site);
        Assert.Empty(Assert.Single(report.Functions, f => f.Id == "function:internal-communications").SinglePoints);
        var support = Assert.Single(report.Functions, f => f.Id == "function:customer-support");
        Assert.Equal([("vendor:zendesk", true), ("system:support-desk", false)], support.SinglePoints.Select(p => (p.Id, p.MissesRto)));

        var aws = report.Vendors[0];
        Assert.Equal("vendor:aws", aws.Id);
        Assert.Equal(8, aws.TakenDown.Count);
        var region = Assert.Single(report.Sites, s => s.Id == "site:aws-eu-west-1");
        Assert.Equal(["function:lms-integration"], region.TakenDown);
        Assert.Empty(Assert.Single(report.Sites, s => s.Id == "site:aws-us-east-1").TakenDown);
    }
}
