using Continuity.PlanFiles;

namespace Continuity.Tests.PlanFiles;

/// <summary>How the reader treats YAML itself: duplicate keys, anchors and aliases, odd keys,
/// and a syntax error after documents that were fine.</summary>
public sealed class PlanReaderTests
{
    private static (IReadOnlyList<PlanDocument> Documents, List<Diagnostic> Diagnostics, SourceMap Map) Read(string text)
    {
        var map = new SourceMap();
        var diagnostics = new List<Diagnostic>();
        return (PlanReader.Read("p.yaml", text, map, diagnostics), diagnostics, map);
    }

    private static (int Line, int Column) At(SourceLocation? location) => (location!.Line, location.Column);

    [Fact]
    public void A_key_without_a_value_followed_by_an_empty_key_is_a_syntax_error_not_a_crash()
    {
        var (documents, diagnostics, _) = Read("""
            apiVersion: continuity/v1
            kind: Organisation
            metadata:
              name: x
            spec:
              description:
                :  #c
            """);

        Assert.Empty(documents);
        var error = Assert.Single(diagnostics);
        Assert.Equal(PlanFileCodes.YamlSyntax, error.Code);
        Assert.StartsWith("This is not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location!.Line >= 6);
    }

    [Fact]
    public void A_key_written_twice_makes_the_file_a_syntax_error_at_the_second_key()
    {
        var (documents, diagnostics, _) = Read("""
            apiVersion: continuity/v1
            kind: Team
            metadata: {name: ops, name: sre}
            """);

        Assert.Empty(documents);
        var error = Assert.Single(diagnostics);
        Assert.Equal(PlanFileCodes.YamlSyntax, error.Code);
        Assert.Equal("This is not valid YAML: Duplicate key name", error.Message);
        Assert.Equal((3, 23), At(error.Location));
    }

    [Fact]
    public void A_syntax_error_in_a_later_document_replaces_what_the_earlier_ones_reported()
    {
        var (documents, diagnostics, _) = Read("""
            apiVersion: continuity/v1
            kind: Team
            metadata: {name: ops}
            spec: {colour: blue}
            ---
            apiVersion: continuity/v1
            kind: [Team
            """);

        Assert.Empty(documents);
        Assert.Equal(PlanFileCodes.YamlSyntax, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void An_alias_binds_like_the_value_it_repeats_and_points_at_it()
    {
        var (documents, diagnostics, map) = Read("""
            apiVersion: continuity/v1
            kind: System
            metadata: {name: app, labels: &labels {region: eu-west-1}, annotations: *labels}
            spec:
              type: service
              dependsOn: [&db system:db, *db, {on: *db, type: degraded}]
            """);

        Assert.Empty(diagnostics);
        var app = Assert.Single(documents);
        Assert.Equal("eu-west-1", app.Metadata.Annotations["region"]);
        var spec = (SystemSpec)app.Spec;
        Assert.All(spec.DependsOn, d => Assert.Equal(Reference.To(ElementKind.System, "db"), d.On));
        Assert.NotSame(spec.DependsOn[0].On, spec.DependsOn[2].On);
        Assert.Equal((6, 15), At(map.Locate(spec.DependsOn[2].On!)));
        Assert.Equal((3, 40), At(map.Locate(app.Metadata.Annotations, "region")));
    }

    [Fact]
    public void An_alias_without_its_anchor_is_a_syntax_error()
    {
        var (documents, diagnostics, _) = Read("""
            apiVersion: continuity/v1
            kind: Team
            metadata: {name: ops, title: *missing}
            """);

        Assert.Empty(documents);
        var error = Assert.Single(diagnostics);
        Assert.Equal(PlanFileCodes.YamlSyntax, error.Code);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_key_that_is_not_a_scalar_is_an_unknown_key()
    {
        var (documents, diagnostics, _) = Read("""
            apiVersion: continuity/v1
            kind: Team
            metadata: {name: ops}
            ? [spec]
            : {}
            """);

        Assert.Single(documents);
        var error = Assert.Single(diagnostics);
        Assert.Equal(PlanFileCodes.UnknownKey, error.Code);
        Assert.Equal("Unknown key '' in a plan document.", error.Message);
        Assert.Equal((4, 3), At(error.Location));
    }

    [Fact]
    public void The_envelope_may_come_in_any_order_and_problems_keep_their_places()
    {
        var (documents, diagnostics, map) = Read("""
            spec:
              type: service
              tier: 9
            metadata: {name: app}
            kind: System
            apiVersion: continuity/v1
            """);

        Assert.Single(documents);
        var error = Assert.Single(diagnostics);
        Assert.Equal("'spec.tier' is 9, outside the allowed range.", error.Message);
        Assert.Equal((3, 9), At(error.Location));
        Assert.Null(map.Locate(new object()));
    }
}
