using System.Linq.Expressions;
using Continuity.Data;
using Continuity.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Api;

/// <summary>One row of a list: what a program needs to pick an element without reading it.</summary>
internal sealed record ElementRow(string Name, string? Title, string? Owner, IReadOnlyDictionary<string, string> Labels, DateTime UpdatedUtc, Guid Version, string? Team);

/// <summary>One element read for <c>GET</c>: its plan document and what its ETag and Last-Modified say.</summary>
internal sealed record FoundElement(PlanDocument Document, Guid Version, DateTime UpdatedUtc);

/// <summary>What the list of a kind may be narrowed and ordered by (already validated).</summary>
internal sealed record ListQuery(int Page, int PageSize, string? Team, IReadOnlyList<KeyValuePair<string, string>> Labels, string? Text, ListOrder Order);

internal enum ListOrder { Name, NameDescending, Title, TitleDescending, Updated, UpdatedDescending }

/// <summary>The kinds of the plan as the API serves them: the collection's path, how a page of
/// rows is queried (filters and order in SQL; only <c>label</c>, stored as JSON text, is matched in
/// memory), and how one element is read with its own child rows and nothing else.</summary>
internal abstract class ElementSet(ElementKind kind, string plural, bool hasTeam)
{
    public ElementKind Kind { get; } = kind;

    /// <summary>The collection's path segment: functions, people, communication-plans …</summary>
    public string Plural { get; } = plural;

    /// <summary>Whether the kind's elements have a team (the <c>team</c> filter applies).</summary>
    public bool HasTeam { get; } = hasTeam;

    /// <summary>The rows of the page, and whether another page follows.</summary>
    public abstract Task<(List<ElementRow> Rows, bool More)> ListAsync(ContinuityDb db, ListQuery query, CancellationToken cancellationToken);

    public abstract Task<FoundElement?> FindAsync(ContinuityDb db, string name, CancellationToken cancellationToken);

    /// <summary>The element's version (its ETag), null when there is none of that name.</summary>
    public abstract Task<Guid?> VersionAsync(ContinuityDb db, string name, CancellationToken cancellationToken);

    public static ElementSet Of(ElementKind kind) => All.Single(s => s.Kind == kind);

    public static readonly IReadOnlyList<ElementSet> All =
    [
        Of(ElementKind.Organisation, "organisations", db => db.Organisations, null, (_, o, _) => Task.FromResult(o.ToDocument())),
        Of(ElementKind.Site, "sites", db => db.Sites, null, (_, s, _) => Task.FromResult(s.ToDocument())),
        Of(ElementKind.Team, "teams", db => db.Teams, null, (_, t, _) => Task.FromResult(t.ToDocument())),
        Of(ElementKind.Person, "people", db => db.People, p => p.Team, (_, p, _) => Task.FromResult(p.ToDocument())),
        Of(ElementKind.Role, "roles", db => db.Roles, null, async (db, r, ct) =>
        {
            var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.RoleId == r.Id).OrderBy(a => a.Position).ToListAsync(ct);
            var holders = await db.RoleHolders.AsNoTracking()
                .Where(h => db.RoleAssignments.Any(a => a.Id == h.AssignmentId && a.RoleId == r.Id))
                .OrderBy(h => h.Rank).ToListAsync(ct);
            return r.ToDocument(assignments, holders.ToLookup(h => h.AssignmentId));
        }),
        Of(ElementKind.BusinessFunction, "functions", db => db.Functions, f => f.Team, async (db, f, ct) => f.ToDocument(
            await db.FunctionImpacts.AsNoTracking().Where(i => i.FunctionId == f.Id).OrderBy(i => i.Position).ToListAsync(ct),
            await db.FinancialLosses.AsNoTracking().Where(l => l.FunctionId == f.Id).OrderBy(l => l.Position).ToListAsync(ct),
            await db.Dependencies.AsNoTracking().Where(d => d.FunctionId == f.Id).OrderBy(d => d.Position).ToListAsync(ct))),
        Of(ElementKind.System, "systems", db => db.Systems, s => s.Team, async (db, s, ct) =>
            s.ToDocument(await db.Dependencies.AsNoTracking().Where(d => d.SystemId == s.Id).OrderBy(d => d.Position).ToListAsync(ct))),
        Of(ElementKind.Vendor, "vendors", db => db.Vendors, null, async (db, v, ct) =>
            v.ToDocument(await db.Dependencies.AsNoTracking().Where(d => d.VendorId == v.Id).OrderBy(d => d.Position).ToListAsync(ct))),
        Of(ElementKind.Risk, "risks", db => db.Risks, null, (_, r, _) => Task.FromResult(r.ToDocument())),
        Of(ElementKind.Scenario, "scenarios", db => db.Scenarios, null, (_, s, _) => Task.FromResult(s.ToDocument())),
        Of(ElementKind.Procedure, "procedures", db => db.Procedures, p => p.Team, async (db, p, ct) =>
            p.ToDocument(await db.ProcedureSteps.AsNoTracking().Where(s => s.ProcedureId == p.Id).OrderBy(s => s.Position).ToListAsync(ct))),
        Of(ElementKind.CommunicationPlan, "communication-plans", db => db.CommunicationPlans, null, (_, c, _) => Task.FromResult(c.ToDocument())),
        Of(ElementKind.BackupPolicy, "backup-policies", db => db.BackupPolicies, null, (_, b, _) => Task.FromResult(b.ToDocument())),
    ];

    private static ElementSet<T> Of<T>(ElementKind kind, string plural, Func<ContinuityDb, IQueryable<T>> table, Expression<Func<T, string?>>? team,
        Func<ContinuityDb, T, CancellationToken, Task<PlanDocument>> document)
        where T : Element => new(kind, plural, table, team, document);
}

