using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Continuity.Checks;
using Continuity.PlanFiles;

namespace Continuity.Cli.Sarif;

/// <summary>Findings as a SARIF 2.1.0 log, so that plan files kept in git get them in code review:
/// one rule per check of the catalogue (and per plan-file problem code that occurs), one result
/// per finding with its file:line:column relative to the plan folder (<see cref="PlanRoot"/>) and
/// the element as a logical location; waived findings carry an external suppression.</summary>
public static class SarifLog
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The uriBaseId of artifact locations: the plan folder, given in originalUriBaseIds.</summary>
    public const string PlanRoot = "PLANROOT";

    public const string DocsUri = "https://continuity.example/docs/";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The catalogue's property names (RtoNotAchievable) make readable rule names.</summary>
    private static readonly Dictionary<string, string> RuleNames = typeof(CheckCatalogue)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(Check))
        .Select(p => (Check: (Check)p.GetValue(null)!, p.Name))
        .ToDictionary(p => p.Check.Id, p => p.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> PlanFileCodeNames = typeof(PlanFileCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .ToDictionary(f => (string)f.GetRawConstantValue()!, f => f.Name, StringComparer.Ordinal);

    public static string Write(SarifFile log) => JsonSerializer.Serialize(log, Json);

    /// <param name="findings">The findings to report (already filtered by severity).</param>
    /// <param name="diagnostics">Problems found while loading plan files; errors mean the plan was not analysed.</param>
    /// <param name="root">The plan folder, absolute; null for a plan read from the database (no file locations then).</param>
    public static SarifFile ForFindings(IReadOnlyList<Finding> findings, IReadOnlyList<Diagnostic> diagnostics, string? root)
    {
        var rules = CheckCatalogue.All.Select(Rule).ToList();
        rules.AddRange(diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal).Select(PlanFileRule));
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(r => r.Id, r => r.index, StringComparer.Ordinal);

        var results = new List<SarifResult>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            results.Add(new SarifResult(diagnostic.Code, ruleIndex[diagnostic.Code], Level(diagnostic.Severity),
                new SarifMessage(diagnostic.Hint is null ? diagnostic.Message : $"{diagnostic.Message}\nHint: {diagnostic.Hint}"),
                Locations(diagnostic.Location, null, root), null, null));
        }
        foreach (var finding in findings)
        {
            if (!ruleIndex.TryGetValue(finding.CheckId, out var index))
            {
                rules.Add(new SarifRule(finding.CheckId, finding.CheckId, new SarifMessage(finding.CheckId), null, null, null, new SarifConfiguration(Level(finding.Severity)), null));
                index = ruleIndex[finding.CheckId] = rules.Count - 1;
            }
            // Stable across runs, so code scanning tracks a finding from one commit to the next.
            var key = $"{finding.CheckId}|{finding.ElementId}";
            seen[key] = seen.GetValueOrDefault(key) + 1;
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{seen[key]}")))[..32];
            results.Add(new SarifResult(
                finding.CheckId,
                index,
                Level(finding.Severity),
                new SarifMessage(string.IsNullOrWhiteSpace(finding.Hint) ? finding.Message : $"{finding.Message}\nHint: {finding.Hint}"),
                Locations(finding.Location, finding.ElementId, root),
                new Dictionary<string, string> { ["continuityFinding/v1"] = fingerprint },
                finding.WaivedBy is { } waiver
                    ? [new SarifSuppression("external", waiver.Reason,
                        new Dictionary<string, string> { ["owner"] = waiver.Owner, ["expires"] = waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })]
                    : null));
        }

        var analysed = !diagnostics.Any(d => d.Severity == Severity.Error);
        var invocation = new SarifInvocation(analysed, analysed ? null :
            [new SarifNotification("error", new SarifMessage("The plan files have errors, so the plan was not analysed; the results are the problems in the files."))]);
        var version = Version();
        var run = new SarifRun(
            new SarifTool(new SarifDriver("continuity", "Continuity", version, version.Split('+')[0], DocsUri, rules)),
            root is null ? null : new Dictionary<string, SarifArtifactLocation> { [PlanRoot] = new(new Uri(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar).AbsoluteUri, null) },
            [invocation],
            results,
            "unicodeCodePoints");
        return new SarifFile(SchemaUri, "2.1.0", [run]);
    }

    private static SarifRule Rule(Check check)
    {
        var anchor = Anchor($"{check.Id} {check.Title}");
        return new SarifRule(
            check.Id,
            RuleNames.GetValueOrDefault(check.Id, check.Id),
            new SarifMessage(check.Title),
            new SarifMessage(check.Why),
            new SarifMultiformatMessage(check.Fix, $"**Why it matters.** {check.Why}\n\n**How to fix it.** {check.Fix}\n\nSee [docs/checks.md]({DocsUri}checks.md#{anchor})."),
            $"{DocsUri}checks.md#{anchor}",
            new SarifConfiguration(Level(check.Severity)),
            new SarifProperties(["continuity", .. check.Controls]));
    }

    private static SarifRule PlanFileRule(string code)
    {
        var name = PlanFileCodeNames.GetValueOrDefault(code, code);
        return new SarifRule(code, name, new SarifMessage($"Plan file problem: {Words(name)}"), null,
            new SarifMultiformatMessage("Fix the plan file as the message says; 'continuity validate' lists every problem.", null),
            $"{DocsUri}plan-format.md", new SarifConfiguration("error"), new SarifProperties(["continuity", "plan-files"]));
    }

    private static List<SarifLocation>? Locations(SourceLocation? source, string? elementId, string? root)
    {
        SarifPhysicalLocation? physical = null;
        if (source is not null && root is not null)
        {
            var relative = Path.GetRelativePath(root, Path.GetFullPath(source.File)).Replace(Path.DirectorySeparatorChar, '/');
            var uri = string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
            physical = new SarifPhysicalLocation(new SarifArtifactLocation(uri, PlanRoot), new SarifRegion(source.Line, source.Column));
        }
        List<SarifLogicalLocation>? logical = elementId is null ? null :
            [new SarifLogicalLocation(elementId[(elementId.IndexOf(':', StringComparison.Ordinal) + 1)..], elementId, "resource")];
        return physical is null && logical is null ? null : [new SarifLocation(physical, logical)];
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static string Version() =>
        typeof(SarifLog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SarifLog).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as dashes
    /// (<c>### CT107 Critical function's impact analysis is incomplete</c> → <c>ct107-critical-functions-impact-analysis-is-incomplete</c>).</summary>
    public static string Anchor(string heading) =>
        string.Concat(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');

    private static string Words(string pascal) => Naming.KebabCase(pascal).Replace('-', ' ');
}

// The subset of the SARIF 2.1.0 object model this log uses (names as in the specification).

public sealed record SarifFile([property: JsonPropertyName("$schema")] string Schema, string Version, IReadOnlyList<SarifRun> Runs);

public sealed record SarifRun(
    SarifTool Tool,
    IReadOnlyDictionary<string, SarifArtifactLocation>? OriginalUriBaseIds,
    IReadOnlyList<SarifInvocation> Invocations,
    IReadOnlyList<SarifResult> Results,
    string ColumnKind);

public sealed record SarifTool(SarifDriver Driver);

public sealed record SarifDriver(string Name, string FullName, string Version, string SemanticVersion, string InformationUri, IReadOnlyList<SarifRule> Rules);

public sealed record SarifRule(
    string Id,
    string Name,
    SarifMessage ShortDescription,
    SarifMessage? FullDescription,
    SarifMultiformatMessage? Help,
    string? HelpUri,
    SarifConfiguration DefaultConfiguration,
    SarifProperties? Properties);

public sealed record SarifConfiguration(string Level);

public sealed record SarifProperties(IReadOnlyList<string> Tags);

public sealed record SarifMessage(string Text);

public sealed record SarifMultiformatMessage(string Text, string? Markdown);

public sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifMessage Message,
    IReadOnlyList<SarifLocation>? Locations,
    IReadOnlyDictionary<string, string>? PartialFingerprints,
    IReadOnlyList<SarifSuppression>? Suppressions);

public sealed record SarifLocation(SarifPhysicalLocation? PhysicalLocation, IReadOnlyList<SarifLogicalLocation>? LogicalLocations);

public sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

public sealed record SarifArtifactLocation(string Uri, string? UriBaseId);

public sealed record SarifRegion(int StartLine, int StartColumn);

public sealed record SarifLogicalLocation(string Name, string FullyQualifiedName, string Kind);

/// <summary>A waiver. Its state (accepted) is left out: the 2.1.0 schemas disagree on the
/// property's name (state or status), and a suppression without one counts as accepted.</summary>
public sealed record SarifSuppression(string Kind, string Justification, IReadOnlyDictionary<string, string>? Properties);

public sealed record SarifInvocation(bool ExecutionSuccessful, IReadOnlyList<SarifNotification>? ToolExecutionNotifications);

public sealed record SarifNotification(string Level, SarifMessage Message);
