using Continuity.Analysis;
using Continuity.Web.Pictures;

namespace Continuity.Tests.Pictures;

/// <summary>Plan text in DOT stays inside its quoted string, whatever it contains.</summary>
public sealed class DotTests
{
    [Theory]
    [InlineData("Order intake", "\"Order intake\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("\"]; x -> y [", "\"\\\"]; x -> y [\"")]
    [InlineData("back\\slash \\N \\G", "\"back\\\\slash \\\\N \\\\G\"")]
    [InlineData("two\nlines\r\u0007", "\"two\\nlines\"")]
    public void Plan_text_is_one_quoted_dot_string(string text, string expected) =>
        Assert.Equal(expected, Dot.Quote(text));

    [Fact]
    public void A_hostile_title_adds_no_statement_or_attribute_to_the_dot_text()
    {
        var node = new DotNode("n0", "\"]; x -> y [URL=\"javascript:alert(1)\"", "<script>", "/functions/a%22b", "function:a\"b", NodeKind.Function, NodeMarks.Focus);

        var dot = Dot.Write([node, node with { Id = "n1", Marks = NodeMarks.None }], [new DotEdge("n1", "n0", RequirementKind.Required, false, true)]);

        var statements = dot.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, statements.Count(s => s.StartsWith("n0 [", StringComparison.Ordinal) || s.StartsWith("n1 [", StringComparison.Ordinal)));
        Assert.Single(statements, s => s.Contains("->", StringComparison.Ordinal) && s.StartsWith("n1 -> n0", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.StartsWith('x'));
        Assert.Contains("label=\"\\\"]; x -> y [URL=\\\"javascript:alert(1)\\\"\\n<script>\"", dot);
    }
}
