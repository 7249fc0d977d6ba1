using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Continuity.Generation;
using Continuity.PlanFiles;

namespace Continuity.Tests.Generation;

public sealed class SyntheticOrganisationTests
{
    private static readonly GenerationOptions Medium = new()
    {
        Seed = 7,
        Functions = 200,
        Systems = 1_000,
        Dependencies = 5_000,
        Vendors = 40,
        Sites = 12,
        People = 300,
        Teams = 20,
    };

    private static readonly Dictionary<string, GenerationOptions> Shapes = new()
    {
        ["default"] = new GenerationOptions(),
        ["medium"] = Medium,
        ["one function on one site"] = new GenerationOptions { Seed = 3, Functions = 1, Systems = 0, Vendors = 0, Sites = 1, People = 1, Teams = 1, Dependencies = 1, Risks = 0, Scenarios = 0, Procedures = 0 },
        ["tiny, all redundant, more teams than people"] = new GenerationOptions { Seed = 4, Functions = 3, Systems = 5, Vendors = 1, Sites = 2, People = 2, Teams = 4, Dependencies = 30, RedundancyShare = 1 },
        ["no sites or vendors, more backups than systems"] = new GenerationOptions { Seed = 5, Functions = 10, Systems = 40, Vendors = 0, Sites = 0, People = 15, Teams = 3, DependenciesPerNode = 4, BackupPolicies = 55 },
        ["no functions or systems"] = new GenerationOptions { Seed = 6, Functions = 0, Systems = 0, Vendors = 3, Sites = 3, People = 5, Teams = 2, Dependencies = 0 },
    };

    public static TheoryData<string> Sizes => [.. Shapes.Keys];

    [Fact]
    public void The_same_seed_gives_the_same_plan() =>
        Assert.Equal(Serialize(SyntheticOrganisation.Generate(Medium)), Serialize(SyntheticOrganisation.Generate(Medium)));

    [Fact]
    public void Another_seed_gives_another_plan() =>
        Assert.NotEqual(Serialize(SyntheticOrganisation.Generate(Medium)), Serialize(SyntheticOrganisation.Generate(Medium with { Seed = 8 })));

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_count_asked_for_is_honoured(string shape)
    {
        var options = Shapes[shape];
        var plan = SyntheticOrganisation.Generate(options);

        Assert.Equal(1, Count(plan, ElementKind.Organisation));
        Assert.Equal(options.Functions, Count(plan, ElementKind.BusinessFunction));
        Assert.Equal(options.Systems, Count(plan, ElementKind.System));
        Assert.Equal(options.Vendors, Count(plan, ElementKind.Vendor));
        Assert.Equal(options.Sites, Count(plan, ElementKind.Site));
        Assert.Equal(options.People, Count(plan, ElementKind.Person));
        Assert.Equal(options.Teams, Count(plan, ElementKind.Team));
        Assert.Equal(options.Risks, Count(plan, ElementKind.Risk));
        Assert.Equal(options.Scenarios, Count(plan, ElementKind.Scenario));
        Assert.Equal(options.Procedures, Count(plan, ElementKind.Procedure));
        var dataStores = plan.Specs<SystemSpec>().Count(s => s.Spec.Type is SystemType.Database or SystemType.DataStore);
        Assert.Equal(options.BackupPolicies ?? dataStores, Count(plan, ElementKind.BackupPolicy));
        Assert.Equal(options.TotalDependencies, Edges(plan).Count);
    }

    [Fact]
    public void Dependencies_per_node_counts_functions_and_systems()
    {
        var options = new GenerationOptions { Functions = 30, Systems = 70, DependenciesPerNode = 3.5 };

        Assert.Equal(350, Edges(SyntheticOrganisation.Generate(options)).Count);
    }

