using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>One field of an element in readable form: text, links, or the fields of one nested
/// record (shown as a short run of "label: value" lines).</summary>
public sealed record Fact(string Label, string? Text, IReadOnlyList<ElementLink> Links, IReadOnlyList<IReadOnlyList<Fact>> Groups, bool Markdown = false,
    IReadOnlyList<string>? Items = null);

/// <summary>A list of records (audiences, channels, contacts, services …) as a small table: a
/// column for each field that at least one record fills, a cell per field (null: left empty).</summary>
public sealed record FactTable(string Title, string Id, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<Fact?>> Rows);

/// <summary>What the generic detail page shows of a spec: its fields, and its lists of records as tables.</summary>
public sealed record SpecView(IReadOnlyList<Fact> Facts, IReadOnlyList<FactTable> Tables);

/// <summary>Turns a spec into <see cref="Fact"/>s and <see cref="FactTable"/>s by reflection:
/// durations as plan files write them (4h), dates as dates, enums in words, lists of records as
/// tables, references as links. Empty values are left out.</summary>
public static class SpecFacts
{
    /// <summary>Fields the page shows in a section of its own (or, for a function's impact grid, on another page).</summary>
    private static readonly HashSet<string> Skipped = ["Description", "DependsOn", "Steps", "CallTrees", "Assignments", "Phones", "Email", "Responsibilities", "FinancialLoss", "Waivers"];

    /// <summary>Numbers whose unit is in the field's name, read as a continuity manager says them.</summary>
    private static readonly Dictionary<string, (string Label, string Unit)> Numbers = new(StringComparer.Ordinal)
    {
        ["ReviewIntervalMonths"] = ("Review interval", " months"),
        ["AcknowledgementThreshold"] = ("Acknowledgement threshold", "% of those it is sent to"),
        ["RestoreCapacityPerTeam"] = ("Restores at once per team", ""),
    };

    private static readonly HashSet<string> MarkdownFields = ["Instructions", "TreatmentPlan", "Scope", "ExitStrategy"];

