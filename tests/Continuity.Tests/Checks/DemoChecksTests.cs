using Continuity.Checks;
using Continuity.Demo;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Tests.Checks;

/// <summary>The demo organisation (examples/illumidesk/README.md) has nine deliberate weaknesses,
/// judged as of 2026-11-28: each is found, and nothing else is an error.</summary>
public sealed class DemoChecksTests
{
    private static readonly PlanLoadResult Loaded = DemoPlan.Load();

    private static readonly AnalysisResult Result = PlanAnalysis.Run(Loaded.Plan, PlanSnapshot.From(Loaded.Plan),
        new AnalysisOptions(new DateOnly(2026, 11, 28)) { Sources = Loaded.Sources });

    /// <summary>Weakness (README number), the check that finds it, the element.</summary>
    public static TheoryData<int, string, string> Weaknesses { get; } = new()
    {
        { 1, "CT201", "function:license-validation" },
        { 2, "CT302", "role:license-on-call" },
        { 3, "CT501", "vendor:auth0" },
        { 4, "CT404", "system:course-content-store" },
        { 5, "CT402", "backup-policy:vault-backup" },
        { 6, "CT306", "person:fatima-zahra" },
        { 7, "CT204", "vendor:zendesk" },
        { 8, "CT105", "function:auto-grading" },
        // The region, not the service: lti-service itself is back in 15m, well within the 4h RTO;
        // what it cannot survive is the loss of eu-west-1, its only site (the chain names it).
        { 9, "CT505", "site:aws-eu-west-1" },
    };

    /// <summary>Every error: the weaknesses, the errors they cause through the chain, and one
    /// finding where the demo's data contradicts its README.</summary>
    private static readonly string[] ExpectedErrors =
    [
        "CT105 function:auto-grading",                  // 8
        "CT201 function:customer-support",              // 7: support-desk waits for Zendesk's 24h
        // The demo's data, not a weakness it documents: in the worst case Slack is down for its
        // contractual 4h and slack-workspace then needs its 45m restore (Google: 4h + 2h), so
        // internal communications is back after 4h 45m at best, against an RTO of 4h. The README
        // says that every RTO but license validation's is met in the worst case.
        "CT201 function:internal-communications",
        "CT201 function:license-validation",            // 1
        "CT204 vendor:zendesk",                         // 7
        "CT302 role:license-on-call",                   // 2
        "CT402 backup-policy:vault-backup",             // 5
        "CT404 system:course-content-store",            // 4
        "CT501 vendor:auth0",                           // 3
        "CT504 system:license-db",                      // 1: its 6h restore alone breaks license validation's 2h RTO
        "CT504 vendor:zendesk",                         // 7: its 24h alone breaks customer support's 4h RTO
    ];

    /// <summary>Every warning: weaknesses 6 and 9, and the dependence on AWS that the README
    /// describes as an accepted risk (no contractual RTO, every tier-1 function on it). The demo
    /// records no waivers for it, so the checks rightly show it.</summary>
    private static readonly string[] ExpectedWarnings =
    [
        "CT306 person:fatima-zahra",                    // 6
        "CT502 vendor:aws",
        "CT503 vendor:aws",
        "CT505 site:aws-eu-west-1",                     // 9
        "CT505 vendor:aws",
    ];

    private static readonly string[] AcceptedAwsRisk = ["CT502", "CT503", "CT505"];

    [Fact]
    public void The_demo_plan_loads_without_errors() => Assert.False(Loaded.HasErrors);

    [Theory]
    [MemberData(nameof(Weaknesses))]
    public void Each_deliberate_weakness_is_found(int weakness, string check, string element)
    {
        var finding = Assert.Single(Result.Findings, f => f.CheckId == check && f.ElementId == element);
        Assert.Null(finding.WaivedBy);
        Assert.NotNull(finding.Location);
        Assert.StartsWith("illumidesk/", finding.Location.File, StringComparison.Ordinal);
        Assert.True(weakness is >= 1 and <= 9);
    }

    [Fact]
    public void Nothing_else_is_an_error() =>
        Assert.Equal(ExpectedErrors, Keys(Severity.Error));

    [Fact]
    public void The_warnings_are_the_weaknesses_and_the_accepted_cloud_concentration() =>
        Assert.Equal(ExpectedWarnings, Keys(Severity.Warning));

    [Fact]
    public void The_only_information_is_that_no_review_is_recorded_yet() =>
        Assert.Equal(["CT601 organisation:illumidesk"], Keys(Severity.Info));

    [Fact]
    public void The_weaknesses_explain_themselves()
    {
        string Message(string check, string element) => Assert.Single(Result.Findings, f => f.CheckId == check && f.ElementId == element).Message;

        Assert.Contains("license-validation ← license-api (10m) ← license-db (6h)", Message("CT201", "function:license-validation"), StringComparison.Ordinal);
        Assert.Contains("6h 35m", Message("CT201", "function:license-validation"), StringComparison.Ordinal);
        Assert.Contains("lms-integration → lti-service → aws-eu-west-1", Message("CT505", "site:aws-eu-west-1"), StringComparison.Ordinal);
        Assert.Contains("system support-desk (RTO 4h)", Message("CT204", "vendor:zendesk"), StringComparison.Ordinal);
        Assert.Contains("RTO 8h (approved 1d)", Message("CT105", "function:auto-grading"), StringComparison.Ordinal);
        Assert.Contains("no evidence yet", Message("CT404", "system:course-content-store"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2025-06-10", Message("CT306", "person:fatima-zahra"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_with_waivers_for_the_accepted_aws_risk_has_no_warning_beyond_its_weaknesses()
    {
        var plan = DemoPlan.Load().Plan;
        var organisation = (OrganisationSpec)plan.Organisation!.Spec;
        organisation.Waivers.AddRange(AcceptedAwsRisk.Select(check => new WaiverSpec
        {
            Check = check,
            Element = Reference.To(ElementKind.Vendor, "aws"),
            Reason = "Accepted risk aws-provider-concentration.",
            Owner = Reference.To(ElementKind.Person, "maya-okafor"),
            Expires = new DateOnly(2027, 5, 31),
        }));
        var result = PlanAnalysis.Run(plan, PlanSnapshot.From(plan), new AnalysisOptions(new DateOnly(2026, 11, 28)));
        Assert.Equal(3, result.Findings.Count(f => f.WaivedBy is not null));
        Assert.Equal(["CT306 person:fatima-zahra", "CT505 site:aws-eu-west-1"],
            result.Unwaived.Where(f => f.Severity == Severity.Warning).Select(f => $"{f.CheckId} {f.ElementId}"));
    }

    private static List<string> Keys(Severity severity) =>
        [.. Result.Findings.Where(f => f.Severity == severity).Select(f => $"{f.CheckId} {f.ElementId}")];
}
