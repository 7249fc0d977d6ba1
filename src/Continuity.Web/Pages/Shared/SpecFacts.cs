using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>One field of an element in readable form: text, links, or nested fields (a list of
/// objects gives one nested group per item).</summary>
public sealed record Fact(string Label, string? Text, IReadOnlyList<ElementLink> Links, IReadOnlyList<IReadOnlyList<Fact>> Groups, bool Markdown = false);

/// <summary>Turns a spec into <see cref="Fact"/>s: durations as plan files write them (4h),
/// dates, enums and lists in words, references as links. Empty values are left out.</summary>
public static class SpecFacts
{
    private static readonly HashSet<string> Skipped = ["Description", "DependsOn", "Steps", "CallTrees", "Assignments", "Phones", "Impact", "FinancialLoss", "Waivers"];

    private static readonly HashSet<string> MarkdownFields = ["Instructions", "TreatmentPlan", "Scope", "ExitStrategy"];

    public static IReadOnlyList<Fact> Of(object spec, Func<Reference, ElementLink> link, bool top = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(link);
        var facts = new List<Fact>();
        foreach (var property in spec.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if ((top && Skipped.Contains(property.Name)) || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            if (Value(property.Name, property.GetValue(spec), link) is { } fact)
            {
                facts.Add(fact);
            }
        }
        return facts;
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
                return new Fact(label, Words(e.ToString()), [], []);
            case int or long:
                return new Fact(label, Convert.ToString(value, CultureInfo.InvariantCulture), [], []);
            case IDictionary map:
                var entries = map.Cast<DictionaryEntry>().Select(e => $"{Words(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "")}: {Text(e.Value)}").ToList();
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
                if (list[0] is string or Enum or Duration)
                {
                    return new Fact(label, string.Join(", ", list.Cast<object>().Select(Text)), [], []);
                }
                return new Fact(label, null, [], [.. list.Cast<object>().Select(item => Of(item, link, top: false))]);
            default:
                var nested = Of(value, link, top: false);
                return nested.Count == 0 ? null : new Fact(label, null, [], [nested]);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => Format.Missing,
        Enum e => Words(e.ToString()),
        Duration d => d.ToString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>"ContractualRto" → "Contractual RTO".</summary>
    public static string Label(string name)
    {
        var words = Words(name);
        words = words.Replace(" rto", " RTO", StringComparison.Ordinal).Replace(" rpo", " RPO", StringComparison.Ordinal)
            .Replace(" mtpd", " MTPD", StringComparison.Ordinal);
        return words switch { "Rto" => "RTO", "Rpo" => "RPO", "Mtpd" => "MTPD", "Sla" => "SLA", "Url" => "URL", _ => words };
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
