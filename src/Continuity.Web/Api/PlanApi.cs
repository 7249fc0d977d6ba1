using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Continuity.Accounts;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Continuity.Web.Api;

/// <summary>The plan's elements, kind by kind: <c>GET /api/v1/{kind}</c> lists summaries a page at a
/// time, <c>GET /api/v1/{kind}/{name}</c> returns the element as its plan document (the shape of a
/// plan file, so what a program reads it can later <c>PUT</c> back) with its version as ETag.</summary>
internal static class PlanApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    private static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var set in ElementSet.All)
        {
            var kind = set.Kind.ToString();
            var tag = Words.Plural(set);
            api.MapMethods("/" + set.Plural, GetHead, (HttpContext http, ContinuityDb db, CurrentAccess current,
                    [Description("Page number, from 1.")] string? page,
                    [Description("Rows per page, 1–200 (default 50).")] string? pageSize,
                    [Description("Only elements of this team (kinds that have a team).")] string? team,
                    [Description("Only elements with this label, key:value; repeat to require several.")] string[]? label,
                    [Description("Only elements whose name or title contains this text (case-insensitive).")] string? q,
                    [Description("name, title or updated; a leading - reverses (default name).")] string? sort,
                    CancellationToken cancellationToken) =>
                    ListAsync(set, http, db, current, new RawListQuery(page, pageSize, team, label, q, sort), cancellationToken))
                .WithTags(tag)
                .WithName($"list-{set.Plural}")
                .WithSummary($"List {Words.Plural(set)}")
                .WithDescription($"Summaries of the plan's {kind} elements, a page at a time, filtered and sorted. " +
                    "The next page is in `next` and in the `Link` header (rel=\"next\"); there is none on the last page." +
                    (set.HasTeam ? "" : " This kind has no team, so `team` is refused."))
                .Produces<ElementPage>()
                .ProducesValidationProblem();
            api.MapMethods($"/{set.Plural}/{{name}}", GetHead, (string name, HttpContext http, ContinuityDb db, CurrentAccess current, CancellationToken cancellationToken) =>
                    GetAsync(set, name, http, db, current, cancellationToken))
                .WithTags(tag)
                .WithName($"get-{ElementKinds.Slug(set.Kind)}")
                .WithSummary($"Get one {ElementKinds.Slug(set.Kind).Replace('-', ' ')}")
                .WithDescription($"The {kind} as its plan document: apiVersion, kind, metadata and spec, in JSON (durations in whole minutes). " +
                    "`ETag` is the element's version (send it as If-None-Match for a 304, and as If-Match on writes); `Last-Modified` is its last change." +
                    (set.Kind == ElementKind.Person ? " Personal contact details (mobile, alternate phone) are left out unless your access lets you see them." : ""))
                .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
                .Produces(StatusCodes.Status304NotModified)
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
    }

    /// <summary>A page of a kind's summaries.</summary>
    internal sealed record ElementPage(string Kind, int Page, int PageSize, IReadOnlyList<ElementSummary> Items, string? Next);

    /// <summary>What a list shows of one element. <c>Contact</c> only for people.</summary>
    internal sealed record ElementSummary(string Name, string? Title, string? Team, string? Owner, IReadOnlyDictionary<string, string> Labels,
        DateTime Updated, string Version, string Href, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PersonContact? Contact = null);

    /// <summary>A person's contact details as the caller may see them (mobile and alternate phone
    /// only where <see cref="ContactPrivacy"/> allows).</summary>
    internal sealed record PersonContact(string Email, string? Work, string? Mobile, string? Alternate);

    private sealed record RawListQuery(string? Page, string? PageSize, string? Team, string[]? Label, string? Text, string? Sort);

    private static async Task<IResult> ListAsync(ElementSet set, HttpContext http, ContinuityDb db, CurrentAccess current, RawListQuery raw, CancellationToken cancellationToken)
    {
        var (parsed, error) = Validate(set, raw);
        if (error is { } refused)
        {
            return ApiProblems.BadParameter(refused.Parameter, refused.Message);
        }
        var query = parsed!;
        var (rows, more) = await set.ListAsync(db, query, cancellationToken);
        var contacts = set.Kind == ElementKind.Person && rows.Count > 0
            ? await ContactsAsync(db, await current.GetAsync(cancellationToken), rows.Select(r => r.Name).ToList(), cancellationToken)
            : null;
        var basePath = $"{ApiSetup.Prefix}/{set.Plural}/";
        var items = rows.Select(r => new ElementSummary(r.Name, r.Title, r.Team, r.Owner, r.Labels, r.UpdatedUtc, r.Version.ToString(),
            basePath + Uri.EscapeDataString(r.Name), contacts?.GetValueOrDefault(r.Name))).ToList();
        string? next = null;
        if (more)
        {
            next = NextPage(http.Request, query.Page + 1);
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Ok(new ElementPage(set.Kind.ToString(), query.Page, query.PageSize, items, next));
    }

    private static async Task<IResult> GetAsync(ElementSet set, string name, HttpContext http, ContinuityDb db, CurrentAccess current, CancellationToken cancellationToken)
    {
        var yaml = WantsYaml(http.Request);
        if (yaml is null)
        {
            return TypedResults.Problem("This resource is available as application/json or application/yaml.",
                statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable", type: ApiProblems.NotAcceptable);
        }
        if (await set.FindAsync(db, name, cancellationToken) is not { } found)
        {
            return ApiProblems.ElementNotFound(ElementKinds.Slug(set.Kind), name);
        }
        if (found.Document.Spec is PersonSpec person)
        {
            var visible = await ContactPrivacy.PeopleVisibleToAsync(db, await current.GetAsync(cancellationToken), cancellationToken);
            if (!ContactPrivacy.MaySee(visible, name))
            {
                ContactPrivacy.WithoutPersonalContacts(person);
            }
        }
        // The representation depends on who asks (contact privacy): private to the caller.
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.Vary = HeaderNames.Accept;
        var etag = new EntityTagHeaderValue($"\"{found.Version}\"");
        var modified = new DateTimeOffset(found.UpdatedUtc);
        return yaml.Value
            ? TypedResults.Bytes(Encoding.UTF8.GetBytes(PlanFileWriter.Write([found.Document])), "application/yaml; charset=utf-8", lastModified: modified, entityTag: etag)
            : TypedResults.Bytes(DocumentJson(found.Document), "application/json; charset=utf-8", lastModified: modified, entityTag: etag);
    }

    /// <summary>A plan document as JSON, in the envelope of a plan file.</summary>
    internal static byte[] DocumentJson(PlanDocument document) => JsonSerializer.SerializeToUtf8Bytes(
        new { apiVersion = PlanDocument.ApiVersion, kind = document.Kind, metadata = document.Metadata, spec = (object)document.Spec }, PlanJson.Options);

    /// <summary>True for YAML, false for JSON, null when the Accept header allows neither.</summary>
    private static bool? WantsYaml(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return false;
        }
        foreach (var type in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.Quality == 0)
            {
                continue;
            }
            if (type.MediaType.Equals("application/yaml", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("text/yaml", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.MatchesAllTypes
                || type.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return null;
    }

    private static async Task<Dictionary<string, PersonContact>> ContactsAsync(ContinuityDb db, UserAccess access, List<string> names, CancellationToken cancellationToken)
    {
        var visible = await ContactPrivacy.PeopleVisibleToAsync(db, access, cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => names.Contains(p.Name)).Select(p => new { p.Name, p.Email, p.Phones }).ToListAsync(cancellationToken);
        return people.ToDictionary(p => p.Name, p => ContactPrivacy.MaySee(visible, p.Name)
            ? new PersonContact(p.Email, p.Phones.Work, p.Phones.Mobile, p.Phones.Alternate)
            : new PersonContact(p.Email, p.Phones.Work, null, null), StringComparer.Ordinal);
    }

    private static (ListQuery? Query, (string Parameter, string Message)? Error) Validate(ElementSet set, RawListQuery raw)
    {
        var page = 1;
        if (raw.Page is not null && (!int.TryParse(raw.Page, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return (null, ("page", "must be a whole number from 1."));
        }
        var pageSize = DefaultPageSize;
        if (raw.PageSize is not null && (!int.TryParse(raw.PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return (null, ("pageSize", $"must be a whole number from 1 to {MaxPageSize}."));
        }
        if (page > int.MaxValue / MaxPageSize)
        {
            return (null, ("page", "is beyond any plan."));
        }
        if (raw.Team is not null && !set.HasTeam)
        {
            return (null, ("team", $"{Words.Plural(set)} have no team; filter by team on functions, systems, people or procedures."));
        }
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var label in raw.Label ?? [])
        {
            var colon = label.IndexOf(':', StringComparison.Ordinal);
            if (colon < 1)
            {
                return (null, ("label", $"'{label}' is not key:value (for example region:eu-west-1)."));
            }
            labels.Add(new(label[..colon], label[(colon + 1)..]));
        }
        ListOrder? order = raw.Sort switch
        {
            null or "name" => ListOrder.Name,
            "-name" => ListOrder.NameDescending,
            "title" => ListOrder.Title,
            "-title" => ListOrder.TitleDescending,
            "updated" => ListOrder.Updated,
            "-updated" => ListOrder.UpdatedDescending,
            _ => null,
        };
        if (order is null)
        {
            return (null, ("sort", "must be name, title or updated, optionally with a leading - for descending order."));
        }
        var text = string.IsNullOrWhiteSpace(raw.Text) ? null : raw.Text.Trim();
        return (new ListQuery(page, pageSize, string.IsNullOrEmpty(raw.Team) ? null : raw.Team, labels, text, order.Value), null);
    }

    private static string NextPage(HttpRequest request, int page)
    {
        var query = request.Query.Where(q => !q.Key.Equals("page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"page={page.ToString(CultureInfo.InvariantCulture)}");
        return $"{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }

    private static class Words
    {
        public static string Plural(ElementSet set) => set.Plural.Replace('-', ' ');
    }
}
