using System.Collections.Immutable;
using Continuity.Catalog;
using Continuity.Checks;
using Continuity.Demo;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Tests.Catalog;

/// <summary>The findings of the demo plan as the catalog indexes them for the checks page: the
/// counts, the rules found, each finding's element and team, and every combination of filters
/// keeping exactly the findings a plain walk over all of them keeps, in the same order.</summary>
public sealed class FindingIndexTests
{
    [Fact]
    public void The_counts_rules_and_elements_are_those_of_the_findings()
    {
        var (result, catalog) = (DemoCatalog.Result, DemoCatalog.Catalog);
        var index = catalog.Findings;

        Assert.Equal(result.Findings.Count, index.All.Length);
        Assert.Equal(result.Findings, index.All.Select(f => f.Finding));
        Assert.Equal(result.Unwaived.Count(f => f.Severity == Severity.Error), index.Errors);
        Assert.Equal(result.Unwaived.Count(f => f.Severity == Severity.Warning), index.Warnings);
        Assert.Equal(result.Unwaived.Count(f => f.Severity == Severity.Info), index.Infos);
        Assert.Equal(result.Findings.Count(f => f.WaivedBy is not null), index.Waived);
        Assert.True(index.Waived > 0 && index.Errors > 0, "the demo plan has waived findings and errors");
        Assert.Equal(result.Findings.Select(f => f.CheckId).Distinct().Order(StringComparer.Ordinal), index.Checks);
        Assert.All(index.All, f =>
        {
            var row = catalog.ById.GetValueOrDefault(f.Finding.ElementId);
            Assert.Equal(row?.Teams ?? [], f.Teams);
            Assert.Equal(f.Finding.ElementId, $"{ElementKinds.Slug(f.Kind)}:{f.Name}");
        });
        var unfiltered = index.Select(null, null, null, null, null, "  ");
        Assert.IsType<ImmutableArray<CatalogFinding>>(unfiltered);          // the shared array itself, nothing copied
        Assert.Equal(index.All, unfiltered);
    }

    [Fact]
    public async Task Concurrent_first_readers_of_a_revision_share_one_index()
    {
        var plan = DemoPlan.Load().Plan!;
        var result = PlanAnalysis.Run(plan, PlanSnapshot.From(plan), new AnalysisOptions(new DateOnly(2026, 11, 28)));
        var catalog = PlanCatalog.Build(plan, result.Findings);

        var indexes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => catalog.Findings, TestContext.Current.CancellationToken)));

        Assert.All(indexes, index => Assert.Same(indexes[0], index));
        Assert.Equal(result.Findings.Count, indexes[0].All.Length);
    }

    public static TheoryData<Severity?, string?, ElementKind?, string?, bool?, string?> Filters => new()
    {
        { Severity.Error, null, null, null, null, null },
        { null, "CT201", null, null, null, null },
        { null, null, ElementKind.Vendor, null, null, null },
        { null, null, null, "platform", null, null },
        { null, null, null, null, true, null },
        { null, null, null, null, false, "AWS" },
        { Severity.Warning, null, ElementKind.BusinessFunction, "licensing", false, null },
        { null, "CT502", ElementKind.Vendor, null, true, "aws" },
        { Severity.Info, "CT201", null, null, null, null },
        { null, null, null, "no-such-team", null, null },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void A_filtered_selection_is_the_plain_walk_over_every_finding(Severity? severity, string? check, ElementKind? kind, string? team, bool? waived, string? text)
    {
        var index = DemoCatalog.Catalog.Findings;

        var expected = index.All.Where(f =>
            (severity is null || f.Finding.Severity == severity)
            && (check is null || f.Finding.CheckId == check)
            && (kind is null || f.Kind == kind)
            && (team is null || f.Teams.Contains(team))
            && (waived is null || (f.Finding.WaivedBy is not null) == waived)
            && (text is null || $"{f.Finding.Message}\n{f.Finding.ElementId}\n{f.Finding.CheckId}\n{f.Title}".Contains(text, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.Equal(expected, index.Select(severity, check, kind, team, waived, text));
    }

    [Fact]
    public void Some_filters_of_the_demo_keep_findings_and_others_none()
    {
        var index = DemoCatalog.Catalog.Findings;

        Assert.NotEmpty(index.Select(Severity.Error, null, null, null, null, null));
        Assert.NotEmpty(index.Select(null, null, ElementKind.Vendor, null, true, "aws"));
        Assert.NotEmpty(index.Select(null, null, null, "licensing", null, null));
        Assert.Empty(index.Select(null, null, null, "no-such-team", null, null));
    }
}
