using Continuity.Web.Pictures;
using Microsoft.Extensions.Options;

namespace Continuity.Tests.Pictures;

/// <summary>The tests that need Graphviz's <c>dot</c>: without it they skip, except under CI,
/// where they fail (scripts/test.sh installs Debian's graphviz).</summary>
internal static class GraphvizRequirement
{
    public static void Require()
    {
        using var graphviz = new Graphviz(Options.Create(new GraphvizOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<Graphviz>.Instance);
        if (graphviz.DotProgram() is not null)
        {
            return;
        }
        const string missing = "Graphviz's dot is not on PATH, so the pictures cannot be drawn. Install it with apt install graphviz (scripts/test.sh does).";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail(missing + " Under CI the picture tests must run.");
        }
        Assert.Skip(missing);
    }
}