internal sealed class ElementSet<T> : ElementSet
    where T : Element
{
    private readonly Func<ContinuityDb, IQueryable<T>> _table;
    private readonly Expression<Func<T, string?>>? _team;
    private readonly Expression<Func<T, ElementRow>> _row;
    private readonly Func<ContinuityDb, T, CancellationToken, Task<PlanDocument>> _document;

    public ElementSet(ElementKind kind, string plural, Func<ContinuityDb, IQueryable<T>> table, Expression<Func<T, string?>>? team,
        Func<ContinuityDb, T, CancellationToken, Task<PlanDocument>> document)
        : base(kind, plural, team is not null)
    {
        _table = table;
        _team = team;
        _document = document;
        _row = RowOf(team);
    }

    public override async Task<(List<ElementRow> Rows, bool More)> ListAsync(ContinuityDb db, ListQuery query, CancellationToken cancellationToken)
    {
        var rows = Ordered(Filtered(_table(db).AsNoTracking(), query), query.Order).Select(_row);
        if (query.Labels.Count == 0)
        {
            var page = await rows.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize + 1).ToListAsync(cancellationToken);
            return Trimmed(page, query.PageSize);
        }
        // Labels are a JSON text column on both engines, so they are matched here; the rows are
        // already narrowed by the other filters and carry only the summary columns.
        var matching = new List<ElementRow>();
        var skip = (query.Page - 1) * query.PageSize;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (query.Labels.All(l => row.Labels.TryGetValue(l.Key, out var value) && value == l.Value) && skip-- <= 0)
            {
                matching.Add(row);
                if (matching.Count > query.PageSize)
                {
                    break;
                }
            }
        }
        return Trimmed(matching, query.PageSize);
    }

    public override async Task<FoundElement?> FindAsync(ContinuityDb db, string name, CancellationToken cancellationToken)
    {
        var element = await _table(db).AsNoTracking().Where(e => e.Name == name).SingleOrDefaultAsync(cancellationToken);
        return element is null ? null : new FoundElement(await _document(db, element, cancellationToken), element.Version, element.UpdatedUtc);
    }

    public override Task<Guid?> VersionAsync(ContinuityDb db, string name, CancellationToken cancellationToken) =>
        _table(db).AsNoTracking().Where(e => e.Name == name).Select(e => (Guid?)e.Version).SingleOrDefaultAsync(cancellationToken);

    private static (List<ElementRow>, bool) Trimmed(List<ElementRow> rows, int pageSize)
    {
        var more = rows.Count > pageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        return (rows, more);
    }

    private IQueryable<T> Filtered(IQueryable<T> rows, ListQuery query)
    {
        if (query.Team is { } team && _team is not null)
        {
            var teamIs = Expression.Lambda<Func<T, bool>>(
                Expression.Equal(_team.Body, Expression.Property(Expression.Constant(new Parameter(team)), nameof(Parameter.Value))),
                _team.Parameters);
            rows = rows.Where(teamIs);
        }
        if (query.Text is { } text)
        {
            var lower = text.ToLowerInvariant();
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(): the same on both engines, unlike a culture-aware comparison
            rows = rows.Where(e => e.Name.ToLower().Contains(lower) || (e.Title != null && e.Title.ToLower().Contains(lower)));
#pragma warning restore CA1862, CA1304, CA1311
        }
        return rows;
    }

    // Ties are broken by name, so pages never overlap; a missing title sorts as the name, the same on both engines.
    private static IQueryable<T> Ordered(IQueryable<T> rows, ListOrder order) => order switch
    {
        ListOrder.Name => rows.OrderBy(e => e.Name),
        ListOrder.NameDescending => rows.OrderByDescending(e => e.Name),
        ListOrder.Title => rows.OrderBy(e => e.Title ?? e.Name).ThenBy(e => e.Name),
        ListOrder.TitleDescending => rows.OrderByDescending(e => e.Title ?? e.Name).ThenByDescending(e => e.Name),
        ListOrder.Updated => rows.OrderBy(e => e.UpdatedUtc).ThenBy(e => e.Name),
        ListOrder.UpdatedDescending => rows.OrderByDescending(e => e.UpdatedUtc).ThenBy(e => e.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
    };

    // e => new ElementRow(e.Name, e.Title, e.Owner, e.Labels, e.UpdatedUtc, e.Version, <team of e or null>)
    private static Expression<Func<T, ElementRow>> RowOf(Expression<Func<T, string?>>? team)
    {
        var e = team?.Parameters[0] ?? Expression.Parameter(typeof(T), "e");
        var constructor = typeof(ElementRow).GetConstructors().Single();
        var body = Expression.New(constructor,
            Expression.Property(e, nameof(Element.Name)),
            Expression.Property(e, nameof(Element.Title)),
            Expression.Property(e, nameof(Element.Owner)),
            Expression.Property(e, nameof(Element.Labels)),
            Expression.Property(e, nameof(Element.UpdatedUtc)),
            Expression.Property(e, nameof(Element.Version)),
            team?.Body ?? Expression.Constant(null, typeof(string)));
        return Expression.Lambda<Func<T, ElementRow>>(body, e);
    }

    // A captured value, so that EF Core sends the team as a parameter rather than inlining it.
    private sealed class Parameter(string value)
    {
        public string Value { get; } = value;
    }
}
