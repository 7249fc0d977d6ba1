using System.Text.RegularExpressions;
using Continuity.Checks;
using Continuity.Demo;
using Continuity.PlanFiles;
using Continuity.Snapshots;
using Continuity.Tests.PlanFiles;

namespace Continuity.Tests.Checks;

/// <summary>The demo organisation (examples/illumidesk/README.md) has eleven weaknesses (nine
/// deliberate ones, two found by the common-mode and key-person checks), judged as of 2026-11-28.
/// The README's table names the findings (check and element) through which each one is reported;
/// the checks find exactly those, and no other error or warning. A finding reported once per
/// function (CT506) may occur more than once for one element.</summary>
public sealed partial class DemoChecksTests
{
    private static readonly PlanLoadResult Loaded = DemoPlan.Load();

    private static readonly AnalysisResult Result = PlanAnalysis.Run(Loaded.Plan, PlanSnapshot.From(Loaded.Plan),
        new AnalysisOptions(new DateOnly(2026, 11, 28)) { Sources = Loaded.Sources });

    /// <summary>Weakness number → its findings ("CT201 function:license-validation"), from the
    /// last column of the README's table of deliberate weaknesses.</summary>
    private static readonly Dictionary<int, string[]> Documented = ReadDocumentedWeaknesses();

    public static TheoryData<int> WeaknessNumbers { get; } = [.. Enumerable.Range(1, 11)];

    [Fact]
    public void The_demo_plan_loads_without_errors() => Assert.False(Loaded.HasErrors);

    [Fact]
    public void The_readme_documents_eleven_weaknesses_each_with_its_findings()
    {
        Assert.Equal([.. Enumerable.Range(1, 11)], Documented.Keys.Order());
        Assert.All(Documented.Values, findings => Assert.NotEmpty(findings));
    }

    [Theory]
    [MemberData(nameof(WeaknessNumbers))]
    public void Each_deliberate_weakness_is_found_where_the_readme_says(int weakness)
    {
        foreach (var key in Documented[weakness])
        {
            var findings = Result.Findings.Where(f => Key(f) == key).ToList();
            Assert.NotEmpty(findings);
            Assert.All(findings, finding =>
            {
                Assert.Null(finding.WaivedBy);
                Assert.NotNull(finding.Location);
                Assert.StartsWith("illumidesk/", finding.Location.File, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public void Nothing_else_is_an_error_or_a_warning() =>
        Assert.Equal(Documented.Values.SelectMany(findings => findings).Order(StringComparer.Ordinal),
            Result.Unwaived.Where(f => f.Severity is Severity.Error or Severity.Warning).Select(Key).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void The_accepted_dependence_on_aws_and_the_ceos_authority_are_waived_until_the_risk_review()
    {
        var waived = Result.Findings.Where(f => f.WaivedBy is not null).ToList();
        Assert.Equal(["CT308 person:maya-okafor", "CT502 vendor:aws", "CT503 vendor:aws", "CT505 vendor:aws", "CT506 vendor:aws"],
            waived.Select(Key).Distinct().Order(StringComparer.Ordinal));
        Assert.All(waived, f => Assert.Equal(new DateOnly(2027, 5, 31), f.WaivedBy!.Expires));
        Assert.Equal(8, waived.Count(f => f.CheckId == "CT506"));
    }

    [Fact]
    public void The_only_information_is_that_no_review_or_exercise_is_recorded_yet() =>
        Assert.Equal(["CT601 organisation:illumidesk", "CT605 organisation:illumidesk"], Result.Findings.Where(f => f.Severity == Severity.Info).Select(Key));

    [Fact]
    public void Once_the_waivers_expire_the_aws_findings_count_again_and_so_do_the_expired_waivers()
    {
        var later = PlanAnalysis.Run(Loaded.Plan, PlanSnapshot.From(Loaded.Plan), new AnalysisOptions(new DateOnly(2027, 6, 1)));
        Assert.Contains(later.Unwaived, f => Key(f) == "CT503 vendor:aws");
        Assert.Equal(5, later.Findings.Count(f => f.CheckId == CheckCatalogue.WaiverExpired.Id));
    }

    [Fact]
    public void The_weaknesses_explain_themselves()
    {
        string Message(string check, string element) => Assert.Single(Result.Findings, f => f.CheckId == check && f.ElementId == element).Message;

        Assert.Contains("license-validation ← license-api (10m) ← license-db (6h)", Message("CT201", "function:license-validation"), StringComparison.Ordinal);
        Assert.Contains("6h 35m", Message("CT201", "function:license-validation"), StringComparison.Ordinal);
        Assert.Contains("lms-integration → lti-service → aws-eu-west-1", Message("CT505", "site:aws-eu-west-1"), StringComparison.Ordinal);
        Assert.Contains("system support-desk (RTO 4h)", Message("CT204", "vendor:zendesk"), StringComparison.Ordinal);
        Assert.Contains("customer-support ← support-desk (1h 30m) ← zendesk (1d)", Message("CT201", "function:customer-support"), StringComparison.Ordinal);
        Assert.Contains("RTO 8h (approved 1d)", Message("CT105", "function:auto-grading"), StringComparison.Ordinal);
        Assert.Contains("no evidence yet", Message("CT404", "system:course-content-store"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2025-06-10", Message("CT306", "person:fatima-zahra"), StringComparison.Ordinal);
        Assert.Contains("recovery-coordinator, team-lead", Message("CT308", "person:lena-fischer"), StringComparison.Ordinal);
        Assert.Contains("communications-lead, team-lead", Message("CT308", "person:hannah-lee"), StringComparison.Ordinal);
        Assert.Contains(Result.Findings, f => f.CheckId == "CT506" && f.ElementId == "system:aws-network"
            && f.Message.Contains("course-delivery → platform-web → any of [eks-eu-west-1, eks-us-east-1] → aws-network", StringComparison.Ordinal));
    }

    private static string Key(Finding finding) => $"{finding.CheckId} {finding.ElementId}";

    private static Dictionary<int, string[]> ReadDocumentedWeaknesses()
    {
        var readme = File.ReadAllLines(Path.Join(PlanSchemaTests.RepositoryRoot(), "examples", "illumidesk", "README.md"));
        return readme
            .Select(line => WeaknessRow().Match(line))
            .Where(match => match.Success)
            .ToDictionary(
                match => int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match => FindingInCell().Matches(match.Groups["foundBy"].Value).Select(finding => finding.Groups[1].Value).ToArray());
    }

    [GeneratedRegex(@"^\| (?<number>\d+) \|.*\| (?<foundBy>[^|]*) \|$")]
    private static partial Regex WeaknessRow();

    [GeneratedRegex(@"`(CT\d{3} [a-z-]+:[a-z0-9-]+)`")]
    private static partial Regex FindingInCell();
}
