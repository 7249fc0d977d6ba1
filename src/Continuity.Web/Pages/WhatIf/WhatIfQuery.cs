using Continuity.Analysis;
using Continuity.PlanFiles;
using Continuity.Snapshots;

namespace Continuity.Web.Pages.WhatIf;

/// <summary>What a what-if URL asks to fail, and how it maps onto the CLI's <c>--fail</c> values.
/// The URL writes every failure as <c>key:value</c> (<c>fail=region:eu-west-1</c>,
/// <c>fail=vendor:acme</c>, <c>fail=system:license-db</c>); the CLI writes a tag as
/// <c>key=value</c> and an element as <c>kind:name</c>. A value whose key is an element kind of the
/// graph (function, system, vendor, site, person, role) is that element; any other key is a tag
/// (region, a label); a value already written with <c>=</c> is taken as the CLI takes it.</summary>
public static class WhatIfQuery
{
    /// <summary>At most this many failures in one question (each is a URL parameter).</summary>
    public const int MaxFailures = 50;

    // The element kinds of the recovery graph (NodeKind), as references spell them.
    private static readonly HashSet<string> NodeKindSlugs = new(StringComparer.Ordinal) { "function", "system", "vendor", "site", "person", "role" };

    /// <summary>The failures as the URL writes them: trimmed, blanks and repeats dropped, in the
    /// order given, at most <see cref="MaxFailures"/>.</summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string?> written)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var value in written)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            var tag = value.Trim();
            if (tag.Length > 300)
            {
                tag = tag[..300];
            }
            if (seen.Add(ToSelector(tag)))
            {
                result.Add(tag);
            }
            if (result.Count == MaxFailures)
            {
                break;
            }
        }
        return result;
    }

    /// <summary>The CLI's <c>--fail</c> value for a URL failure: <c>region:eu-west-1</c> →
    /// <c>region=eu-west-1</c>; <c>system:license-db</c> stays.</summary>
    public static string ToSelector(string urlValue)
    {
        if (urlValue.Contains('=', StringComparison.Ordinal))
        {
            return urlValue;
        }
        var colon = urlValue.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || NodeKindSlugs.Contains(urlValue[..colon]))
        {
            return urlValue;
        }
        return string.Concat(urlValue.AsSpan(0, colon), "=", urlValue.AsSpan(colon + 1));
    }

    /// <summary>The URL form of a CLI tag or element id: <c>region=eu-west-1</c> → <c>region:eu-west-1</c>.</summary>
    public static string ToUrlValue(string selector)
    {
        var equals = selector.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 ? selector : string.Concat(selector.AsSpan(0, equals), ":", selector.AsSpan(equals + 1));
    }

    /// <summary>The what-if page for these failures (URL form).</summary>
    public static string Href(IEnumerable<string> failures)
    {
        var query = string.Join("&", failures.Select(f => "fail=" + Uri.EscapeDataString(f)));
        return query.Length == 0 ? "/what-if" : "/what-if?" + query;
    }

    /// <summary>The CLI command that asks the same question.</summary>
    public static string CliEquivalent(IEnumerable<string> failures) =>
        "continuity impact --db" + string.Concat(failures.Select(f => " --fail " + Quote(ToSelector(f))));

    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '=' or '/') ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The closest failures the plan knows to <paramref name="written"/>, in URL form.</summary>
    public static IReadOnlyList<string> CloseMatches(PlanSnapshot snapshot, string written)
    {
        var selector = ToSelector(written.Trim());
        var candidates = snapshot.Tags.Concat(snapshot.Ids.Where(IsFailable));
        return [.. Naming.Closest(selector, candidates).Select(ToUrlValue)];
    }

    /// <summary>The region, site and vendor tags of the plan (URL form), for the form's list.</summary>
    public static IReadOnlyList<string> PlaceAndVendorTags(PlanSnapshot snapshot, int max) =>
        [.. snapshot.Tags.Where(t => t.StartsWith("region=", StringComparison.Ordinal) || t.StartsWith("site=", StringComparison.Ordinal) || t.StartsWith("vendor=", StringComparison.Ordinal))
            .Take(max)
            .Select(ToUrlValue)];

    /// <summary>Up to <paramref name="max"/> failures matching <paramref name="text"/> (case-insensitive):
    /// tags first, then systems, vendors and sites; those starting with it before those containing it.</summary>
    public static IReadOnlyList<Suggestion> Suggest(PlanSnapshot snapshot, string? text, int max)
    {
        var q = (text ?? "").Trim();
        var starts = new List<Suggestion>();
        var contains = new List<Suggestion>();
        void Consider(string value, string label)
        {
            if (starts.Count >= max)
            {
                return;
            }
            var name = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (q.Length == 0 || name.StartsWith(q, StringComparison.OrdinalIgnoreCase) || value.StartsWith(q, StringComparison.OrdinalIgnoreCase))
            {
                starts.Add(new Suggestion(value, label));
            }
            else if (contains.Count < max && (value.Contains(q, StringComparison.OrdinalIgnoreCase) || label.Contains(q, StringComparison.OrdinalIgnoreCase)))
            {
                contains.Add(new Suggestion(value, label));
            }
        }
        foreach (var tag in snapshot.Tags)
        {
            Consider(ToUrlValue(tag), tag.StartsWith("region=", StringComparison.Ordinal) ? "Region" : tag.StartsWith("vendor=", StringComparison.Ordinal) ? "Vendor tag" : tag.StartsWith("site=", StringComparison.Ordinal) ? "Site tag" : "Label");
        }
        foreach (var kind in new[] { NodeKind.System, NodeKind.Vendor, NodeKind.Site })
        {
            var range = snapshot.NodesOf(kind);
            for (var node = range.Start.Value; node < range.End.Value && starts.Count < max; node++)
            {
                Consider(snapshot.Ids[node], snapshot.Titles[node]);
            }
        }
        return [.. starts.Concat(contains).Take(max)];
    }

    private static bool IsFailable(string id) =>
        id.StartsWith("system:", StringComparison.Ordinal) || id.StartsWith("vendor:", StringComparison.Ordinal) || id.StartsWith("site:", StringComparison.Ordinal)
        || id.StartsWith("person:", StringComparison.Ordinal) || id.StartsWith("role:", StringComparison.Ordinal);
}

/// <summary>A failure the what-if form can add: its URL value and what it is.</summary>
public sealed record Suggestion(string Value, string Label);
