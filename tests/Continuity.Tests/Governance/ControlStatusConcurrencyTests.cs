using Continuity.Governance;
using Continuity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Governance;

/// <summary>The control status shares its findings tally per analysis result between requests
/// (ADR 010): thirty evaluations at once over the demo give the same answer as one alone.</summary>
public sealed class ControlStatusConcurrencyTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> EvaluateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var evaluation = await scope.ServiceProvider.GetRequiredService<ControlStatus>().EvaluateAsync(Ct);
        return System.Text.Json.JsonSerializer.Serialize(Continuity.Reports.GovernanceJson.Controls(evaluation));
    }

    [Fact]
    public async Task Thirty_evaluations_at_once_agree_with_one_alone()
    {
        var alone = await EvaluateAsync();
        Assert.Contains("\"id\":\"BC.1.02\"", alone, StringComparison.Ordinal);
        var together = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(EvaluateAsync, Ct)));
        Assert.All(together, json => Assert.Equal(alone, json));
    }
}
