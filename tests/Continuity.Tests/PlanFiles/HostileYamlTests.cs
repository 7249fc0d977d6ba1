using System.Text;
using Continuity.PlanFiles;

namespace Continuity.Tests.PlanFiles;

/// <summary>YAML that used to crash or hang the reader (a stack overflow kills the process, so
/// these failed by taking the test run down with them): every case is now one located error.</summary>
public sealed class HostileYamlTests
{
    private static List<Diagnostic> Read(string text)
    {
        var diagnostics = new List<Diagnostic>();
        PlanReader.Read("p.yaml", text, new SourceMap(), diagnostics);
        return diagnostics;
    }

    private static (int Line, int Column) At(Diagnostic diagnostic) => (diagnostic.Location!.Line, diagnostic.Location.Column);

    [Fact]
    public void An_alias_used_as_a_key_before_its_anchor_is_a_located_error_not_a_stack_overflow()
    {
        var error = Assert.Single(Read("apiVersion: continuity/v1\nkind: Team\nmetadata:\n  *k : v\n  &k key: w\n"));

        Assert.Equal(PlanFileCodes.YamlLimit, error.Code);
        Assert.Contains("*k is used as a key", error.Message, StringComparison.Ordinal);
        Assert.Equal((4, 3), At(error));
    }

    [Fact]
    public void An_alias_used_as_a_key_after_its_anchor_is_refused_too()
    {
        var error = Assert.Single(Read("apiVersion: continuity/v1\nkind: Team\nmetadata:\n  name: &n ops\n  labels:\n    *n : x\n"));

        Assert.Equal(PlanFileCodes.YamlLimit, error.Code);
        Assert.Equal((6, 5), At(error));
    }

    [Fact]
    public void An_alias_and_flow_nesting_twenty_thousand_deep_is_refused_before_yamldotnet_builds_a_tree()
    {
        var text = "apiVersion: continuity/v1\nkind: Team\nmetadata: {name: ops}\nspec: &a " + new string('[', 20_000) + new string(']', 20_000) + "\nx: *a\n";

        var error = Assert.Single(Read(text));

        Assert.Equal(PlanFileCodes.YamlLimit, error.Code);
        Assert.Equal((4, 9 + YamlLimits.MaxDepth), At(error));
    }

    [Fact]
    public void Nesting_a_million_deep_without_aliases_is_refused_without_recursing()
    {
        var text = "apiVersion: continuity/v1\nkind: Team\nmetadata: {name: ops}\nspec: " + new string('{', 1_000_000) + "\n";

        // A small stack: nothing on the way to the error may recurse as deep as the text nests.
        List<Diagnostic>? diagnostics = null;
        var thread = new Thread(() => diagnostics = Read(text), 256 * 1024);
        thread.Start();
        thread.Join();

        var error = Assert.Single(diagnostics!);
        Assert.Equal(PlanFileCodes.YamlLimit, error.Code);
        Assert.Equal(4, error.Location!.Line);
    }

    [Fact]
    public void Block_nesting_up_to_the_limit_is_read_as_before()
    {
        // The document, metadata, then lists from depth 3 to the limit.
        var text = "apiVersion: continuity/v1\nkind: Team\nmetadata:\n  name: ops\n  labels:\n    " +
            string.Concat(Enumerable.Repeat("- ", YamlLimits.MaxDepth - 2)) + "leaf\n";

        var error = Assert.Single(Read(text));

        Assert.Equal(PlanFileCodes.WrongType, error.Code);
    }

    [Fact]
    public void An_alias_that_brings_nesting_past_the_limit_is_refused_where_it_stands()
    {
        var deep = new string('[', 60) + new string(']', 60);
        var text = $"apiVersion: continuity/v1\nkind: Team\nmetadata: {{name: ops}}\nspec:\n  a: &a {deep}\n  b: {new string('[', 45)}*a{new string(']', 45)}\n";

        var error = Assert.Single(Read(text));

        Assert.Equal(PlanFileCodes.YamlLimit, error.Code);
        Assert.Equal((6, 51), At(error));
    }

    [Fact]
    public void An_alias_inside_the_value_it_repeats_is_a_located_error_not_endless_binding()
    {
        var error = Assert.Single(Read("""
            apiVersion: continuity/v1
            kind: CommunicationPlan
            metadata: {name: comms}
            spec:
              callTrees:
                - name: t
                  root: &r {contact: role:x, calls: [*r]}
            """));

        Assert.Equal(PlanFileCodes.YamlLimit, error.Code);
        Assert.Contains("inside the value &r", error.Message, StringComparison.Ordinal);
        Assert.Equal((7, 42), At(error));
    }

    [Fact]
    public void An_alias_before_its_anchor_is_a_syntax_error()
    {
        var error = Assert.Single(Read("apiVersion: continuity/v1\nkind: Team\nmetadata: {name: ops, title: *t}\nspec: {description: &t later}\n"));

        Assert.Equal(PlanFileCodes.YamlSyntax, error.Code);
        Assert.Equal((3, 30), At(error));
    }

    [Fact(Timeout = 30_000)]
    public async Task Aliases_of_aliases_that_multiply_past_a_million_values_are_refused_not_bound()
    {
        // Ten call-tree nodes per level, each the ten of the level below: 10^9 nodes to bind.
        var text = new StringBuilder("apiVersion: continuity/v1\nkind: CommunicationPlan\nmetadata: {name: comms}\nspec:\n  audiences:\n");
        text.Append("    - &n0 {contact: role:x}\n");
        for (var level = 1; level < 10; level++)
        {
            text.Append($"    - &n{level} {{contact: role:x, calls: [{string.Join(", ", Enumerable.Repeat($"*n{level - 1}", 10))}]}}\n");
        }
        text.Append("  callTrees:\n    - {name: t, root: *n9}\n");

        var diagnostics = await Task.Run(() => Read(text.ToString()), TestContext.Current.CancellationToken);

        var error = Assert.Single(diagnostics);
        Assert.Equal(PlanFileCodes.YamlLimit, error.Code);
        Assert.Contains("1,000,000 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_aliases_than_the_limit_are_refused()
    {
        var text = "apiVersion: continuity/v1\nkind: Team\nmetadata: {name: &n ops}\nspec:\n  x: [" + string.Join(", ", Enumerable.Repeat("*n", YamlLimits.MaxAliases + 1)) + "]\n";

        var error = Assert.Single(Read(text));

        Assert.Equal(PlanFileCodes.YamlLimit, error.Code);
        Assert.Contains("aliases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_at_its_start()
    {
        var text = "apiVersion: continuity/v1\nkind: Team\nmetadata: {name: ops}\n# " + new string('x', 2000) + "\n";

        var result = PlanLoader.LoadTexts([("big.yaml", text)], new PlanLoadOptions { MaxFileBytes = 1000 });

        var error = Assert.Single(result.Diagnostics, d => d.Code == PlanFileCodes.FileTooLarge);
        Assert.Equal(new SourceLocation("big.yaml", 1, 1), error.Location);
        Assert.Contains("--max-file-size", error.Hint, StringComparison.Ordinal);
        Assert.Empty(result.Plan.Documents);
    }
}
