using System.Text;
using Continuity.PlanFiles;
using Continuity.Tests.Support;

namespace Continuity.Tests.PlanFiles;

public sealed class PlanLoaderTests
{
    private const string Organisation = """
        apiVersion: continuity/v1
        kind: Organisation
        metadata:
          name: acme
        spec:
          services:
            - name: shop
        """;

    private static PlanLoadResult Load(params (string File, string Text)[] files) => PlanLoader.LoadTexts(files);

    private static Diagnostic Single(PlanLoadResult result, string code) =>
        Assert.Single(result.Diagnostics, d => d.Code == code);

    [Fact]
    public void A_small_valid_plan_loads_with_resolved_references()
    {
        var result = Load(("org.yaml", Organisation), ("systems.yaml", """
            apiVersion: continuity/v1
            kind: System
            metadata:
              name: shop-db
            spec:
              type: database
              restore: {estimated: 6h}
            ---
            apiVersion: continuity/v1
            kind: System
            metadata:
              name: shop-app
            spec:
              type: application
              dependsOn:
                - shop-db
                - anyOf: [system:shop-db]
                  type: degraded
            """));

        Assert.Empty(result.Diagnostics);
        var app = result.Plan.Specs<SystemSpec>().Single(s => s.Document.Name == "shop-app").Spec;
        Assert.Equal(Reference.To(ElementKind.System, "shop-db"), app.DependsOn[0].On);
        Assert.Equal(DependencyType.Degraded, app.DependsOn[1].Type);
        var db = result.Plan.Specs<SystemSpec>().Single(s => s.Document.Name == "shop-db").Spec;
        Assert.Equal(360, db.Restore!.Estimated!.Value.Minutes);
    }

    [Fact]
    public void Ten_different_mistakes_are_all_reported_with_file_line_and_column()
    {
        var result = Load(("org.yaml", Organisation), ("plan.yaml", """
            apiVersion: continuity/v1
            kind: System
            metadata:
              name: billing
            spec:
              type: databse
              tier: five
              colour: blue
              restore: {estimated: -5h}
              dependsOn: [system:biling]
            ---
            apiVersion: continuity/v1
            kind: System
            metadata:
              name: billing
            spec:
              type: service
            ---
            apiVersion: continuity/v1
            kind: BusinessFunction
            metadata:
              name: payments
            spec:
              objectives: {rto: 99999w}
              dependsOn: [function:payments]
            ---
            apiVersion: continuity/v1
            kind: Person
            metadata:
              name: pat
            spec:
              phones: {work: "+1-202-555-0100"}
            ---
            apiVersion: continuity/v1
            kind: Sytem
            metadata:
              name: ghost
            """));

        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 10, string.Join("\n", errors));
        Assert.All(errors, e => Assert.Equal("plan.yaml", e.Location?.File));

