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

    [Theory]
    [InlineData("Order intake", "Order intake")]
    [InlineData("Customer   platform\r\nsign-in", "Customer platform sign-in")]
    [InlineData("Secondary recovery data centre of the Rhein-Main metropolitan region",
        "Secondary recovery data\ncentre of the Rhein-Main\nmetropolitan region")]
    [InlineData("Secondary recovery data centre of the Rhein-Main metropolitan region with its own generators",
        "Secondary recovery data\ncentre of the Rhein-Main\nmetropolitan region with…")]
    [InlineData("Supercalifragilisticexpialidocious-customer-onboarding-portal",
        "Supercalifragilisticexpialid\nocious-customer-onboarding-\nportal")]
    [InlineData("Supercalifragilisticexpialidocious-customer-onboarding-portal-for-universities-and-colleges",
        "Supercalifragilisticexpialid\nocious-customer-onboarding-\nportal-for-universities-and…")]
    public void A_title_wraps_onto_at_most_three_lines_and_is_cut_with_an_ellipsis_beyond(string title, string expected)
    {
        var wrapped = Dot.Wrap(title);

        Assert.Equal(expected, wrapped);
        Assert.All(wrapped.Split('\n'), line => Assert.InRange(line.Length, 1, Dot.LineLength));
    }

    [Fact]
    public void A_wrapped_title_is_written_as_dot_line_breaks_inside_one_quoted_label()
    {
        var node = new DotNode("n0", "Secondary recovery data centre \"east\" \\N of the region", "Site", null, "site:east", NodeKind.Site, NodeMarks.None);

        var dot = Dot.Write([node], []);

        Assert.Contains("n0 [label=\"Secondary recovery data\\ncentre \\\"east\\\" \\\\N of the\\nregion\\nSite\"", dot);
    }

    [Fact]
    public void A_hostile_title_adds_no_statement_or_attribute_to_the_dot_text()
    {
        var node = new DotNode("n0", "\"]; x -> y [URL=\"javascript:alert(1)\"", "<script>", "/functions/a%22b", "function:a\"b", NodeKind.Function, NodeMarks.Focus);

        var dot = Dot.Write([node, node with { Id = "n1", Marks = NodeMarks.None }], [new DotEdge("n1", "n0", RequirementKind.Required, false, true)]);

        var statements = dot.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, statements.Count(s => s.StartsWith("n0 [", StringComparison.Ordinal) || s.StartsWith("n1 [", StringComparison.Ordinal)));
        Assert.Single(statements, s => s.Contains("->", StringComparison.Ordinal) && s.StartsWith("n1 -> n0", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.StartsWith('x'));
        Assert.Contains("label=\"\\\"]; x -> y\\n[URL=\\\"javascript:alert(1)\\\"\\n<script>\"", dot);
    }
}