    [Fact]
    public void The_large_size_has_its_counts_and_no_cycle()
    {
        var plan = SyntheticOrganisation.Generate(GenerationOptions.Large);

        Assert.Equal(2_000, Count(plan, ElementKind.BusinessFunction));
        Assert.Equal(10_000, Count(plan, ElementKind.System));
        Assert.Equal(50_000, Edges(plan).Count);
        Assert.Empty(Unsorted(plan));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_reference_names_an_element_of_a_kind_the_property_allows(string shape)
    {
        var options = Shapes[shape];
        var plan = SyntheticOrganisation.Generate(options);
        var ids = plan.Documents.Select(d => (d.Kind, d.Name)).ToHashSet();
        var problems = new List<string>();
        var references = 0;
        foreach (var document in plan.Documents)
        {
            foreach (var (reference, allowed, path) in References(document.Metadata, "metadata").Concat(References(document.Spec, "spec")))
            {
                references++;
                if (reference.Kind is not { } kind)
                {
                    problems.Add($"{document.Name} {path}: '{reference.Name}' has no kind");
                }
                else if (!allowed.Contains(kind))
                {
                    problems.Add($"{document.Name} {path}: a {kind} is not allowed here");
                }
                else if (!ids.Contains((kind, reference.Name)))
                {
                    problems.Add($"{document.Name} {path}: there is no {kind} '{reference.Name}'");
                }
            }
        }

        Assert.Empty(problems);
        Assert.True(references >= options.TotalDependencies, $"only {references} references found");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Dependencies_never_form_a_cycle(string shape) =>
        Assert.Empty(Unsorted(SyntheticOrganisation.Generate(Shapes[shape])));

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Each_function_recovers_before_its_maximum_tolerable_disruption(string shape)
    {
        var options = Shapes[shape];
        foreach (var (document, function) in SyntheticOrganisation.Generate(options).Specs<BusinessFunctionSpec>())
        {
            var objectives = function.Objectives;
            Assert.NotNull(objectives?.Rto);
            Assert.NotNull(objectives.Mtpd);
            Assert.True(objectives.Rto < objectives.Mtpd, $"{document.Name}: RTO {objectives.Rto} is not shorter than MTPD {objectives.Mtpd}");
        }
    }

    [Fact]
    public void The_impact_analysis_turns_intolerable_at_the_mtpd()
    {
        var plan = SyntheticOrganisation.Generate(Medium);
        var scales = ((OrganisationSpec)plan.Organisation!.Spec).Impact;

        foreach (var (document, function) in plan.Specs<BusinessFunctionSpec>())
        {
            Assert.Equal(scales.Categories, function.Impact.Keys);
            var firstIntolerable = scales.TimePoints.First(point => function.Impact.Values.Any(ratings => ratings[point] >= scales.IntolerableFrom));
            Assert.Equal(function.Objectives!.Mtpd, firstIntolerable);
            foreach (var ratings in function.Impact.Values)
            {
                Assert.Equal(scales.TimePoints, ratings.Keys);
                Assert.True(ratings.Values.Zip(ratings.Values.Skip(1)).All(pair => pair.First <= pair.Second), $"{document.Name}: impact falls over time");
            }
        }
    }

    [Fact]
    public void A_few_shared_nodes_gather_most_of_the_fan_in()
    {
        var edges = Edges(SyntheticOrganisation.Generate(Medium));
        var fanIn = edges.GroupBy(e => e.To).Select(g => g.Count()).OrderDescending().ToList();
        var mean = (double)edges.Count / fanIn.Count;

        Assert.True(fanIn[0] > 10 * mean, $"the most popular node has {fanIn[0]} dependents, the mean is {mean:F1}");
    }

    [Fact]
    public void About_the_share_of_entries_asked_for_are_redundancy_groups()
    {
        var entries = SyntheticOrganisation.Generate(Medium with { RedundancyShare = 0.2 })
            .Documents.SelectMany(d => DependenciesOf(d.Spec)).ToList();
        var groups = entries.Count(e => e.AnyOf.Count > 0);

        Assert.InRange((double)groups / entries.Count, 0.12, 0.25);
        Assert.All(entries.Where(e => e.AnyOf.Count > 0), e => Assert.InRange(e.AnyOf.Count, 2, 3));
    }

    [Fact]
    public void People_have_contact_details_and_roles_have_active_holders()
    {
        var plan = SyntheticOrganisation.Generate(Medium);
        var people = plan.Specs<PersonSpec>().ToDictionary(p => p.Document.Name, p => p.Spec);

        Assert.All(people.Values, p => Assert.Contains("@example.com", p.Email, StringComparison.Ordinal));
        Assert.All(people.Values, p => Assert.NotNull(p.Phones.Work));
        Assert.Contains(people.Values, p => !p.Active);
        foreach (var (role, spec) in plan.Specs<RoleSpec>())
        {
            Assert.NotEmpty(spec.Assignments);
            Assert.All(spec.Assignments, a => Assert.NotEmpty(a.Holders));
            Assert.All(spec.Assignments.SelectMany(a => a.Holders), h => Assert.True(people[h.Name].Active, $"{role.Name} is held by {h.Name}, who has left"));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_plan_validates_without_any_problem(string shape)
    {
        var options = Shapes[shape];
        var diagnostics = new List<Diagnostic>();

        PlanValidator.Validate(SyntheticOrganisation.Generate(options).Documents, new SourceMap(), diagnostics);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void More_dependencies_than_fit_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SyntheticOrganisation.Generate(new GenerationOptions { Functions = 2, Systems = 0, Vendors = 1, Sites = 1, Dependencies = 5 }));

    // ---------------------------------------------------------------- helpers

    private static int Count(Plan plan, ElementKind kind) => plan.OfKind(kind).Count();

    private static List<DependencySpec> DependenciesOf(ElementSpec spec) => spec switch
    {
        BusinessFunctionSpec function => function.DependsOn,
        SystemSpec system => system.DependsOn,
        VendorSpec vendor => vendor.DependsOn,
        _ => [],
    };

    private static List<(string From, string To)> Edges(Plan plan) =>
        [.. plan.Documents.SelectMany(d => DependenciesOf(d.Spec)
            .SelectMany(dependency => dependency.AnyOf.Prepend(dependency.On).OfType<Reference>())
            .Select(target => ($"{d.Kind}:{d.Name}", $"{target.Kind}:{target.Name}")))];

    /// <summary>The nodes a topological sort cannot place: empty when there is no cycle.</summary>
    private static List<string> Unsorted(Plan plan)
    {
        var edges = Edges(plan);
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        var waitingOn = nodes.ToDictionary(n => n, _ => 0);
        var dependents = nodes.ToDictionary(n => n, _ => new List<string>());
        foreach (var (from, to) in edges)
        {
            waitingOn[from]++;
            dependents[to].Add(from);
        }
        var ready = new Queue<string>(nodes.Where(n => waitingOn[n] == 0));
        while (ready.TryDequeue(out var node))
        {
            foreach (var dependent in dependents[node])
            {
                if (--waitingOn[dependent] == 0)
                {
                    ready.Enqueue(dependent);
                }
            }
        }
        return [.. nodes.Where(n => waitingOn[n] > 0)];
    }

    /// <summary>Every reference in a model object, found by walking its properties: single
    /// references and lists of them, with the kinds their [RefTo] allows.</summary>
    private static IEnumerable<(Reference Reference, ElementKind[] Allowed, string Path)> References(object value, string path)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetValue(value) is not { } child)
            {
                continue;
            }
            var here = $"{path}.{property.Name}";
            var isReference = property.PropertyType == typeof(Reference) || property.PropertyType == typeof(List<Reference>);
            if (isReference)
            {
                var allowed = property.GetCustomAttribute<RefToAttribute>()?.Kinds.ToArray()
                    ?? throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name} holds references but has no [RefTo].");
                List<Reference> items = child is Reference single ? [single] : (List<Reference>)child;
                for (var i = 0; i < items.Count; i++)
                {
                    yield return (items[i], allowed, child is Reference ? here : $"{here}[{i}]");
                }
            }
            else if (child is IList list && !IsDictionary(child))
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } item && IsModel(item.GetType()))
                    {
                        foreach (var found in References(item, $"{here}[{i}]"))
                        {
                            yield return found;
                        }
                    }
                }
            }
            else if (IsModel(child.GetType()))
            {
                foreach (var found in References(child, here))
                {
                    yield return found;
                }
            }
        }
    }

    private static bool IsDictionary(object value) => value is IDictionary;

    private static bool IsModel(Type type) => type is { IsClass: true, Namespace: "Continuity.PlanFiles" } && type != typeof(string);

    private static readonly JsonSerializerOptions Json = new() { Converters = { new DurationConverter(), new JsonStringEnumConverter() } };

    private static string Serialize(Plan plan) =>
        JsonSerializer.Serialize(plan.Documents.Select(d => new { d.Kind, d.Metadata, Spec = (object)d.Spec }), Json);

    private sealed class DurationConverter : JsonConverter<Duration>
    {
        public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Duration.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}
