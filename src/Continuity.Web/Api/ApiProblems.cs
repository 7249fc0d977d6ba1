namespace Continuity.Web.Api;

/// <summary>The stable <c>type</c> URIs of the API's problem details (RFC 9457), one per kind of
/// problem, so programs can tell them apart without parsing the text. The write endpoints add
/// theirs here: conflict (409), stale ETag (412), missing If-Match (428), invalid document (422).</summary>
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

    /// <summary>The title and type of a bare status code (no endpoint, or a framework refusal).</summary>
    public static (string Title, string Type) ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("The request is not valid", InvalidParameter),
        StatusCodes.Status401Unauthorized => ("Authentication is required", Unauthenticated),
        StatusCodes.Status403Forbidden => ("Your access does not allow this", Forbidden),
        StatusCodes.Status404NotFound => ("Not found", NotFound),
        StatusCodes.Status405MethodNotAllowed => ("Method not allowed", MethodNotAllowed),
        StatusCodes.Status406NotAcceptable => ("Not acceptable", NotAcceptable),
        >= 500 => ("An error occurred on the server", ServerError),
        _ => ("The request could not be completed", $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}"),
    };
}
