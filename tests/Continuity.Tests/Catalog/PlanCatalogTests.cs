using Continuity.Catalog;
using Continuity.PlanFiles;

namespace Continuity.Tests.Catalog;

/// <summary>The plan catalog of the demo plan: a row per element, the reference index both ways
/// in words, and shared safely between threads.</summary>
public sealed class PlanCatalogTests
{
    [Fact]
    public void Every_element_has_a_row_and_references_read_both_ways_in_words()
    {
        var (plan, catalog) = (DemoCatalog.Plan, DemoCatalog.Catalog);
        Assert.Equal(plan.Documents.Count, catalog.Rows.Length);

        var procedure = plan.Specs<ProcedureSpec>().First(p => p.Spec.Steps.Any(s => s.Responsible is not null));
        var index = procedure.Spec.Steps.FindIndex(s => s.Responsible is not null);
        var role = procedure.Spec.Steps[index].Responsible!;
        var incoming = catalog.To($"role:{role.Name}");
        Assert.Contains(incoming, r => r.FromName == procedure.Document.Name && r.Incoming == $"responsible for step {index + 1} of");
        Assert.Contains(catalog.From($"procedure:{procedure.Document.Name}"), r => r.ToName == role.Name && r.Outgoing == $"Step {index + 1}: responsible");

        var dependency = catalog.Dependencies[0];
        Assert.Contains(catalog.To(dependency.ToId), r => r.IsDependency && r.FromId == dependency.FromId);
    }

    [Fact]
    public async Task Concurrent_readers_see_the_same_catalog()
    {
        var catalog = DemoCatalog.Catalog;
        var expected = Summary(catalog);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Summary(catalog), TestContext.Current.CancellationToken)));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static string Summary(PlanCatalog catalog)
    {
        var total = 0;
        for (var round = 0; round < 20; round++)
        {
            foreach (var row in catalog.Rows)
            {
                total += catalog.To(row.Id).Length + catalog.From(row.Id).Length + row.Findings;
            }
        }
        return $"{catalog.Rows.Length}/{catalog.Dependencies.Length}/{total}";
    }
}