    /// <summary>The fields of a spec, its lists of records as tables, and for a risk its scores worked out.</summary>
    public static SpecView Read(object spec, Func<Reference, ElementLink> link)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(link);
        var facts = new List<Fact>();
        var tables = new List<FactTable>();
        foreach (var property in spec.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Skipped.Contains(property.Name) || property.GetIndexParameters().Length > 0 || (spec is BusinessFunctionSpec && property.Name == nameof(BusinessFunctionSpec.Impact)))
            {
                continue;
            }
            var value = property.GetValue(spec);
            if (spec is RiskSpec risk && property.Name is nameof(RiskSpec.Likelihood) or nameof(RiskSpec.Impact) or nameof(RiskSpec.Residual))
            {
                if (property.Name == nameof(RiskSpec.Likelihood))
                {
                    facts.Add(new Fact("Inherent risk", Score(risk.Likelihood, risk.Impact), [], []));
                    if (risk.Residual is { } residual)
                    {
                        facts.Add(new Fact("Residual risk", Score(residual.Likelihood, residual.Impact), [], []));
                    }
                }
                continue;
            }
            if (value is IList { Count: > 0 } list && IsRecord(list[0]))
            {
                tables.Add(Table(Label(property.Name), property.Name, list, link));
            }
            else if (Value(property.Name, value, link) is { } fact)
            {
                facts.Add(spec is OrganisationSpec && property.Name == nameof(OrganisationSpec.Impact) ? fact with { Label = "Impact scales (BIA)" } : fact);
            }
        }
        return new SpecView(facts, tables);
    }

    /// <summary>The fields of a record (a nested one, or a spec), each in readable form; empty ones left out.</summary>
    public static IReadOnlyList<Fact> Of(object record, Func<Reference, ElementLink> link)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(link);
        var facts = new List<Fact>();
        foreach (var property in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && Value(property.Name, property.GetValue(record), link) is { } fact)
            {
                facts.Add(fact);
            }
        }
        return facts;
    }

    /// <summary>"20 of 25 (likelihood 4 × impact 5)".</summary>
    private static string Score(int likelihood, int impact) =>
        string.Create(CultureInfo.InvariantCulture, $"{likelihood * impact} of 25 (likelihood {likelihood} × impact {impact})");

    private static bool IsRecord(object? item) =>
        item is not null and not string and not Reference and not Duration and not Enum and not IList and not IDictionary && !item.GetType().IsPrimitive;

    private static FactTable Table(string title, string id, IList items, Func<Reference, ElementLink> link)
    {
        var rows = items.Cast<object?>().Where(i => i is not null).Select(i => Of(i!, link)).ToList();
        var columns = new List<string>();
        foreach (var fact in rows.SelectMany(r => r))
        {
            if (!columns.Contains(fact.Label))
            {
                columns.Add(fact.Label);
            }
        }
        return new FactTable(title, id, columns,
            [.. rows.Select(row => (IReadOnlyList<Fact?>)[.. columns.Select(column => row.FirstOrDefault(f => f.Label == column))])]);
    }

    private static Fact? Value(string name, object? value, Func<Reference, ElementLink> link)
    {
        var label = Label(name);
        switch (value)
        {
            case null:
                return null;
            case string text:
                return string.IsNullOrWhiteSpace(text) ? null : new Fact(label, text, [], [], MarkdownFields.Contains(name));
            case Reference reference:
                return new Fact(label, null, [link(reference)], []);
            case Duration duration:
                return new Fact(label, duration.ToString(), [], []);
            case DateOnly date:
                return new Fact(label, Format.Date(date), [], []);
            case bool flag:
                return new Fact(label, flag ? "Yes" : "No", [], []);
            case Enum e:
                return new Fact(label, Words(e), [], []);
            case int or long when Numbers.TryGetValue(name, out var number):
                return new Fact(number.Label, Convert.ToString(value, CultureInfo.InvariantCulture) + number.Unit, [], []);
            case int or long:
                return new Fact(label, Convert.ToString(value, CultureInfo.InvariantCulture), [], []);
            case IDictionary map:
                var entries = map.Cast<DictionaryEntry>().Select(e => $"{Text(e.Key)}: {Text(e.Value)}").ToList();
                return entries.Count == 0 ? null : new Fact(label, string.Join("; ", entries), [], []);
            case IList list:
                if (list.Count == 0)
                {
                    return null;
                }
                if (list[0] is Reference)
                {
                    return new Fact(label, null, [.. list.Cast<Reference>().Select(link)], []);
                }
                if (!IsRecord(list[0]))
                {
                    var texts = list.Cast<object>().Select(Text).ToList();
                    // Sentences (activation criteria, escalation steps) are a list; words (services, zones) a line.
                    return texts.Any(t => t.Length > 40 || t.EndsWith('.'))
                        ? new Fact(label, null, [], [], Items: texts)
                        : new Fact(label, string.Join(", ", texts), [], []);
                }
                return new Fact(label, null, [], [.. list.Cast<object>().Select(item => Of(item, link))]);
            default:
                var nested = Of(value, link);
                return nested.Count == 0 ? null : new Fact(label, null, [], [nested]);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => Format.Missing,
        Enum e => Words(e),
        Duration d => d.ToString(),
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>"ContractualRto" → "Contractual RTO".</summary>
    public static string Label(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = Words(name);
        words = words.Replace(" rto", " RTO", StringComparison.Ordinal).Replace(" rpo", " RPO", StringComparison.Ordinal)
            .Replace(" mtpd", " MTPD", StringComparison.Ordinal).Replace(" url", " URL", StringComparison.Ordinal);
        return words switch { "Can activate plan" => "Can activate the plan", "Rto" => "RTO", "Rpo" => "RPO", "Mtpd" => "MTPD", "Sla" => "SLA", "Url" => "URL", "Sms" => "SMS", _ => words };
    }

    /// <summary>An enum value in words: <c>StandDown</c> → "Stand down", <c>Sms</c> → "SMS".</summary>
    public static string Words(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Label(value.ToString());
    }

    private static string Words(string pascal)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(i == 0 ? char.ToUpperInvariant(c) : c);
            }
        }
        return text.ToString();
    }
}
