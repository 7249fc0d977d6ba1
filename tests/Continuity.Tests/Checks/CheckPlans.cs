using System.Text.RegularExpressions;
using Continuity.Checks;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Tests.Checks;

/// <summary>A tiny shop whose plan passes every check (only CT601, "no evidence yet of a review",
/// is reported), written as plan files so that locations can be checked too. Each test changes
/// one document with <see cref="With"/> or drops one with <see cref="Without"/>.
/// <para>checkout (tier 1, MTPD 1d, RTO 4h, RPO 1h) ← shop-app (restore 20m, in eu and us) ←
/// shop-db (restore 1h, backed up every 5m) and the vendor cloudy (contractual RTO 1h): at best
/// back after 2h 20m. People ada, bob, cy; roles approver (ada, bob) and on-call (bob, cy).</para></summary>
public sealed partial class CheckPlans
{
    public static readonly DateOnly Today = new(2026, 11, 28);

    private readonly SortedDictionary<string, string> _documents;

    private CheckPlans(SortedDictionary<string, string> documents) => _documents = documents;

    public static CheckPlans Clean() => new CheckPlans(new SortedDictionary<string, string>(StringComparer.Ordinal))
        .With(Organisation())
        .With(Doc("Team", "ops", "description: Operations."))
        .With(Person("ada"))
        .With(Person("bob"))
        .With(Person("cy"))
        .With(Role("approver", "[ada, bob]", flags: "canApprovePlans: true"))
        .With(Role("on-call", "[bob, cy]"))
        .With(Function("checkout"))
        .With(SystemDoc("shop-app", "application", rto: "2h", restore: "{estimated: 30m, measured: 20m}", dependsOn: "[system:shop-db]"))
        .With(SystemDoc("shop-db", "database", rto: "2h", rpo: "15m", restore: "{estimated: 1h, measured: 1h}"))
        .With(Vendor("cloudy"))
        .With(Doc("Site", "eu", "type: cloud-region"))
        .With(Doc("Site", "us", "type: cloud-region"))
        .With(BackupPolicy("shop-db-backup", "shop-db"))
        .With(Doc("Scenario", "region-loss", "fails: [site:eu]"))
        .With(Procedure("failover", "region-loss", recovers: "[function:checkout]"));

    /// <summary>Adds the document, or replaces the one with the same kind and name.</summary>
    public CheckPlans With(string document)
    {
        var copy = new SortedDictionary<string, string>(_documents, StringComparer.Ordinal) { [Key(document)] = document };
        return new CheckPlans(copy);
    }

    /// <summary>Drops a document by <c>Kind/name</c> (<c>Person/cy</c>).</summary>
    public CheckPlans Without(string key)
    {
        var copy = new SortedDictionary<string, string>(_documents, StringComparer.Ordinal);
        Assert.True(copy.Remove(key), $"The plan has no {key}.");
        return new CheckPlans(copy);
    }

    public string Text => string.Join("---\n", _documents.Values);

