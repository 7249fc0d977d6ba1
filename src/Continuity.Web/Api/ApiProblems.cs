using Continuity.Store;

namespace Continuity.Web.Api;

/// <summary>The stable <c>type</c> URIs of the API's problem details (RFC 9457), one per kind of
/// problem, so programs can tell them apart without parsing the text.</summary>
internal static class ApiProblems
{
    private const string Base = "https://continuity.dev/problems/";

    public const string InvalidParameter = Base + "invalid-parameter";
    public const string NotFound = Base + "not-found";
    public const string Unauthenticated = Base + "unauthenticated";
    public const string Forbidden = Base + "forbidden";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string NotAcceptable = Base + "not-acceptable";
    public const string InvalidSelector = Base + "invalid-failure-selector";
    public const string ServerError = Base + "server-error";
    public const string Unavailable = Base + "unavailable";
    public const string MalformedBody = Base + "malformed-body";
    public const string WrongDocument = Base + "wrong-document";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string InvalidChange = Base + "invalid-change";
    public const string Conflict = Base + "conflict";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string PreconditionRequired = Base + "precondition-required";

    /// <summary>400 naming the query parameter that is wrong, in the <c>errors</c> of a validation
    /// problem (the format the write endpoints use for fields of a document).</summary>
    public static IResult BadParameter(string parameter, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [parameter] = [message] },
        detail: $"The query parameter '{parameter}' is not valid: {message}",
        title: "A query parameter is not valid",
        type: InvalidParameter);

    public static IResult ElementNotFound(string kind, string name) => TypedResults.Problem(
        detail: $"The plan has no {kind} named '{name}'.",
        statusCode: StatusCodes.Status404NotFound,
        title: "No such element",
        type: NotFound,
        extensions: new Dictionary<string, object?> { ["kind"] = kind, ["name"] = name });

    /// <summary>400: the body is not a document of the collection (not JSON, not an object, the wrong
    /// kind, another name than the route's), each problem under its field.</summary>
    public static IResult BadBody(string type, string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] },
        detail: field.Length == 0 ? message : $"{field}: {message}",
        title: type == MalformedBody ? "The body is not valid JSON" : "The body is not a document of this collection",
        type: type);

    /// <summary>422: the change breaks the plan's rules; <c>errors</c> keyed by field path
    /// (<c>spec.objectives.rto</c>; empty for the element as a whole).</summary>
    public static IResult Invalid(IEnumerable<FieldError> errors, string detail) => TypedResults.Problem(
        new HttpValidationProblemDetails(errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The change breaks the plan's rules",
            Detail = detail,
            Type = InvalidChange,
        });

    public static IResult UnsupportedBody(string contentType, params string[] supported) => TypedResults.Problem(
        detail: $"The body's Content-Type is {(contentType.Length == 0 ? "missing" : $"'{contentType}'")}; this operation takes {string.Join(" or ", supported)}.",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        type: UnsupportedMediaType,
        extensions: new Dictionary<string, object?> { ["supported"] = supported });

    public static IResult Refused(string detail) => TypedResults.Problem(
        detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Your access does not allow this", type: Forbidden);

    /// <summary>The title and type of a bare status code (no endpoint, or a framework refusal).</summary>
    public static (string Title, string Type) ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("The request is not valid", InvalidParameter),
        StatusCodes.Status401Unauthorized => ("Authentication is required", Unauthenticated),
        StatusCodes.Status403Forbidden => ("Your access does not allow this", Forbidden),
        StatusCodes.Status404NotFound => ("Not found", NotFound),
        StatusCodes.Status405MethodNotAllowed => ("Method not allowed", MethodNotAllowed),
        StatusCodes.Status406NotAcceptable => ("Not acceptable", NotAcceptable),
        StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type", UnsupportedMediaType),
        StatusCodes.Status503ServiceUnavailable => ("Continuity is unavailable", Unavailable),
        >= 500 => ("An error occurred on the server", ServerError),
        _ => ("The request could not be completed", $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}"),
    };
}
