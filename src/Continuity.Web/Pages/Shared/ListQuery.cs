using System.Globalization;
using System.Text;
using Continuity.Catalog;

namespace Continuity.Web.Pages.Shared;

/// <summary>What a list page was asked for (routes.md): <c>q</c> search, <c>sort</c> (<c>title</c>,
/// <c>name</c>, <c>team</c>, <c>tier</c>, <c>status</c>, <c>findings</c>, <c>owner</c>, <c>vendor</c>,
/// <c>rto</c>, <c>rpo</c>, <c>mtpd</c>, <c>restore</c>; rows without the value last), <c>dir</c>
/// (asc|desc), <c>team</c>, <c>tier</c>, <c>status</c>, <c>findings</c> (<c>yes</c>, <c>error</c>,
/// <c>warning</c>) and the 1-based <c>page</c>. Parsing never fails: a value that makes no sense
/// is ignored (a page beyond the last shows the last). Shared by every list (elements, checks,
/// waivers): <see cref="Href"/> builds the link of another page or order with the rest kept.</summary>
public sealed record ListQuery(string? Q, string? Sort, bool Descending, string? Team, int? Tier, string? Status, string? Findings, int Page)
{
    public const int PageSize = 50;

    /// <summary>Further parameters a page keeps in its links (for example <c>type</c>, <c>check</c>).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public static ListQuery From(IQueryCollection query, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Text(string key) => query[key].FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var page = int.TryParse(Text("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1;
        var tier = int.TryParse(Text("tier"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is >= 1 and <= 4 ? t : (int?)null;
        var findings = Text("findings")?.ToLowerInvariant() is "yes" or "error" or "warning" ? Text("findings")!.ToLowerInvariant() : null;
        return new ListQuery(Text("q"), Text("sort")?.ToLowerInvariant(), string.Equals(Text("dir"), "desc", StringComparison.OrdinalIgnoreCase),
            Text("team"), tier, Text("status"), findings, page)
        {
            Extra = extra.Select(k => (k, v: Text(k))).Where(e => e.v is not null).ToDictionary(e => e.k, e => e.v!, StringComparer.Ordinal),
        };
    }

    /// <summary>Whether anything narrows the list (for the empty state: "no match" rather than "none yet").</summary>
    public bool IsFiltered => Q is not null || Team is not null || Tier is not null || Status is not null || Findings is not null || Extra.Count > 0;

    /// <summary>The catalog rows that match the search and filters, sorted. <paramref name="rows"/>
    /// come in label order (<see cref="PlanCatalog.OfKind"/>), which is the default order. A list
    /// with columns of its own (the functions' recovery gap) passes <paramref name="sortBy"/>: it
    /// returns the order for a sort key it knows and null for the catalog's own keys.</summary>
    public IEnumerable<CatalogRow> Apply(IEnumerable<CatalogRow> rows, Func<string, IEnumerable<CatalogRow>, IOrderedEnumerable<CatalogRow>?>? sortBy = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var q = Q?.ToLowerInvariant();
        var matching = rows.Where(r =>
            (q is null || r.SearchText.Contains(q, StringComparison.Ordinal))
            && (Team is null || r.Teams.Contains(Team, StringComparer.Ordinal))
            && (Tier is null || r.Tier == Tier)
            && (Status is null || string.Equals(r.Status, Status, StringComparison.OrdinalIgnoreCase))
            && Findings switch
            {
                "yes" => r.Findings > 0,
                "error" => r.Errors > 0,
                "warning" => r.Warnings > 0,
                _ => true,
            });
        IOrderedEnumerable<CatalogRow>? sorted = (Sort is { } key ? sortBy?.Invoke(key, matching) : null) ?? Sort switch
        {
            "name" => Order(matching, r => r.Name),
            "team" => EmptyLast(matching, r => r.Teams.Count > 0 ? r.Teams[0] : null),
            "owner" => EmptyLast(matching, r => r.OwnerLabel?.ToLowerInvariant()),
            "vendor" => EmptyLast(matching, r => r.VendorLabel?.ToLowerInvariant()),
            "rto" => EmptyLast(matching, r => r.RtoMinutes),
            "rpo" => EmptyLast(matching, r => r.RpoMinutes),
            "mtpd" => EmptyLast(matching, r => r.MtpdMinutes),
            "restore" => EmptyLast(matching, r => r.RestoreMinutes),
            "tier" => Descending ? matching.OrderByDescending(r => r.Tier ?? 9) : matching.OrderBy(r => r.Tier ?? 9),
            "status" => Order(matching, r => r.Status),
            "findings" => Descending
                ? matching.OrderBy(r => r.Errors).ThenBy(r => r.Warnings).ThenBy(r => r.Infos)
                : matching.OrderByDescending(r => r.Errors).ThenByDescending(r => r.Warnings).ThenByDescending(r => r.Infos),
            _ => null,
        };
        if (sorted is null)
        {
            // By label, the default (and any key no list knows): the catalog keeps each kind in
            // that order already, so nothing is sorted per request.
            return Descending ? matching.Reverse() : matching;
        }
        return sorted.ThenBy(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>Ordered by a value some rows lack: those without it come last in either direction.</summary>
    private IOrderedEnumerable<CatalogRow> EmptyLast(IEnumerable<CatalogRow> rows, Func<CatalogRow, string?> key)
    {
        var present = rows.OrderBy(r => key(r) is null);
        return Descending ? present.ThenByDescending(key, StringComparer.Ordinal) : present.ThenBy(key, StringComparer.Ordinal);
    }

    private IOrderedEnumerable<CatalogRow> EmptyLast(IEnumerable<CatalogRow> rows, Func<CatalogRow, int?> key)
    {
        var present = rows.OrderBy(r => key(r) is null);
        return Descending ? present.ThenByDescending(key) : present.ThenBy(key);
    }

    private IOrderedEnumerable<CatalogRow> Order(IEnumerable<CatalogRow> rows, Func<CatalogRow, string> key) =>
        Descending ? rows.OrderByDescending(key, StringComparer.Ordinal) : rows.OrderBy(key, StringComparer.Ordinal);

    /// <summary>One page of <paramref name="items"/> (the page clamped to the last), with the pager.</summary>
    public ListPage<T> PageOf<T>(IReadOnlyList<T> items, string path)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pages = Math.Max(1, (items.Count + PageSize - 1) / PageSize);
        var page = Math.Min(Page, pages);
        var shown = items.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        return new ListPage<T>(shown, new Pager(this with { Page = page }, path, items.Count, pages));
    }

    /// <summary>The link of this list with some parameters changed (null removes one).</summary>
    public string Href(string path, int? page = null, string? sort = null, bool? descending = null)
    {
        var parts = new List<(string, string)>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                parts.Add((key, value));
            }
        }
        Add("q", Q);
        Add("team", Team);
        Add("tier", Tier?.ToString(CultureInfo.InvariantCulture));
        Add("status", Status);
        Add("findings", Findings);
        foreach (var (key, value) in Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Add(key, value);
        }
        Add("sort", sort ?? Sort);
        Add("dir", (descending ?? Descending) ? "desc" : null);
        var p = page ?? Page;
        Add("page", p > 1 ? p.ToString(CultureInfo.InvariantCulture) : null);
        if (parts.Count == 0)
        {
            return path;
        }
        var text = new StringBuilder(path).Append('?');
        text.AppendJoin('&', parts.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
        return text.ToString();
    }

    /// <summary>This list with one parameter set (null or blank removes it), from the first page:
    /// what a filter link or a count that narrows the list points to.</summary>
    public ListQuery With(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var query = this with { Page = 1 };
        switch (key)
        {
            case "q":
                return query with { Q = value };
            case "team":
                return query with { Team = value };
            case "status":
                return query with { Status = value };
            case "findings":
                return query with { Findings = value };
            case "tier":
                return query with { Tier = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var tier) ? tier : null };
            default:
                var extra = new Dictionary<string, string>(Extra, StringComparer.Ordinal);
                if (value is null)
                {
                    extra.Remove(key);
                }
                else
                {
                    extra[key] = value;
                }
                return query with { Extra = extra };
        }
    }

