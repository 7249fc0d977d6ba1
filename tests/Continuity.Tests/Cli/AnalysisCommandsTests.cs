using System.Text.Json;
using System.Text.Json.Nodes;
using Continuity.Checks;
using Continuity.Cli;
using Continuity.Cli.Sarif;
using Continuity.Tests.PlanFiles;
using Continuity.Tests.Support;
using Json.Schema;

namespace Continuity.Tests.Cli;

/// <summary>check, impact, recovery-order and spof through the real command line, on the demo
/// plan written to a temp folder (and imported into the runner's SQLite file for --db).</summary>
public sealed class AnalysisCommandsTests : IDisposable
{
    private const string AsOf = "2026-11-28";                // the day the demo's weaknesses are judged on

    private static readonly Lazy<JsonSchema> SarifSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Join(PlanSchemaTests.RepositoryRoot(), "tests", "Continuity.Tests", "Sarif", "sarif-schema-2.1.0.json"))));

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Demo => _cli.PathOf("plan");

    private async Task WriteDemoAsync() => (await _cli.RunAsync("demo", Demo)).AssertSuccess();

    private Task<CliRunner.Run> RunOnDatabaseAsync(params string[] args) =>
        _cli.RunAsync([.. args, "--db", "--connection-string", _cli.ConnectionString]);

    private static JsonElement Json(CliRunner.Run run) => JsonDocument.Parse(run.Output).RootElement;

    [Fact]
    public async Task Analysis_commands_exit_0_when_what_they_show_misses_nothing()
    {
        await WriteDemoAsync();

        // Losing only the status page takes nothing critical past its RTO.
        var impact = await _cli.RunAsync("impact", Demo, "--fail", "system:status-page");
        var order = await _cli.RunAsync("recovery-order", Demo, "--fail", "system:status-page");
        var spof = await _cli.RunAsync("spof", Demo, "--tier", "1", "--format", "json");

        Assert.Equal(0, impact.ExitCode);
        Assert.Equal(0, order.ExitCode);
        Assert.Equal(1, spof.ExitCode);                                      // license-db alone misses license validation's RTO
    }

    [Fact]
    public async Task Help_lists_the_analysis_commands()
    {
        var run = await _cli.RunAsync("--help");

        foreach (var command in new[] { "check", "impact", "recovery-order", "spof" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s+\S", run.Output);
        }
    }

    [Theory]
    [InlineData("check", "--min-severity")]
    [InlineData("impact", "--fail")]
    [InlineData("recovery-order", "--capacity")]
    [InlineData("spof", "--tier")]
    public async Task Every_analysis_command_has_help(string command, string option)
    {
        var run = await _cli.RunAsync(command, "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Contains(option, run.Output, StringComparison.Ordinal);
        Assert.Contains("--db", run.Output, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ check

    [Fact]
    public async Task Check_lists_findings_by_severity_and_check_with_location_and_hint_and_exits_1()
    {
        await WriteDemoAsync();

        var run = await _cli.RunAsync("check", Demo, "--as-of", AsOf);

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        var output = run.Output;
        Assert.True(output.IndexOf("Errors", StringComparison.Ordinal) < output.IndexOf("Warnings", StringComparison.Ordinal));
        Assert.Contains("CT302 Role has a single holder", output, StringComparison.Ordinal);
        Assert.Matches(@"✗ role:license-on-call  .*roles\.yaml:\d+:\d+", output);
        Assert.Contains("hint: ", output, StringComparison.Ordinal);
        Assert.Contains("person:fatima-zahra", output, StringComparison.Ordinal);             // a warning (CT306)
        Assert.Matches(@"✗ Checks found problems — \d+ errors, \d+ warnings, \d+ info, as of 2026-11-28\.\n  \d+ waived; 2 below --min-severity warning not listed\.", output);
        Assert.DoesNotContain(" \n", output, StringComparison.Ordinal);                        // no trailing blanks
    }

    [Fact]
    public async Task Min_severity_chooses_what_is_listed_and_what_fails_the_run()
    {
        await WriteDemoAsync();

        var errors = await _cli.RunAsync("check", Demo, "--as-of", AsOf, "--min-severity", "error");
        var all = await _cli.RunAsync("check", Demo, "--as-of", AsOf, "--min-severity", "info");

        Assert.DoesNotContain("CT306", errors.Output, StringComparison.Ordinal);
        Assert.Contains("below --min-severity error not listed", errors.Output, StringComparison.Ordinal);
        Assert.Contains("CT306", all.Output, StringComparison.Ordinal);
        Assert.Contains("\nInfo", all.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_as_json_lists_each_finding_with_its_check_element_and_location()
    {
        await WriteDemoAsync();

        var run = await _cli.RunAsync("check", Demo, "--as-of", AsOf, "--format", "json");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        var json = Json(run);
        Assert.False(json.GetProperty("passed").GetBoolean());
        Assert.Equal("files", json.GetProperty("source").GetString());
        Assert.Equal(AsOf, json.GetProperty("asOf").GetString());
        Assert.True(json.GetProperty("counts").GetProperty("errors").GetInt32() > 0);
        var single = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("check").GetString() == "CT302");
        Assert.Equal("role:license-on-call", single.GetProperty("element").GetString());
        Assert.Equal("error", single.GetProperty("severity").GetString());
        Assert.Equal("Role has a single holder", single.GetProperty("title").GetString());
        Assert.EndsWith("roles.yaml", single.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.True(single.GetProperty("line").GetInt32() > 1);
        Assert.False(single.TryGetProperty("waived", out _));
    }

    [Fact]
    public async Task A_waived_finding_is_shown_dimmed_with_its_waiver_and_does_not_count()
    {
        await WriteDemoAsync();
        await AddWaiverAsync();

        var text = await _cli.RunAsync("check", Demo, "--as-of", AsOf);
        var json = Json(await _cli.RunAsync("check", Demo, "--as-of", AsOf, "--format", "json"));

        Assert.Contains("○ role:license-on-call", text.Output, StringComparison.Ordinal);
        Assert.Contains("waived until 2099-12-31 by maya-okafor: Olivia's backup starts in January.", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"\d+ waived", text.Output);
        var waived = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("check").GetString() == "CT302").GetProperty("waived");
        Assert.Equal("maya-okafor", waived.GetProperty("owner").GetString());
        Assert.True(json.GetProperty("counts").GetProperty("waived").GetInt32() >= 1);
    }

    [Fact]
    public async Task Nothing_at_or_above_the_threshold_exits_0()
    {
        File.WriteAllText(_cli.PathOf("tiny.yaml"), "apiVersion: continuity/v1\nkind: Organisation\nmetadata: {name: tiny}\nspec: {}\n");

        var run = await _cli.RunAsync("check", _cli.PathOf("tiny.yaml"), "--as-of", AsOf, "--min-severity", "error");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("✓ No findings at or above error", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_plan_files_are_an_input_error_with_the_diagnostics()
    {
        File.WriteAllText(_cli.PathOf("bad.yaml"), "apiVersion: continuity/v1\nkind: System\nmetadata: {name: web}\nspec: {type: servise}\n");

        var run = await _cli.RunAsync("check", _cli.PathOf("bad.yaml"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Matches(@"bad\.yaml:4:\d+: error PF012", run.Output);
        Assert.Contains("not analysed", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_plan_comes_from_a_folder_or_the_database_not_both_nor_neither(bool both)
    {
        await WriteDemoAsync();

        var run = both ? await RunOnDatabaseAsync("check", Demo) : await _cli.RunAsync("check");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(both ? "not both" : "--db", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_on_the_database_finds_the_same_and_without_file_locations()
    {
        await WriteDemoAsync();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();

        var fromDatabase = await RunOnDatabaseAsync("check", "--as-of", AsOf, "--format", "json");
        var fromFiles = await _cli.RunAsync("check", Demo, "--as-of", AsOf, "--format", "json");

        Assert.Equal(ExitCodes.Findings, fromDatabase.ExitCode);
        var json = Json(fromDatabase);
        Assert.Equal("database", json.GetProperty("source").GetString());
        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.False(f.TryGetProperty("file", out _)));
        Assert.Equal(
            Json(fromFiles).GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("check").GetString(), f.GetProperty("element").GetString())),
            findings.Select(f => (f.GetProperty("check").GetString(), f.GetProperty("element").GetString())));
    }

    [Fact]
    public async Task An_empty_database_is_an_input_error()
    {
        (await _cli.RunAsync("db", "migrate")).AssertSuccess();

        var run = await RunOnDatabaseAsync("spof");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("import one first", run.Error, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ SARIF

    [Fact]
    public async Task Sarif_output_is_valid_sarif_2_1_0_with_a_rule_per_check_and_results_in_the_plan_files()
    {
        await WriteDemoAsync();
        await AddWaiverAsync();

        var run = await _cli.RunAsync("check", Demo, "--as-of", AsOf, "--format", "sarif");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        AssertValidSarif(run.Output);
        var sarif = JsonNode.Parse(run.Output)!;
        Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
        var runNode = sarif["runs"]![0]!;
        var driver = runNode["tool"]!["driver"]!;
        Assert.Equal("continuity", driver["name"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+\.\d+", driver["version"]!.GetValue<string>());
        var rules = driver["rules"]!.AsArray();
        Assert.Equal(CheckCatalogue.All.Select(c => c.Id), rules.Select(r => r!["id"]!.GetValue<string>()));
        var ct302 = rules.Single(r => r!["id"]!.GetValue<string>() == "CT302")!;
        Assert.Equal("RoleWithSingleHolder", ct302["name"]!.GetValue<string>());
        Assert.Equal("Role has a single holder", ct302["shortDescription"]!["text"]!.GetValue<string>());
        Assert.Equal("error", ct302["defaultConfiguration"]!["level"]!.GetValue<string>());
        Assert.EndsWith("checks.md#ct302-role-has-a-single-holder", ct302["helpUri"]!.GetValue<string>(), StringComparison.Ordinal);
        // Every rule's help points at a heading that docs/checks.md has.
        var headings = File.ReadAllLines(Path.Join(PlanSchemaTests.RepositoryRoot(), "docs", "checks.md"))
            .Where(line => line.StartsWith('#')).Select(line => SarifLog.Anchor(line.TrimStart('#').Trim())).ToHashSet();
        Assert.All(rules, r => Assert.Contains(r!["helpUri"]!.GetValue<string>().Split('#')[1], headings));
        Assert.False(string.IsNullOrEmpty(ct302["help"]!["text"]!.GetValue<string>()));

        var planRoot = runNode["originalUriBaseIds"]!["PLANROOT"]!["uri"]!.GetValue<string>();
        Assert.Equal(new Uri(Demo + "/").AbsoluteUri, planRoot);
        var results = runNode["results"]!.AsArray();
        var waived = results.Single(r => r!["ruleId"]!.GetValue<string>() == "CT302")!;
        Assert.Equal("error", waived["level"]!.GetValue<string>());
        var location = waived["locations"]![0]!;
        Assert.Equal("roles.yaml", location["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal("PLANROOT", location["physicalLocation"]!["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
        Assert.True(location["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>() > 1);
        Assert.Equal("role:license-on-call", location["logicalLocations"]![0]!["fullyQualifiedName"]!.GetValue<string>());
        var suppression = waived["suppressions"]![0]!;
        Assert.Equal("external", suppression["kind"]!.GetValue<string>());
        Assert.Equal("Olivia's backup starts in January.", suppression["justification"]!.GetValue<string>());
        Assert.Contains(results, r => r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>() == "teams/licensing.yaml");
        Assert.All(results, r => Assert.Equal(r!["ruleId"]!.GetValue<string>(), rules[r["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>()));
        Assert.Contains(results, r => r!["level"]!.GetValue<string>() == "warning");
    }

    [Fact]
    public async Task Sarif_from_the_database_is_valid_and_names_elements_only()
    {
        await WriteDemoAsync();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();

        var run = await RunOnDatabaseAsync("check", "--as-of", AsOf, "--format", "sarif", "--min-severity", "info");

        AssertValidSarif(run.Output);
        var results = JsonNode.Parse(run.Output)!["runs"]![0]!["results"]!.AsArray();
        Assert.Contains(results, r => r!["level"]!.GetValue<string>() == "note");
        Assert.All(results, r => Assert.Null(r!["locations"]![0]!["physicalLocation"]));
    }

    [Fact]
    public async Task Sarif_for_invalid_plan_files_reports_the_file_problems_and_exits_2()
    {
        Directory.CreateDirectory(_cli.PathOf("broken"));
        File.WriteAllText(_cli.PathOf("broken/systems.yaml"), "apiVersion: continuity/v1\nkind: System\nmetadata: {name: web}\nspec: {type: service, dependsOn: [system:nowhere]}\n");

        var run = await _cli.RunAsync("check", _cli.PathOf("broken"), "--format", "sarif");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        AssertValidSarif(run.Output);
        var runNode = JsonNode.Parse(run.Output)!["runs"]![0]!;
        Assert.False(runNode["invocations"]![0]!["executionSuccessful"]!.GetValue<bool>());
        var result = runNode["results"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "PF021")!;
        Assert.Equal("error", result["level"]!.GetValue<string>());
        Assert.Equal("systems.yaml", result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Check_on_a_plan_under_construction_reports_its_gaps_as_findings_and_exits_1_not_2()
    {
        Directory.CreateDirectory(_cli.PathOf("draft"));
        File.WriteAllText(_cli.PathOf("draft/plan.yaml"), IncompletePlan.Text);

        var validate = await _cli.RunAsync("validate", _cli.PathOf("draft"));
        var text = await _cli.RunAsync("check", _cli.PathOf("draft"), "--as-of", AsOf);
        var sarif = await _cli.RunAsync("check", _cli.PathOf("draft"), "--as-of", AsOf, "--format", "sarif");

        Assert.True(validate.ExitCode == ExitCodes.Success, validate.All);
        Assert.True(text.ExitCode == ExitCodes.Findings, text.All);
        var step = IncompletePlan.At("name: restore-shop", "id: restore-db");
        Assert.Contains("CT307 Procedure step has no responsible role", text.Output, StringComparison.Ordinal);
        Assert.Matches($@"✗ procedure:restore-shop  .*plan\.yaml:{step.Line}:{step.Column}", text.Output);
        Assert.Contains("CT111 Procedure has no steps", text.Output, StringComparison.Ordinal);
        Assert.Contains("CT407 Backup policy states no frequency", text.Output, StringComparison.Ordinal);
        Assert.Contains("CT103", text.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Findings, sarif.ExitCode);
        AssertValidSarif(sarif.Output);
        var runNode = JsonNode.Parse(sarif.Output)!["runs"]![0]!;
        var rules = runNode["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("CT111", rules);
        Assert.Contains("CT307", rules);
        Assert.Contains("CT407", rules);
        var result = runNode["results"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "CT307")!;
        var region = result["locations"]![0]!["physicalLocation"]!["region"]!;
        Assert.Equal((step.Line, step.Column), (region["startLine"]!.GetValue<int>(), region["startColumn"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Check_on_a_small_plan_reports_scenario_coverage_and_objectives_by_disruption_at_their_place()
    {
        var plan = Checks.CheckPlans.Clean()
            .With(Checks.CheckPlans.Doc("Scenario", "db-loss", "disruption: cyber\nfails: [system:shop-db]"))
            .With(Checks.CheckPlans.Procedure("restore-db", "db-loss"))
            .With(Checks.CheckPlans.Function("checkout", objectives: Checks.CheckPlans.ObjectivesByDisruption("{cyber: {rto: 30m}}")));
        Directory.CreateDirectory(_cli.PathOf("small"));
        File.WriteAllText(_cli.PathOf("small/plan.yaml"), plan.Text);

        var run = await _cli.RunAsync("check", _cli.PathOf("small"), "--as-of", AsOf);

        Assert.True(run.ExitCode == ExitCodes.Findings, run.All);
        var breach = plan.At("cyber: {rto: 30m}", "rto: 30m", offset: 5);
        var scenario = plan.At("name: db-loss", "db-loss");
        Assert.Contains("CT113 RTO is missed in a scenario", run.Output, StringComparison.Ordinal);
        Assert.Matches($@"✗ function:checkout  .*plan\.yaml:{breach.Line}:{breach.Column}", run.Output);
        Assert.Contains("(a cyber disruption)", run.Output, StringComparison.Ordinal);
        Assert.Contains("CT112 No procedure for the scenario recovers the function", run.Output, StringComparison.Ordinal);
        Assert.Matches($@"! function:checkout  .*plan\.yaml:{scenario.Line}:{scenario.Column}", run.Output);
    }

    private static void AssertValidSarif(string text)
    {
        var result = SarifSchema.Value.Evaluate(JsonDocument.Parse(text).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, "Not valid SARIF 2.1.0: " + string.Join("; ",
            (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    // ------------------------------------------------------------------ impact

    [Fact]
    public async Task Impact_prints_the_functions_down_the_scenarios_and_the_recovery_order()
    {
        await WriteDemoAsync();

        var run = await _cli.RunAsync("impact", Demo, "--fail", "region=eu-west-1");

        run.AssertSuccess();
        var output = run.Output;
        Assert.Contains("What if region=eu-west-1 fails?", output, StringComparison.Ordinal);
        Assert.Matches(@"│ lms-integration │\s+1\s+│ 1h 10m after\s+│\s+4h │ at 4h\s+│\s+1d │ at 1d\s+│ severe\s+│ 45,000 USD │", output);
        Assert.Contains("unless back", output, StringComparison.Ordinal);
        Assert.Contains("critical path: system:lti-service ← system:eks-eu-west-1 ← site:aws-eu-west-1", output, StringComparison.Ordinal);
        Assert.Contains("function:auto-grading (tier 2) — without site:aws-eu-west-1, system:eks-eu-west-1, system:lti-service", output, StringComparison.Ordinal);
        Assert.Contains("scenario:region-outage", output, StringComparison.Ordinal);
        Assert.Contains("procedure:region-failover", output, StringComparison.Ordinal);
        Assert.Contains("Everything is back 1h 10m after aws-eu-west-1 is back", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impact_as_json_carries_the_whole_report()
    {
        await WriteDemoAsync();

        var run = await _cli.RunAsync("impact", Demo, "--fail", "system:license-db", "--fail", "vendor=zendesk", "--format", "json");

        Assert.Equal(1, run.ExitCode);                                       // license validation misses its RTO
        var json = Json(run);
        Assert.True(json.GetProperty("isValid").GetBoolean());
        var functions = json.GetProperty("functions").EnumerateArray().ToList();
        Assert.Equal(["function:license-validation", "function:customer-support", "function:license-issuance"], functions.Select(f => f.GetProperty("id").GetString()));
        var validation = functions[0];
        Assert.Equal("at", validation.GetProperty("recovery").GetString());
        Assert.Equal(360, validation.GetProperty("backAtMinutes").GetInt32());
        Assert.Equal("breached", validation.GetProperty("rto").GetProperty("outcome").GetString());
        Assert.Equal(240, validation.GetProperty("rto").GetProperty("lateByMinutes").GetInt32());
        Assert.Equal("USD", json.GetProperty("scale").GetProperty("currency").GetString());
        Assert.True(json.GetProperty("recovery").GetProperty("makespan").GetInt32() >= 1440);
    }

    [Fact]
    public async Task Impact_with_a_tag_that_names_nothing_is_an_input_error_that_suggests_the_right_one()
    {
        await WriteDemoAsync();

        var run = await _cli.RunAsync("impact", Demo, "--fail", "region=eu-west1");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("did you mean 'region=eu-west-1'", run.Error, StringComparison.Ordinal);
        Assert.Contains("region= eu-west-1, us-east-1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impact_reads_the_plan_from_the_database_too()
    {
        await WriteDemoAsync();
        (await _cli.RunAsync("import", Demo)).AssertSuccess();

        var fromDatabase = await RunOnDatabaseAsync("impact", "--fail", "region=eu-west-1", "--format", "json");
        var fromFiles = await _cli.RunAsync("impact", Demo, "--fail", "region=eu-west-1", "--format", "json");

        fromDatabase.AssertSuccess();
        Assert.Equal(fromFiles.Output, fromDatabase.Output);
    }

    // ------------------------------------------------------------------ recovery-order

    [Fact]
    public async Task Recovery_order_schedules_the_worst_case_by_default()
    {
        await WriteDemoAsync();

        var text = await _cli.RunAsync("recovery-order", Demo);
        var json = Json(await _cli.RunAsync("recovery-order", Demo, "--format", "json"));

        Assert.Equal(1, text.ExitCode);                                      // the worst case misses RTOs: findings
        Assert.Contains("Worst case: everything fails and is restored", text.Output, StringComparison.Ordinal);
        Assert.Contains("3 restores at a time per team", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"│\s+25m │\s+6h 25m \* │ system:license-db\s+│\s+1\s+│ licensing\s+│\s+2h │ 4h 25m late", text.Output);
        Assert.Contains("Everything is back after", text.Output, StringComparison.Ordinal);
        var recovery = json.GetProperty("recovery");
        Assert.True(recovery.GetProperty("worstCase").GetBoolean());
        Assert.Contains("function:license-validation", recovery.GetProperty("missedRto").EnumerateArray().Select(e => e.GetString()));
        Assert.True(recovery.GetProperty("waves").GetArrayLength() > 3);
    }

    [Fact]
    public async Task Recovery_order_after_a_failure_and_with_more_capacity()
    {
        await WriteDemoAsync();

        var json = Json(await _cli.RunAsync("recovery-order", Demo, "--fail", "region=eu-west-1", "--capacity", "5", "--format", "json"));
        var wrong = await _cli.RunAsync("recovery-order", Demo, "--capacity", "0");

        var recovery = json.GetProperty("recovery");
        Assert.False(recovery.GetProperty("worstCase").GetBoolean());
        Assert.Equal(5, recovery.GetProperty("capacityPerTeam").GetInt32());
        Assert.Equal(70, recovery.GetProperty("makespan").GetInt32());
        Assert.Equal(["system:eks-eu-west-1", "system:lti-service", "function:lms-integration"],
            recovery.GetProperty("schedule").EnumerateArray().Where(r => r.GetProperty("restoreMinutes").GetInt32() > 0 || r.GetProperty("kind").GetString() == "function")
                .Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(ExitCodes.InvalidInput, wrong.ExitCode);
    }

    // ------------------------------------------------------------------ spof

    [Fact]
    public async Task Spof_lists_each_critical_functions_single_points_and_the_concentration()
    {
        await WriteDemoAsync();

        var text = await _cli.RunAsync("spof", Demo);
        var json = Json(await _cli.RunAsync("spof", Demo, "--tier", "1", "--format", "json"));

        Assert.Equal(1, text.ExitCode);                                      // single points of failure that miss RTOs: findings
        Assert.Contains("Single points of failure of the 10 critical functions (tiers 1–2)", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ license-validation\s+│\s+1\s+│\s+2h │ ✗ system:license-db \(6h\)", text.Output);
        Assert.Contains("none: every dependency has an alternative", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ vendor:aws\s+│ Amazon Web Services\s+│\s+8 of 10 \(80%\) │\s+8 \(80%\) │\s+3 of 3 │", text.Output);
        Assert.Equal(1, json.GetProperty("criticalTier").GetInt32());
        Assert.Equal(["function:course-delivery", "function:license-validation", "function:lms-integration"],
            json.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    /// <summary>Adds a waiver to the demo's list (it already waives its accepted AWS risk).</summary>
    private async Task AddWaiverAsync() =>
        await File.AppendAllTextAsync(Path.Join(Demo, "organisation.yaml"), """
                - check: CT302
                  element: role:license-on-call
                  reason: Olivia's backup starts in January.
                  owner: maya-okafor
                  expires: 2099-12-31

            """, TestContext.Current.CancellationToken);
}