        Assert.Equal((6, 9), At(errors.Single(e => e.Message.Contains("databse", StringComparison.Ordinal))));
        Assert.Contains("data-store", errors.First(e => e.Message.Contains("databse", StringComparison.Ordinal)).Hint, StringComparison.Ordinal);
        Assert.Equal((7, 9), At(errors.Single(e => e.Code == PlanFileCodes.WrongType)));
        var unknownKey = Single(result, PlanFileCodes.UnknownKey);
        Assert.Equal((8, 3), At(unknownKey));
        Assert.Contains("allowed keys", unknownKey.Hint, StringComparison.Ordinal);
        Assert.Equal((9, 24), At(errors.Single(e => e.Message.Contains("negative", StringComparison.Ordinal))));
        var unknownReference = Single(result, PlanFileCodes.UnknownReference);
        Assert.Equal((10, 15), At(unknownReference));
        Assert.Contains("'system:billing'", unknownReference.Hint, StringComparison.Ordinal);
        var duplicate = Single(result, PlanFileCodes.DuplicateId);
        Assert.Equal((15, 9), At(duplicate));
        Assert.Contains("plan.yaml:4:9", duplicate.Hint, StringComparison.Ordinal);
        Assert.Equal((24, 21), At(errors.Single(e => e.Message.Contains("ten years", StringComparison.Ordinal))));
        Assert.Equal((25, 15), At(Single(result, PlanFileCodes.DependsOnItself)));
        var missing = Single(result, PlanFileCodes.MissingField);
        Assert.Equal((32, 3), At(missing));
        Assert.Contains("email", missing.Hint, StringComparison.Ordinal);
        var kind = Single(result, PlanFileCodes.UnknownKind);
        Assert.Equal((35, 7), At(kind));
        Assert.Contains("'System'", kind.Hint, StringComparison.Ordinal);
    }

    private static (int Line, int Column) At(Diagnostic diagnostic) =>
        (diagnostic.Location!.Line, diagnostic.Location.Column);

    [Fact]
    public void Malformed_yaml_is_reported_at_the_place_it_breaks()
    {
        var result = Load(("bad.yaml", "apiVersion: continuity/v1\nkind: [System\nmetadata: {name: x}\n"));

        var error = Single(result, PlanFileCodes.YamlSyntax);
        Assert.Equal("bad.yaml", error.Location?.File);
        Assert.True(error.Location!.Line >= 2);
    }

    [Fact]
    public void A_tab_indented_file_is_refused_with_the_tab_position()
    {
        var result = Load(("tabs.yaml", "apiVersion: continuity/v1\nkind: Team\nmetadata:\n\tname: ops\n"));

        var error = Single(result, PlanFileCodes.TabIndentation);
        Assert.Equal((4, 1), At(error));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_at_the_first_bad_byte()
    {
        var folder = Directory.CreateTempSubdirectory("continuity-plan-");
        try
        {
            File.WriteAllText(Path.Join(folder.FullName, "org.yaml"), Organisation);
            var latin1 = Encoding.Latin1.GetBytes("apiVersion: continuity/v1\nkind: Team\nmetadata:\n  name: ops\n  title: Opérations\n");
            File.WriteAllBytes(Path.Join(folder.FullName, "team.yaml"), latin1);

            var result = PlanLoader.Load(folder.FullName);

            var error = Single(result, PlanFileCodes.NotUtf8);
            Assert.Equal((5, 12), At(error));
            Assert.EndsWith("team.yaml", error.Location!.File, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_empty_folder_and_a_missing_path_are_clear_errors()
    {
        var folder = Directory.CreateTempSubdirectory("continuity-plan-");
        try
        {
            Assert.Equal(PlanFileCodes.NoPlanFiles, Assert.Single(PlanLoader.Load(folder.FullName).Diagnostics).Code);
            Assert.Equal(PlanFileCodes.PathNotFound, Assert.Single(PlanLoader.Load(Path.Join(folder.FullName, "nope")).Diagnostics).Code);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_dependency_loop_is_a_warning_with_the_whole_path()
    {
        var result = Load(("org.yaml", Organisation), ("loop.yaml", """
            apiVersion: continuity/v1
            kind: System
            metadata: {name: a}
            spec: {type: service, dependsOn: [system:b]}
            ---
            apiVersion: continuity/v1
            kind: System
            metadata: {name: b}
            spec: {type: service, dependsOn: [system:c]}
            ---
            apiVersion: continuity/v1
            kind: System
            metadata: {name: c}
            spec: {type: service, dependsOn: [system:a]}
            """));

        var warning = Single(result, PlanFileCodes.DependencyCycle);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("system:a → system:b → system:c → system:a", warning.Message, StringComparison.Ordinal);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void An_rto_longer_than_the_mtpd_is_a_warning_not_an_error()
    {
        var result = Load(("org.yaml", Organisation), ("f.yaml", """
            apiVersion: continuity/v1
            kind: BusinessFunction
            metadata: {name: sales}
            spec:
              objectives: {mtpd: 4h, rto: 1d}
            """));

        var warning = Single(result, PlanFileCodes.RtoNotShorterThanMtpd);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal((5, 31), At(warning));
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void A_bare_name_that_fits_two_kinds_must_say_which()
    {
        var result = Load(("org.yaml", Organisation), ("p.yaml", """
            apiVersion: continuity/v1
            kind: System
            metadata: {name: github}
            spec: {type: saas, dependsOn: [github]}
            ---
            apiVersion: continuity/v1
            kind: Vendor
            metadata: {name: github}
            """));

        var error = Single(result, PlanFileCodes.WrongKindOfReference);
        Assert.Contains("'vendor:github'", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Impact_ratings_outside_the_organisations_scales_are_errors()
    {
        var result = Load(("org.yaml", Organisation), ("f.yaml", """
            apiVersion: continuity/v1
            kind: BusinessFunction
            metadata: {name: sales}
            spec:
              impact:
                finance: {1h: minor}
                customer: {2h: severe, 4h: 5}
            """));

        Assert.Equal(2, result.Diagnostics.Count(d => d.Code == PlanFileCodes.UnknownBiaScale));
        Assert.Contains(result.Diagnostics, d => d.Hint?.Contains("'financial'", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("{on: system:a, anyOf: [system:a]}", "both")]
    [InlineData("{type: degraded}", "names nothing")]
    public void A_dependency_entry_must_name_one_thing_or_a_group(string entry, string message)
    {
        var result = Load(("org.yaml", Organisation), ("s.yaml", $$"""
            apiVersion: continuity/v1
            kind: System
            metadata: {name: a}
            spec: {type: service}
            ---
            apiVersion: continuity/v1
            kind: Vendor
            metadata: {name: v}
            spec:
              dependsOn: [{{entry}}]
            """));

        var error = Single(result, PlanFileCodes.MissingField);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((10, 15), At(error));
    }

    [Fact]
    public void An_empty_spec_of_a_kind_that_needs_one_is_reported_not_dropped()
    {
        var result = Load(("org.yaml", Organisation), ("s.yaml", "apiVersion: continuity/v1\nkind: System\nmetadata: {name: a}\nspec:\n"));

        Assert.Contains("type", Single(result, PlanFileCodes.MissingField).Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_that_wait_for_each_other_in_a_loop_are_an_error()
    {
        var result = Load(("org.yaml", Organisation), ("p.yaml", """
            apiVersion: continuity/v1
            kind: Role
            metadata: {name: lead}
            ---
            apiVersion: continuity/v1
            kind: Procedure
            metadata: {name: restore}
            spec:
              steps:
                - {id: one, title: One, responsible: lead, after: [two]}
                - {id: two, title: Two, responsible: lead, after: [one]}
            """));

        Assert.Contains("one after two after one", Single(result, PlanFileCodes.UnknownStep).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_time_point_written_twice_is_an_error()
    {
        var result = Load(("org.yaml", Organisation), ("f.yaml", """
            apiVersion: continuity/v1
            kind: BusinessFunction
            metadata: {name: sales}
            spec:
              impact:
                financial: {60m: minor, 1h: major}
            """));

        Assert.Contains("twice", Single(result, PlanFileCodes.DuplicateId).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hidden_folders_such_as_dot_github_are_not_read()
    {
        var folder = Directory.CreateTempSubdirectory("continuity-plan-");
        try
        {
            File.WriteAllText(Path.Join(folder.FullName, "org.yaml"), Organisation);
            Directory.CreateDirectory(Path.Join(folder.FullName, ".github", "workflows"));
            File.WriteAllText(Path.Join(folder.FullName, ".github", "workflows", "ci.yaml"), "on: push\njobs: {}\n");

            var result = PlanLoader.Load(folder.FullName);

            Assert.Empty(result.Diagnostics);
            Assert.Equal(1, result.FileCount);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Files_read_side_by_side_come_together_as_if_read_one_after_the_other()
    {
        var files = Enumerable.Range(0, 12).Select(i => ($"f{i:00}.yaml", i % 3 == 0
            ? $"apiVersion: continuity/v1\nkind: Team\nmetadata: {{name: team-{i}}}\nspec: {{colour: red, parent: team-{i + 100}}}\n"
            : $"apiVersion: continuity/v1\nkind: Team\nmetadata: {{name: Team {i}}}\n" + new string('#', i * 1000) + "\n")).ToList();

        var loaded = Load([("org.yaml", Organisation), .. files]);

        var map = new SourceMap();
        var expected = new List<Diagnostic>();
        var documents = new[] { ("org.yaml", Organisation) }.Concat(files).SelectMany(f => PlanReader.Read(f.Item1, f.Item2, map, expected)).ToList();
        PlanValidator.Validate(documents, map, expected);
        Assert.Equal(expected.OrderBy(d => d.Location?.File, StringComparer.Ordinal).ThenBy(d => d.Location?.Line).ThenBy(d => d.Location?.Column), loaded.Diagnostics);
        Assert.Equal(16, loaded.Diagnostics.Count);
        var team = loaded.Plan.OfKind(ElementKind.Team).First();
        Assert.Equal("f00.yaml", loaded.Sources.Locate(team.Spec)!.File);
    }

    [Fact]
    public void A_plan_under_construction_loads_without_errors()
    {
        var result = IncompletePlan.Load();

        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        var procedures = result.Plan.Specs<ProcedureSpec>().ToDictionary(p => p.Document.Name, p => p.Spec);
        Assert.Null(Assert.Single(procedures["restore-shop"].Steps).Responsible);
        Assert.Empty(procedures["failover"].Steps);
        Assert.Null(result.Plan.Specs<BackupPolicySpec>().Single(p => p.Document.Name == "shop-db-backup").Spec.Frequency);
        Assert.Empty(Assert.Single(result.Plan.Specs<RoleSpec>().Single().Spec.Assignments).Holders);
        var checkout = result.Plan.Specs<BusinessFunctionSpec>().Single().Spec;
        Assert.Null(checkout.Objectives);
    }

    [Fact]
    public void Zero_is_a_value_for_rto_rpo_restore_times_replication_lag_and_a_continuous_backup()
    {
        var result = IncompletePlan.Load();

        var ledger = result.Plan.Specs<SystemSpec>().Single(s => s.Document.Name == "ledger").Spec;
        Assert.Equal(new Duration(0), ledger.Objectives!.Rto);
        Assert.Equal(new Duration(0), ledger.Objectives.Rpo);
        Assert.Equal(new Duration(0), ledger.Restore!.Estimated);
        Assert.Equal(new Duration(0), ledger.Restore.Measured);
        Assert.Equal(new Duration(0), ledger.ReplicationLag);
        Assert.Equal(new Duration(0), result.Plan.Specs<BackupPolicySpec>().Single(p => p.Document.Name == "ledger-replica").Spec.Frequency);
    }

    [Fact]
    public void Mtpd_escalation_times_and_time_points_must_be_at_least_a_minute()
    {
        const string text = """
            apiVersion: continuity/v1
            kind: Organisation
            metadata: {name: acme}
            spec:
              impact: {timePoints: [0m, 4h]}
            ---
            apiVersion: continuity/v1
            kind: BusinessFunction
            metadata: {name: pay}
            spec:
              objectives: {mtpd: PT0M, rto: 0m, rpo: 0h}
              financialLoss: {0d: 100}
            ---
            apiVersion: continuity/v1
            kind: Role
            metadata: {name: lead}
            ---
            apiVersion: continuity/v1
            kind: Procedure
            metadata: {name: restore}
            spec:
              steps:
                - {id: one, title: One, responsible: lead, escalateAfter: 0m}
            ---
            apiVersion: continuity/v1
            kind: System
            metadata: {name: db}
            spec: {type: database}
            ---
            apiVersion: continuity/v1
            kind: BackupPolicy
            metadata: {name: nightly}
            spec: {system: db, method: full, frequency: 0m}
            """;
        var result = Load(("plan.yaml", text));

        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 5, string.Join("\n", errors));
        Assert.All(errors, e => Assert.Equal(PlanFileCodes.InvalidValue, e.Code));
        Assert.Equal([(5, 25), (11, 22), (12, 19), (23, 63), (33, 45)], errors.Select(At));
        Assert.All(errors.Take(4), e => Assert.Contains("at least one minute", e.Message, StringComparison.Ordinal));
        Assert.Contains("mtpd", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("escalateAfter", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("continuous", errors[4].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Disruption_classes_are_a_fixed_list_and_an_unknown_one_is_located_with_the_closest_class()
    {
        var result = Load(("org.yaml", Organisation), ("p.yaml", """
            apiVersion: continuity/v1
            kind: System
            metadata: {name: db}
            spec:
              type: database
              objectives:
                rtoByDisruption: {instance: 15m, regoin: 1h}
            ---
            apiVersion: continuity/v1
            kind: BusinessFunction
            metadata: {name: sales}
            spec:
              objectives:
                rto: 4h
                byDisruption:
                  cyber: {rto: 2d, rpo: 1d}
                  ransomware: {rto: 3d}
            ---
            apiVersion: continuity/v1
            kind: Scenario
            metadata: {name: lose-region}
            spec: {disruption: regional}
            """));

        var errors = result.Diagnostics.Where(d => d.Code == PlanFileCodes.InvalidValue).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal(new SourceLocation("p.yaml", 7, 38), errors[0].Location);
        Assert.Contains("'regoin'", errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("did you mean 'region'?", errors[0].Hint, StringComparison.Ordinal);
        Assert.Contains("instance, software, zone, region, site, vendor, cyber, people", errors[0].Hint, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("p.yaml", 17, 7), errors[1].Location);
        Assert.Contains("'ransomware'", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("p.yaml", 22, 20), errors[2].Location);
        Assert.StartsWith("did you mean 'region'?", errors[2].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Disruption_classes_per_function_and_system_and_the_class_of_a_scenario_load()
    {
        var result = Load(("org.yaml", Organisation), ("p.yaml", """
            apiVersion: continuity/v1
            kind: System
            metadata: {name: db}
            spec:
              type: database
              objectives: {rtoByDisruption: {instance: 0m, region: 1h}}
            ---
            apiVersion: continuity/v1
            kind: BusinessFunction
            metadata: {name: sales}
            spec:
              objectives: {rto: 4h, byDisruption: {region: {rto: 8h}, cyber: {rto: 2d, rpo: 1d}}}
            ---
            apiVersion: continuity/v1
            kind: Scenario
            metadata: {name: lose-region}
            spec: {disruption: region}
            """));

        Assert.Empty(result.Diagnostics);
        var system = result.Plan.Specs<SystemSpec>().Single().Spec;
        Assert.Equal(new Dictionary<Disruption, Duration> { [Disruption.Instance] = Duration.Parse("0m"), [Disruption.Region] = Duration.FromHours(1) },
            system.Objectives!.RtoByDisruption);
        var objectives = result.Plan.Specs<BusinessFunctionSpec>().Single().Spec.Objectives!;
        Assert.Equal(Duration.FromHours(8), objectives.ByDisruption[Disruption.Region].Rto);
        Assert.Null(objectives.ByDisruption[Disruption.Region].Rpo);
        Assert.Equal(Duration.FromDays(1), objectives.ByDisruption[Disruption.Cyber].Rpo);
        Assert.Equal(Disruption.Region, result.Plan.Specs<ScenarioSpec>().Single().Spec.Disruption);
    }

    [Fact]
    public void A_system_restored_by_its_vendor_needs_the_vendor_and_states_no_restore_time_of_its_own()
    {
        var result = Load(("org.yaml", Organisation), ("p.yaml", """
            apiVersion: continuity/v1
            kind: Vendor
            metadata: {name: desk-co}
            spec: {contractualRto: 4h}
            ---
            apiVersion: continuity/v1
            kind: System
            metadata: {name: helpdesk}
            spec:
              type: saas
              vendor: desk-co
              restore: {byVendor: true}
            ---
            apiVersion: continuity/v1
            kind: System
            metadata: {name: orphan}
            spec:
              type: saas
              restore: {byVendor: true}
            ---
            apiVersion: continuity/v1
            kind: System
            metadata: {name: twice}
            spec:
              type: saas
              vendor: desk-co
              restore: {byVendor: true, estimated: 4h}
            """));

        Assert.Equal(2, result.Diagnostics.Count);
        var missing = Single(result, PlanFileCodes.MissingField);
        Assert.Equal(new SourceLocation("p.yaml", 19, 23), missing.Location);
        Assert.Contains("system:orphan", missing.Message, StringComparison.Ordinal);
        var twice = Single(result, PlanFileCodes.InvalidValue);
        Assert.Equal(new SourceLocation("p.yaml", 27, 40), twice.Location);
        Assert.Contains("restore.estimated", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recovery_sites_and_what_a_procedure_recovers_are_references_that_must_resolve()
    {
        var result = Load(("org.yaml", Organisation), ("p.yaml", """
            apiVersion: continuity/v1
            kind: Site
            metadata: {name: eu}
            spec: {type: cloud-region}
            ---
            apiVersion: continuity/v1
            kind: System
            metadata: {name: db}
            spec:
              type: database
              hosting: {sites: [eu], recoverySites: [us]}
            ---
            apiVersion: continuity/v1
            kind: Procedure
            metadata: {name: restore}
            spec:
              recovers: [system:db]
            """));

        Assert.Equal(new SourceLocation("p.yaml", 11, 42), Single(result, PlanFileCodes.UnknownReference).Location);
        var wrongKind = Single(result, PlanFileCodes.WrongKindOfReference);
        Assert.Equal(new SourceLocation("p.yaml", 17, 14), wrongKind.Location);
    }
}
