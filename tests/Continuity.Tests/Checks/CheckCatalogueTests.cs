using System.Text.RegularExpressions;
using Continuity.Checks;
using Continuity.Tests.PlanFiles;

namespace Continuity.Tests.Checks;

public sealed partial class CheckCatalogueTests
{
    [Fact]
    public void Every_check_has_a_unique_id_grouped_by_area_and_says_why_and_how_to_fix()
    {
        Assert.Equal(CheckCatalogue.All.Count, CheckCatalogue.All.Select(c => c.Id).Distinct().Count());
        Assert.All(CheckCatalogue.All, check =>
        {
            Assert.Matches(Id(), check.Id);
            Assert.False(string.IsNullOrWhiteSpace(check.Title));
            Assert.EndsWith(".", check.Why, StringComparison.Ordinal);
            Assert.EndsWith(".", check.Fix, StringComparison.Ordinal);
            Assert.NotEmpty(check.Controls);
            Assert.Same(check, CheckCatalogue.Find(check.Id));
        });
        Assert.Equal(CheckCatalogue.All.Select(c => c.Id).Order(StringComparer.Ordinal), CheckCatalogue.All.Select(c => c.Id));
        Assert.Null(CheckCatalogue.Find("CT999"));
    }

    [Fact]
    public void Every_check_is_documented_with_its_severity_in_docs_checks_md()
    {
        var docs = File.ReadAllText(Path.Join(PlanSchemaTests.RepositoryRoot(), "docs", "checks.md"));
        Assert.All(CheckCatalogue.All, check =>
        {
            var heading = $"### {check.Id} {check.Title}";
            Assert.Contains(heading, docs, StringComparison.Ordinal);
            var section = docs[docs.IndexOf(heading, StringComparison.Ordinal)..];
            Assert.StartsWith($"{heading}\n\n**{check.Severity.ToString().ToLowerInvariant()}**", section, StringComparison.Ordinal);
        });
        var documented = DocumentedId().Matches(docs).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(CheckCatalogue.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal), documented);
    }

    [GeneratedRegex(@"^CT[1-6]\d\d$")]
    private static partial Regex Id();

    [GeneratedRegex(@"^### (CT\d{3}) ", RegexOptions.Multiline)]
    private static partial Regex DocumentedId();
}
