using System.Globalization;
using Continuity.Analysis;
using Continuity.Generation;
using Continuity.Snapshots;

namespace Continuity.Benchmarks;

/// <summary>The organisations the analysis-engine benchmarks run on: about 1,000, 10,000 and
/// 100,000 nodes of the recovery graph (functions + systems + vendors + sites + people + roles)
/// with about 5 edges (members of requirement groups) per node.</summary>
public enum EngineSize
{
    Nodes1k,
    Nodes10k,
    Nodes100k,
}

public static class EngineOrganisations
{
    /// <summary>The nodes each size aims at.</summary>
    public static int TargetNodes(EngineSize size) => size switch
    {
        EngineSize.Nodes1k => 1_000,
        EngineSize.Nodes10k => 10_000,
        EngineSize.Nodes100k => 100_000,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };

    /// <summary><see cref="GenerationOptions.Large"/>'s proportions scaled to <paramref name="size"/>:
    /// 13% functions, 65% systems, 2.5% vendors, 0.25% sites, the 6 roles the generator always
    /// writes, and people for the rest. The generator draws <c>dependsOn</c> edges only from
    /// functions and systems; the other edges of the graph (a SaaS system's vendor, hosting
    /// sites, a site's zone and provider, role holders) come to about 1.4 per system, so the
    /// <c>dependsOn</c> edges are set to 5 × nodes − 1.4 × systems, for about 5 graph edges per node.</summary>
    public static GenerationOptions Options(EngineSize size)
    {
        var nodes = TargetNodes(size);
        var scale = nodes / 100_000.0;
        var functions = (int)(13_000 * scale);
        var systems = (int)(65_000 * scale);
        var vendors = (int)(2_500 * scale);
        var sites = Math.Max(4, (int)(250 * scale));
        const int roles = 6;
        var people = nodes - functions - systems - vendors - sites - roles;
        return GenerationOptions.Large with
        {
            Functions = functions,
            Systems = systems,
            Vendors = vendors,
            Sites = sites,
            People = people,
            Teams = Math.Max(8, (int)(780 * scale)),
            Dependencies = (int)(5.0 * nodes - 1.4 * systems),
            Risks = Math.Max(12, (int)(1_300 * scale)),
            Scenarios = Math.Max(5, (int)(260 * scale)),
            Procedures = Math.Max(5, (int)(390 * scale)),
        };
    }

    public static EngineSize Parse(string text) => text.ToLowerInvariant() switch
    {
        "1k" or "nodes1k" => EngineSize.Nodes1k,
        "10k" or "nodes10k" => EngineSize.Nodes10k,
        "100k" or "nodes100k" => EngineSize.Nodes100k,
        _ => throw new ArgumentException($"Unknown size '{text}'; use 1k, 10k or 100k.", nameof(text)),
    };

    /// <summary>One line describing a generated organisation and its graph.</summary>
    public static string Describe(EngineSize size, PlanSnapshot snapshot)
    {
        var options = Options(size);
        var graph = snapshot.Graph;
        var required = 0;
        var redundancyGroups = 0;
        for (var g = 0; g < graph.GroupCount; g++)
        {
            var members = graph.MembersOf(g).Length;
            if (graph.GroupKinds[g].TakesDown())
            {
                required += members;
            }
            if (members > 1)
            {
                redundancyGroups++;
            }
        }
        var edges = graph.Members.Length;
        return string.Create(CultureInfo.InvariantCulture,
            $"{size}: {snapshot.NodeCount:N0} nodes ({options.Functions:N0} functions, {options.Systems:N0} systems, {options.Vendors:N0} vendors, "
            + $"{options.Sites:N0} sites, {options.People:N0} people, {snapshot.NodesOf(NodeKind.Role).GetOffsetAndLength(snapshot.NodeCount).Length} roles), "
            + $"{edges:N0} edges ({(double)edges / snapshot.NodeCount:F2} per node; {required:N0} required), {graph.GroupCount:N0} groups "
            + $"({redundancyGroups:N0} with more than one member); generator: {options.TotalDependencies:N0} dependsOn edges, {options.Teams} teams, "
            + $"{options.Risks} risks, {options.Scenarios} scenarios, {options.Procedures} procedures, seed {options.Seed}");
    }
}
