using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Continuity.Web.Api;

/// <summary>The writes of the plan's elements, kind by kind: <c>POST /api/v1/{kind}</c> creates an
/// element from its plan document, <c>PUT</c> replaces it, <c>PATCH</c> applies a JSON merge patch
/// (RFC 7396) to it and <c>DELETE</c> removes it — each through the one writer (<see cref="PlanWriter"/>),
/// so each is one plan revision with its audit entries (channel Api). Replacing and removing need
/// <c>If-Match</c> with the version read (428 without, 412 when stale). Whether the caller may change
/// the element is decided by <see cref="UserAccess.CanChange"/> for its team before and after.</summary>
internal static class PlanWriteApi
{
    public static void Map(RouteGroupBuilder api)
    {
        foreach (var set in ElementSet.All)
        {
            var kind = set.Kind.ToString();
            var tag = set.Plural.Replace('-', ' ');
            var one = ElementKinds.Slug(set.Kind).Replace('-', ' ');
            var privacy = set.Kind == ElementKind.Person
                ? " A mobile or alternate phone left out of the document (as it reads for a caller who may not see them) keeps its stored value."
                : "";
            api.MapPost("/" + set.Plural, (HttpContext http, ContinuityDb db, CurrentAccess current, PlanWriter writer, CancellationToken cancellationToken) =>
                    CreateAsync(set, http, db, current, writer, cancellationToken))
                .RequireAuthorization(AccessPolicies.ChangePlan)
                .WithTags(tag)
                .WithName($"create-{ElementKinds.Slug(set.Kind)}")
                .WithSummary($"Create a {one}")
                .WithDescription($"Adds a {kind} from its plan document (the JSON a GET answers). 201 with Location and ETag; 409 when one of that name exists." + privacy)
                .WithRequestBody("application/json")
                .Produces<JsonElement>(StatusCodes.Status201Created, "application/json")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
            api.MapPut($"/{set.Plural}/{{name}}", (string name, HttpContext http, ContinuityDb db, CurrentAccess current, PlanWriter writer, CancellationToken cancellationToken) =>
                    ReplaceAsync(set, name, patch: false, http, db, current, writer, cancellationToken))
                .RequireAuthorization(AccessPolicies.ChangePlan)
                .WithTags(tag)
                .WithName($"replace-{ElementKinds.Slug(set.Kind)}")
                .WithSummary($"Replace a {one}")
                .WithDescription($"Replaces the {kind} with the plan document in the body. `If-Match: \"<version>\"` (its ETag) is required: 428 without, 412 when the element changed since. " +
                    "The body's kind must be the collection's and metadata.name the route's (400 otherwise). 200 with the document as stored and its new ETag." + privacy)
                .WithRequestBody("application/json")
                .WithWriteResponses();
            api.MapPatch($"/{set.Plural}/{{name}}", (string name, HttpContext http, ContinuityDb db, CurrentAccess current, PlanWriter writer, CancellationToken cancellationToken) =>
                    ReplaceAsync(set, name, patch: true, http, db, current, writer, cancellationToken))
                .RequireAuthorization(AccessPolicies.ChangePlan)
                .WithTags(tag)
                .WithName($"patch-{ElementKinds.Slug(set.Kind)}")
                .WithSummary($"Change part of a {one}")
                .WithDescription($"Applies a JSON merge patch (RFC 7396, `Content-Type: {MergePatch.MediaType}`; 415 otherwise) to the {kind}'s document as a GET answers it, " +
                    "then replaces it like PUT: `If-Match` required, 200 with the document as stored and its new ETag. A null removes a field; a list is replaced whole." + privacy)
                .WithRequestBody(MergePatch.MediaType)
                .WithWriteResponses();
            api.MapDelete($"/{set.Plural}/{{name}}", (string name, HttpContext http, ContinuityDb db, CurrentAccess current, PlanWriter writer, CancellationToken cancellationToken) =>
                    RemoveAsync(set, name, http, db, current, writer, cancellationToken))
                .RequireAuthorization(AccessPolicies.ChangePlan)
                .WithTags(tag)
                .WithName($"remove-{ElementKinds.Slug(set.Kind)}")
                .WithSummary($"Remove a {one}")
                .WithDescription($"Removes the {kind}. `If-Match` required (428 without, 412 when stale). 204; 404 when there is none; 422 when other elements still refer to it.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired)
                .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static RouteHandlerBuilder WithWriteResponses(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static async Task<IResult> CreateAsync(ElementSet set, HttpContext http, ContinuityDb db, CurrentAccess current, PlanWriter writer, CancellationToken ct)
    {
        if (!DocumentBody.IsJson(http.Request))
        {
            return ApiProblems.UnsupportedBody(http.Request.ContentType ?? "", "application/json");
        }
        var (node, malformed) = await DocumentBody.ReadAsync(http.Request, ct);
        if (malformed is not null)
        {
            return malformed;
        }
        var (document, wrong) = DocumentBody.ToDocument(node, set, routeName: null);
        if (wrong is not null)
        {
            return wrong;
        }
        var access = await current.GetAsync(ct);
        if (await RefusedAsync(access, document!, "create", db, ct) is { } refused)
        {
            return refused;
        }
        try
        {
            await writer.ReplaceElementAsync(await ActorAsync(http.User, access, db, ct), document!, expectedVersion: null, ct);
        }
        catch (PlanConflictException exists)
        {
            return TypedResults.Problem(exists.Message, statusCode: StatusCodes.Status409Conflict, title: "The element exists", type: ApiProblems.Conflict,
                extensions: Named(set, document!.Name, await set.VersionAsync(db, document.Name, ct)));
        }
        catch (PlanValidationException invalid)
        {
            return ApiProblems.Invalid(invalid.Errors, invalid.Message);
        }
        return await StoredAsync(set, document!.Name, StatusCodes.Status201Created, http, db, access, ct);
    }

    private static async Task<IResult> ReplaceAsync(ElementSet set, string name, bool patch, HttpContext http, ContinuityDb db, CurrentAccess current, PlanWriter writer, CancellationToken ct)
    {
        if (!DocumentBody.IsJson(http.Request, mergePatch: patch))
        {
            return ApiProblems.UnsupportedBody(http.Request.ContentType ?? "", patch ? MergePatch.MediaType : "application/json");
        }
        if (ExpectedVersion(http.Request, set, name) is { Problem: { } precondition })
        {
            return precondition;
        }
        var expected = ExpectedVersion(http.Request, set, name).Version;
        if (await set.FindAsync(db, name, ct) is not { } stored)
        {
            return ApiProblems.ElementNotFound(ElementKinds.Slug(set.Kind), name);
        }
        var access = await current.GetAsync(ct);
        if (await RefusedAsync(access, stored.Document, "change", db, ct) is { } refused)
        {
            return refused;
        }
        if (expected != stored.Version)
        {
            return Stale(set, name, stored.Version);
        }
        var (node, malformed) = await DocumentBody.ReadAsync(http.Request, ct);
        if (malformed is not null)
        {
            return malformed;
        }
        // What the caller may not see was left out of what they read: it is neither shown nor erased.
        var hidden = stored.Document.Spec is PersonSpec person && !await MaySeeContactsAsync(db, access, name, ct)
            ? new Phones { Mobile = person.Phones.Mobile, Alternate = person.Phones.Alternate }
            : null;
        if (patch)
        {
            if (hidden is not null)
            {
                ContactPrivacy.WithoutPersonalContacts((PersonSpec)stored.Document.Spec);
            }
            node = MergePatch.Apply(JsonNode.Parse(PlanApi.DocumentJson(stored.Document)), node);
        }
        var (document, wrong) = DocumentBody.ToDocument(node, set, name);
        if (wrong is not null)
        {
            return wrong;
        }
        if (await RefusedAsync(access, document!, "move", db, ct) is { } moved)
        {
            return moved;
        }
        if (hidden is not null && document!.Spec is PersonSpec changed)
        {
            changed.Phones.Mobile ??= hidden.Mobile;
            changed.Phones.Alternate ??= hidden.Alternate;
        }
        try
        {
            await writer.ReplaceElementAsync(await ActorAsync(http.User, access, db, ct), document!, expected, ct);
        }
        catch (PlanConflictException)
        {
            return await set.VersionAsync(db, name, ct) is { } now ? Stale(set, name, now) : ApiProblems.ElementNotFound(ElementKinds.Slug(set.Kind), name);
        }
        catch (PlanValidationException invalid)
        {
            return ApiProblems.Invalid(invalid.Errors, invalid.Message);
        }
        return await StoredAsync(set, name, StatusCodes.Status200OK, http, db, access, ct);
    }

    private static async Task<IResult> RemoveAsync(ElementSet set, string name, HttpContext http, ContinuityDb db, CurrentAccess current, PlanWriter writer, CancellationToken ct)
    {
        var (expected, precondition) = ExpectedVersion(http.Request, set, name);
        if (precondition is not null)
        {
            return precondition;
        }
        if (await set.FindAsync(db, name, ct) is not { } stored)
        {
            return ApiProblems.ElementNotFound(ElementKinds.Slug(set.Kind), name);
        }
        var access = await current.GetAsync(ct);
        if (await RefusedAsync(access, stored.Document, "remove", db, ct) is { } refused)
        {
            return refused;
        }
        if (expected != stored.Version)
        {
            return Stale(set, name, stored.Version);
        }
        try
        {
            await writer.RemoveElementAsync(await ActorAsync(http.User, access, db, ct), set.Kind, name, expected!.Value, ct);
        }
        catch (PlanConflictException)
        {
            return await set.VersionAsync(db, name, ct) is { } now ? Stale(set, name, now) : ApiProblems.ElementNotFound(ElementKinds.Slug(set.Kind), name);
        }
        catch (ElementNotFoundException)
        {
            return ApiProblems.ElementNotFound(ElementKinds.Slug(set.Kind), name);
        }
        catch (PlanValidationException invalid)
        {
            return ApiProblems.Invalid(invalid.Errors, $"{ElementKinds.Slug(set.Kind)}:{name} cannot be removed: {invalid.Message}");
        }
        return TypedResults.NoContent();
    }

    /// <summary>The version in <c>If-Match</c>: 428 when there is none; a tag that is not one of our
    /// versions (a weak tag, <c>*</c>) can never match, so it is a 412 further on (null version).</summary>
    private static (Guid? Version, IResult? Problem) ExpectedVersion(HttpRequest request, ElementSet set, string name)
    {
        var tags = request.GetTypedHeaders().IfMatch;
        if (tags.Count == 0)
        {
            return (null, TypedResults.Problem(
                $"Send If-Match: \"<version>\" with the ETag of {ElementKinds.Slug(set.Kind)}:{name} as you read it, so that a change made meanwhile is not overwritten.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required", type: ApiProblems.PreconditionRequired,
                extensions: Named(set, name, null)));
        }
        var tag = tags[0];
        return (!tag.IsWeak && Guid.TryParse(tag.Tag.ToString().Trim('"'), out var version) ? version : null, null);
    }

    private static ProblemHttpResult Stale(ElementSet set, string name, Guid current) => TypedResults.Problem(
        $"{ElementKinds.Slug(set.Kind)}:{name} was changed since you read it; its ETag is now \"{current}\". Read it again and reapply your change.",
        statusCode: StatusCodes.Status412PreconditionFailed, title: "The element changed meanwhile", type: ApiProblems.PreconditionFailed,
        extensions: Named(set, name, current));

    private static Dictionary<string, object?> Named(ElementSet set, string name, Guid? version)
    {
        var extensions = new Dictionary<string, object?> { ["kind"] = ElementKinds.Slug(set.Kind), ["name"] = name };
        if (version is { } current)
        {
            extensions["etag"] = $"\"{current}\"";
        }
        return extensions;
    }

    /// <summary>403 unless the caller may change an element of this kind and team.</summary>
    private static async Task<IResult?> RefusedAsync(UserAccess access, PlanDocument document, string what, ContinuityDb db, CancellationToken ct)
    {
        var team = await TeamAsync(document, db, ct);
        if (access.CanChange(document.Kind, team))
        {
            return null;
        }
        var id = $"{ElementKinds.Slug(document.Kind)}:{document.Name}";
        return ApiProblems.Refused(what switch
        {
            "move" => $"Your access does not let you give {id} to {(team is null ? "no team" : $"team {team}")}.",
            _ => $"Your access does not let you {what} {id}" + (team is null ? " (it belongs to no team: a continuity manager changes it)." : $" of team {team}."),
        });
    }

    /// <summary>The team an element belongs to for access (<see cref="ElementTeams.Owning"/>), a
    /// backup policy's system's team read from the database.</summary>
    internal static async Task<string?> TeamAsync(PlanDocument document, ContinuityDb db, CancellationToken ct)
    {
        var systemTeam = document.Spec is BackupPolicySpec { System.Name: { } system }
            ? await db.Systems.AsNoTracking().Where(s => s.Name == system).Select(s => s.Team).SingleOrDefaultAsync(ct)
            : null;
        return ElementTeams.Owning(document.Spec, _ => systemTeam);
    }

    /// <summary>Who the audit log names: the user's e-mail, and the token when the request came with one.</summary>
    internal static async Task<Actor> ActorAsync(ClaimsPrincipal user, UserAccess access, ContinuityDb db, CancellationToken ct)
    {
        var name = access.Email ?? access.UserId.ToString();
        if (Guid.TryParse(user.FindFirstValue(TokenAuthentication.TokenIdClaim), out var tokenId))
        {
            var token = await db.ApiTokens.AsNoTracking().Where(t => t.Id == tokenId).Select(t => t.Name).SingleOrDefaultAsync(ct);
            name += $" (token {(string.IsNullOrEmpty(token) ? tokenId.ToString() : token)})";
        }
        return new Actor(name, AuditChannel.Api);
    }

    private static async Task<bool> MaySeeContactsAsync(ContinuityDb db, UserAccess access, string person, CancellationToken ct) =>
        ContactPrivacy.MaySee(await ContactPrivacy.PeopleVisibleToAsync(db, access, ct), person);

    /// <summary>The element as stored after the write (references resolved as the writer stored them),
    /// as the caller may see it, with its new ETag.</summary>
    private static async Task<IResult> StoredAsync(ElementSet set, string name, int status, HttpContext http, ContinuityDb db, UserAccess access, CancellationToken ct)
    {
        var found = await set.FindAsync(db, name, ct);
        if (found is null)
        {
            return ApiProblems.ElementNotFound(ElementKinds.Slug(set.Kind), name);      // removed again meanwhile
        }
        if (found.Document.Spec is PersonSpec person && !await MaySeeContactsAsync(db, access, name, ct))
        {
            ContactPrivacy.WithoutPersonalContacts(person);
        }
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = new EntityTagHeaderValue($"\"{found.Version}\"");
        headers.LastModified = new DateTimeOffset(found.UpdatedUtc);
        http.Response.Headers.CacheControl = "private, no-cache";
        if (status == StatusCodes.Status201Created)
        {
            http.Response.Headers.Location = $"{ApiSetup.Prefix}/{set.Plural}/{Uri.EscapeDataString(name)}";
        }
        return TypedResults.Text(Encoding.UTF8.GetString(PlanApi.DocumentJson(found.Document)), "application/json; charset=utf-8", statusCode: status);
    }
}