    public PlanLoadResult Load()
    {
        var loaded = PlanLoader.LoadTexts([("plan.yaml", Text)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded;
    }

    public AnalysisResult Analyse(DateOnly? today = null, int criticalTier = 2)
    {
        var loaded = Load();
        return PlanAnalysis.Run(loaded.Plan, PlanSnapshot.From(loaded.Plan),
            new AnalysisOptions(today ?? Today) { Sources = loaded.Sources, CriticalTier = criticalTier });
    }

    /// <summary>The line (from 1) of the first line of the plan that contains <paramref name="text"/>
    /// after the line that contains <paramref name="after"/>.</summary>
    public int LineOf(string after, string text)
    {
        var lines = Text.Split('\n');
        var start = Array.FindIndex(lines, l => l.Contains(after, StringComparison.Ordinal));
        Assert.True(start >= 0, $"No line contains {after}.");
        var at = Array.FindIndex(lines, start, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(at >= 0, $"No line after {after} contains {text}.");
        return at + 1;
    }

    /// <summary>Where <paramref name="text"/> (plus <paramref name="offset"/> characters) is, on the
    /// first line containing it after the line that contains <paramref name="after"/>.</summary>
    public SourceLocation At(string after, string text, int offset = 0)
    {
        var line = LineOf(after, text);
        var column = Text.Split('\n')[line - 1].IndexOf(text, StringComparison.Ordinal) + offset + 1;
        return new SourceLocation("plan.yaml", line, column);
    }

    // ------------------------------------------------------------ documents

    public static string Doc(string kind, string name, string spec, string metadata = "") =>
        $"apiVersion: continuity/v1\nkind: {kind}\nmetadata:\n  name: {name}\n{Indent(metadata, 2)}spec:\n{Indent(spec, 2)}";

    public static string Organisation(string waivers = "") => Doc("Organisation", "shop", $"""
        impact:
          categories: [financial, customer]
          timePoints: [1h, 1d]
          intolerableFrom: major
        {waivers}
        """);

    public static string Person(string name, string verified = "2026-06-01", bool active = true) =>
        Doc("Person", name, $"email: {name}@example.com\nactive: {(active ? "true" : "false")}\n" + (verified.Length > 0 ? $"contactVerified: {verified}" : ""));

    public static string Role(string name, string holders, string flags = "", string recovers = "") =>
        Doc("Role", name, $"{flags}\nassignments:\n  - holders: {holders}\n" + (recovers.Length > 0 ? $"    recovers: {recovers}" : ""));

    public const string Objectives = "{mtpd: 1d, rto: 4h, rpo: 1h, approved: {by: ada, on: 2026-05-01, mtpd: 1d, rto: 4h, rpo: 1h}}";

    /// <summary>The checkout objectives with RTOs per class of disruption (<c>cyber: {rto: 30m}</c>).</summary>
    public static string ObjectivesByDisruption(string byDisruption) =>
        $"{{mtpd: 1d, rto: 4h, rpo: 1h, approved: {{by: ada, on: 2026-05-01, mtpd: 1d, rto: 4h, rpo: 1h}}, byDisruption: {byDisruption}}}";

    public const string Impact = "{financial: {1h: minor, 1d: major}, customer: {1h: minor, 1d: major}}";

    public static string Function(string name, int tier = 1, string? owner = "ada", string? team = "ops", string? objectives = Objectives,
        string impact = Impact, string dependsOn = "[system:shop-app]") =>
        Doc("BusinessFunction", name,
            $"tier: {tier}\n" + (team is null ? "" : $"team: {team}\n") + (objectives is null ? "" : $"objectives: {objectives}\n")
            + $"impact: {impact}\ndependsOn: {dependsOn}",
            owner is null ? "" : $"owner: {owner}");

    public static string SystemDoc(string name, string type, int tier = 1, string? rto = null, string? rpo = null, string? restore = null,
        string hosting = "[eu, us]", string? vendor = "cloudy", string dependsOn = "[]", string? replicationLag = null)
    {
        var objectives = (rto, rpo) switch
        {
            (null, null) => "",
            (_, null) => $"objectives: {{rto: {rto}}}\n",
            (null, _) => $"objectives: {{rpo: {rpo}}}\n",
            _ => $"objectives: {{rto: {rto}, rpo: {rpo}}}\n",
        };
        return Doc("System", name,
            $"type: {type}\nteam: ops\ntier: {tier}\n{objectives}" + (restore is null ? "" : $"restore: {restore}\n")
            + (vendor is null ? "" : $"vendor: {vendor}\n") + $"hosting: {{sites: {hosting}}}\n"
            + (replicationLag is null ? "" : $"replicationLag: {replicationLag}\n") + $"dependsOn: {dependsOn}");
    }

    public static string Vendor(string name, string? contractualRto = "1h", string contacts = "[{name: Desk, phone: '+1-202-555-0100'}]") =>
        Doc("Vendor", name, (contractualRto is null ? "" : $"contractualRto: {contractualRto}\n") + $"emergencyContacts: {contacts}");

    public static string BackupPolicy(string name, string system, string? frequency = "5m", string? offsite = "{site: us}",
        string? localFull = "{frequency: 1d}", string? validation = "{method: restore into scratch, frequency: 13w}", string? monitoring = "alerts page on-call") =>
        Doc("BackupPolicy", name,
            $"system: {system}\nmethod: continuous\n" + (frequency is null ? "" : $"frequency: {frequency}\n") + "storage: {site: eu}\n"
            + (offsite is null ? "" : $"offsite: {offsite}\n") + (localFull is null ? "" : $"localFullBackup: {localFull}\n")
            + (validation is null ? "" : $"restoreValidation: {validation}\n") + (monitoring is null ? "" : $"monitoring: {monitoring}\n"));

    public static string Procedure(string name, string scenario, string responsible = "on-call", string? backup = null, string? recovers = null) =>
        Doc("Procedure", name,
            $"scenarios: [{scenario}]\n" + (recovers is null ? "" : $"recovers: {recovers}\n") + $"steps:\n  - id: act\n    title: Act\n    responsible: {responsible}\n" + (backup is null ? "" : $"    backup: {backup}\n"));

    private static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        var lines = text.Split('\n').Where(l => l.Trim().Length > 0).Select(l => pad + l + "\n");
        return string.Concat(lines);
    }

    private static string Key(string document) =>
        $"{KindLine().Match(document).Groups[1].Value}/{NameLine().Match(document).Groups[1].Value}";

    [GeneratedRegex(@"^kind: (\w+)", RegexOptions.Multiline)]
    private static partial Regex KindLine();

    [GeneratedRegex(@"^  name: ([a-z0-9-]+)", RegexOptions.Multiline)]
    private static partial Regex NameLine();
}
