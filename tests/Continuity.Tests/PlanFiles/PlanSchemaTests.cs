using System.Globalization;
using System.Text.Json.Nodes;
using Continuity.Demo;
using Continuity.PlanFiles;
using Continuity.Tests.Support;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Continuity.Tests.PlanFiles;

public sealed class PlanSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(PlanSchema.Text());

    [Fact]
    public void The_published_schema_file_is_the_one_the_program_generates()
    {
        var published = File.ReadAllText(Path.Join(RepositoryRoot(), "docs", "plan.schema.json"));

        Assert.True(published == PlanSchema.Text(), "docs/plan.schema.json is stale: run 'continuity schema -o docs/plan.schema.json'");
    }

    [Fact]
    public void Every_demo_document_that_the_loader_accepts_is_valid_against_the_schema()
    {
        var documents = DemoPlan.Files().Where(f => f.File.EndsWith(".yaml", StringComparison.Ordinal))
            .SelectMany(f => ToJson(f.Text).Select(json => (f.File, json))).ToList();

        Assert.True(documents.Count > 100);
        foreach (var (file, json) in documents)
        {
            var result = Schema.Evaluate(Element(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{file}: {json?["metadata"]?["name"]} is invalid: " +
                string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Theory]
    [InlineData("kind: System\nmetadata: {name: a}\nspec: {type: service, colour: red}", "unknown key")]
    [InlineData("kind: System\nmetadata: {name: a}\nspec: {type: servise}", "bad enum")]
    [InlineData("kind: System\nmetadata: {name: A b}\nspec: {type: service}", "bad name")]
    [InlineData("kind: BusinessFunction\nmetadata: {name: a}\nspec: {objectives: {rto: 4 hours}}", "bad duration")]
    [InlineData("kind: Person\nmetadata: {name: a}\nspec: {phones: {work: '1'}}", "missing email")]
    [InlineData("kind: Sytem\nmetadata: {name: a}", "unknown kind")]
    [InlineData("kind: BusinessFunction\nmetadata: {name: a}\nspec: {objectives: {mtpd: 0m}}", "zero MTPD")]
    [InlineData("kind: BusinessFunction\nmetadata: {name: a}\nspec: {financialLoss: {PT0M: 5}}", "zero time point")]
    public void What_the_loader_refuses_the_schema_refuses_too(string yaml, string mistake)
    {
        var text = "apiVersion: continuity/v1\n" + yaml + "\n";
        Assert.True(PlanLoader.LoadTexts([("x.yaml", text)]).Diagnostics.Any(d => d.Severity == Severity.Error), mistake);

        var result = Schema.Evaluate(Element(ToJson(text).Single()));

        Assert.False(result.IsValid, mistake);
    }

    [Fact]
    public void A_plan_under_construction_with_zero_values_is_valid_against_the_schema()
    {
        Assert.False(IncompletePlan.Load().HasErrors);

        foreach (var json in ToJson(IncompletePlan.Text))
        {
            var result = Schema.Evaluate(Element(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{json?["metadata"]?["name"]} is invalid: " +
                string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    /// <summary>YAML to JSON the way an editor's YAML language server sees it (plain scalars typed).</summary>
    private static IEnumerable<JsonNode?> ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => Convert(d.RootNode));
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static System.Text.Json.JsonElement Element(JsonNode? node) => System.Text.Json.JsonSerializer.SerializeToElement(node);

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Join(folder.FullName, "Continuity.slnx")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Run the tests inside the repository.");
    }
}
