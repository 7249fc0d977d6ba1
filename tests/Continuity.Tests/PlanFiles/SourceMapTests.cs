using Continuity.PlanFiles;

namespace Continuity.Tests.PlanFiles;

public sealed class SourceMapTests
{
    [Fact]
    public void The_first_place_recorded_for_an_object_or_a_property_is_the_one_found()
    {
        var map = new SourceMap();
        var file = map.File("a.yaml");
        var owner = new object();
        map.Add(owner, new SourceMap.Position(file, 1, 1));
        map.Add(owner, "name", new SourceMap.Position(file, 2, 3));
        map.Add(owner, new SourceMap.Position(file, 9, 9));
        map.Add(owner, "name", new SourceMap.Position(file, 9, 9));

        Assert.Equal(new SourceLocation("a.yaml", 1, 1), map.Locate(owner));
        Assert.Equal(new SourceLocation("a.yaml", 2, 3), map.Locate(owner, "name"));
        Assert.Equal(new SourceLocation("a.yaml", 1, 1), map.Locate(owner, "title"));
    }

    [Fact]
    public void Objects_it_has_not_seen_have_no_place_and_equal_objects_stay_apart()
    {
        var map = new SourceMap();
        var file = map.File("a.yaml");
        var first = Reference.To(ElementKind.System, "db");
        var dictionary = new Dictionary<string, string>();
        map.Add(first, new SourceMap.Position(file, 4, 5));
        map.Add(dictionary, "region", new SourceMap.Position(file, 6, 7));

        Assert.Null(map.Locate(Reference.To(ElementKind.System, "db")));
        Assert.Null(map.Locate(dictionary));
        Assert.Null(map.Locate(dictionary, "zone"));
        Assert.Equal(new SourceLocation("a.yaml", 6, 7), map.Locate(dictionary, "region"));
    }

    [Fact]
    public void Places_recorded_after_a_lookup_are_found_too()
    {
        var map = new SourceMap();
        var owner = new object();
        map.Add(owner, new SourceMap.Position(map.File("a.yaml"), 1, 1));
        Assert.NotNull(map.Locate(owner));

        map.Add(owner, "name", new SourceMap.Position(map.File("b.yaml"), 3, 4));

        Assert.Equal(new SourceLocation("b.yaml", 3, 4), map.Locate(owner, "name"));
        Assert.Equal(new SourceLocation("a.yaml", 1, 1), map.Locate(owner));
    }
}