    /// <summary>The link that sorts by <paramref name="column"/>: ascending first, then flips.</summary>
    public string SortHref(string path, string column) =>
        Href(path, page: 1, sort: column, descending: string.Equals(Sort, column, StringComparison.Ordinal) && !Descending);
}

/// <summary>The rows of one page of a list and its <see cref="Pager"/>.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, Pager Pager);

/// <summary>What <c>_Pager</c> shows: "Showing 51–100 of 2,000" and links to the pages around this one.</summary>
public sealed record Pager(ListQuery Query, string Path, int Total, int Pages)
{
    public int Page => Query.Page;

    public int First => Total == 0 ? 0 : ((Page - 1) * ListQuery.PageSize) + 1;

    public int Last => Math.Min(Total, Page * ListQuery.PageSize);

    public string Showing => Total == 0
        ? "Nothing to show"
        : string.Create(CultureInfo.InvariantCulture, $"Showing {First:N0}–{Last:N0} of {Total:N0}");

    /// <summary>The page numbers to link: the first, the last and two either side of this one; 0 marks a gap.</summary>
    public IReadOnlyList<int> Numbers()
    {
        var numbers = new List<int>();
        for (var n = 1; n <= Pages; n++)
        {
            if (n == 1 || n == Pages || Math.Abs(n - Page) <= 2)
            {
                numbers.Add(n);
            }
            else if (numbers.Count > 0 && numbers[^1] != 0)
            {
                numbers.Add(0);
            }
        }
        return numbers;
    }

    public string Href(int page) => Query.Href(Path, page);
}
