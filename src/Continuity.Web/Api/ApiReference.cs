using System.ComponentModel;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using Continuity.Accounts;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Continuity.Web.Api;

/// <summary>The API's OpenAPI document (ASP.NET Core's generator, at <see cref="ApiSetup.OpenApiPath"/>)
/// and its reference page at <c>/api</c>. The page is rendered on the server from the same
/// endpoint metadata the document is generated from, as plain HTML with the site's stylesheet:
/// no script at all, so it works offline and under the app's Content-Security-Policy unchanged
/// (the interactive viewers on NuGet inject inline script and style). Both need sign-in with read
/// access like everything else, although they hold no plan data: nothing about the app is public.</summary>
internal static class ApiReference
{
    public const string DocumentName = "v1";
    public const string SecurityScheme = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true
            && description.RelativePath != "api/v1/openapi.json";
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBody>().FirstOrDefault() is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = body.ContentTypes.ToDictionary(type => type, type => new OpenApiMediaType
                    {
                        Schema = type.EndsWith("json", StringComparison.Ordinal)
                            ? new OpenApiSchema { Type = JsonSchemaType.Object }
                            : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    }),
                };
            }
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Continuity API",
                Version = "v1",
                Description = "The business continuity plan for programs: its elements kind by kind (as plan documents, with ETags), " +
                    "its analysis (checks, impact, recovery order, single points of failure) and its export. " +
                    "Authenticate with an API token: `Authorization: Bearer cty_…`. Every error is RFC 9457 problem details. See docs/api.md.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = $"{ApiToken.Prefix}…",
                Description = "An API token of a Continuity user; it acts with that user's access at the moment of use.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
            return Task.CompletedTask;
        });
    }

    /// <summary>The body an operation takes, for the OpenAPI document only. Not <c>Accepts</c>: routing
    /// would refuse other content types before the handler, which answers them with a 415 problem itself.</summary>
    internal sealed record RequestBody(string[] ContentTypes);

    public static RouteHandlerBuilder WithRequestBody(this RouteHandlerBuilder endpoint, params string[] contentTypes) =>
        endpoint.WithMetadata(new RequestBody(contentTypes));

    public static void Map(WebApplication app)
    {
        app.MapOpenApi(ApiSetup.OpenApiPath).RequireAuthorization(AccessPolicies.ReadPlan);
        app.MapMethods("/api", [HttpMethods.Get, HttpMethods.Head], (EndpointDataSource endpoints) => TypedResults.Text(Page(endpoints), "text/html; charset=utf-8"))
            .RequireAuthorization(AccessPolicies.ReadPlan)
            .ExcludeFromDescription();
    }

    private static string Page(EndpointDataSource source)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Continuity API reference</title>\n<link rel=\"stylesheet\" href=\"/assets/site.css\">\n</head>\n<body>\n<main class=\"api-reference\">\n")
            .Append("<h1>Continuity API <small>v1</small></h1>\n")
            .Append("<p class=\"lead\">For programs: send an API token as <code>Authorization: Bearer cty_…</code>. Every error is ")
            .Append("<a href=\"https://www.rfc-editor.org/rfc/rfc9457\">RFC 9457</a> problem details (<code>application/problem+json</code>). ")
            .Append("Machine-readable: <a href=\"").Append(ApiSetup.OpenApiPath).Append("\">OpenAPI document</a>.</p>\n");
        var endpoints = source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(ApiSetup.Prefix, StringComparison.Ordinal) == true && e.RoutePattern.RawText != ApiSetup.OpenApiPath)
            .OrderBy(e => e.Order).ToList();
        foreach (var section in endpoints.GroupBy(e => e.Metadata.GetMetadata<ITagsMetadata>() is { Tags.Count: > 0 } tags ? tags.Tags[0] : "other"))
        {
            page.Append("<section>\n<h2>").Append(html.Encode(section.Key)).Append("</h2>\n");
            foreach (var endpoint in section)
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                page.Append("<article id=\"").Append(html.Encode(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "")).Append("\">\n")
                    .Append("<h3><code>").Append(html.Encode(string.Join(" | ", methods))).Append(' ').Append(html.Encode(endpoint.RoutePattern.RawText ?? "")).Append("</code></h3>\n");
                if (endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is { } summary)
                {
                    page.Append("<p><strong>").Append(html.Encode(summary.Summary)).Append("</strong></p>\n");
                }
                if (endpoint.Metadata.GetMetadata<IEndpointDescriptionMetadata>() is { } description)
                {
                    page.Append("<p>").Append(html.Encode(description.Description)).Append("</p>\n");
                }
                var parameters = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
                    .Select(p => (p.Name, p.GetCustomAttribute<DescriptionAttribute>()?.Description))
                    .Where(p => p.Description is not null).ToList() ?? [];
                if (parameters.Count > 0)
                {
                    page.Append("<dl>\n");
                    foreach (var (name, text) in parameters)
                    {
                        page.Append("<dt><code>").Append(html.Encode(name ?? "")).Append("</code></dt><dd>").Append(html.Encode(text!)).Append("</dd>\n");
                    }
                    page.Append("</dl>\n");
                }
                var statuses = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).Distinct().Order();
                page.Append("<p class=\"muted\">Responses: ").Append(html.Encode(string.Join(", ", statuses))).Append("</p>\n</article>\n");
            }
            page.Append("</section>\n");
        }
        return page.Append("</main>\n</body>\n</html>\n").ToString();
    }
}
