using System.ComponentModel;
using System.IO.Compression;
using System.Text;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Reports;
using Continuity.Store;
using Continuity.Web.Security;

namespace Continuity.Web.Api;

/// <summary><c>POST /api/v1/import</c>: plan files applied to the stored plan through the one writer,
/// as <c>continuity import</c> does — a zip of YAML files as the export writes them, or one
/// multi-document YAML body. The base revision is read from the organisation's annotation (three-way
/// import); the answer is the report <c>continuity import --format json</c> prints. Whole-plan
/// writes: continuity managers only (<see cref="AccessPolicies.ChangeWholePlan"/>), with or without
/// a team scope; a team lead changes their team's elements one by one.</summary>
internal static class ImportApi
{
    /// <summary>A zip holds at most this many plan files, and this much YAML in all.</summary>
    public const int MaxFiles = 1000;

    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly string[] Zip = ["application/zip", "application/x-zip-compressed"];
    private static readonly string[] Yaml = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/import", ImportAsync)
            .RequireAuthorization(AccessPolicies.ChangeWholePlan)
            .WithTags("import")
            .WithName("import")
            .WithSummary("Import plan files")
            .WithDescription("Applies plan files to the plan in one transaction, as `continuity import` does: the body is a zip of *.yaml files (as GET /api/v1/export writes them) " +
                "or one multi-document YAML stream. Files exported carry the revision they were taken at; an element changed both in the files and in the app since then " +
                "is a conflict (409 listing elements and fields) and nothing changes, unless force=true. Answers the report of `continuity import --format json`. Continuity managers only.")
            .WithRequestBody("application/zip", "application/yaml")
            .Produces<object>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> ImportAsync(HttpContext http, ContinuityDb db, CurrentAccess current, PlanWriter writer,
        [Description("true: work out and report what would change, write nothing.")] string? dryRun,
        [Description("true: where the files and the app both changed an element since the export, the files win.")] string? force,
        [Description("everything (default) or team:NAME — only that team's functions, systems, procedures, people, roles and backup policies.")] string? scope,
        CancellationToken cancellationToken)
    {
        if (Flag(dryRun) is not { } isDryRun)
        {
            return ApiProblems.BadParameter("dryRun", "must be true or false.");
        }
        if (Flag(force) is not { } isForced)
        {
            return ApiProblems.BadParameter("force", "must be true or false.");
        }
        if (ImportScope.Parse(scope) is not { } importScope)
        {
            return ApiProblems.BadParameter("scope", "must be everything or team:NAME.");
        }
        var type = http.Request.ContentType is { } text && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(text, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        var isZip = Zip.Contains(type, StringComparer.OrdinalIgnoreCase);
        if (!isZip && !Yaml.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return ApiProblems.UnsupportedBody(type, [.. Zip.Take(1), .. Yaml.Take(1)]);
        }
        var (files, unreadable) = isZip ? await UnzipAsync(http.Request.Body, cancellationToken) : ([("import.yaml", await ReadTextAsync(http.Request.Body, cancellationToken))], null);
        if (unreadable is not null)
        {
            return unreadable;
        }
        var loaded = PlanLoader.LoadTexts(files);
        var errors = importScope.Blocking(loaded.Diagnostics).ToList();
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors.Select(d => new FieldError(d.Location is { } at ? $"{at.File}:{at.Line}:{at.Column}" : "", $"{d.Code} {d.Message}")),
                "The plan files have errors, so nothing was imported.");
        }
        var access = await current.GetAsync(cancellationToken);
        var options = new ImportOptions { DryRun = isDryRun, Force = isForced, Scope = importScope };
        try
        {
            var report = await writer.ImportAsync(await PlanWriteApi.ActorAsync(http.User, access, db, cancellationToken), loaded.Plan, options, cancellationToken);
            var warnings = loaded.Diagnostics.Where(d => d.Severity != Severity.Error);
            return TypedResults.Text(ReportJson.Serialize(ImportReportJson.Of(report, warnings)), "application/json; charset=utf-8");
        }
        catch (PlanConflictException conflict)
        {
            return TypedResults.Problem(conflict.Message + (conflict.Conflicts.Count > 0 ? " Export again and redo the file changes, or import with force=true to let the files win." : ""),
                statusCode: StatusCodes.Status409Conflict, title: "The plan changed meanwhile", type: ApiProblems.Conflict,
                extensions: new Dictionary<string, object?> { ["conflicts"] = ImportReportJson.Conflicts(conflict).ToList() });
        }
        catch (PlanValidationException invalid)
        {
            return ApiProblems.Invalid(invalid.Errors, "Together with the stored plan the files do not make a valid plan, so nothing was imported. " + invalid.Message);
        }
    }

    private static bool? Flag(string? text) => text switch
    {
        null or "" => false,
        _ when bool.TryParse(text, out var value) => value,
        _ => null,
    };

    private static async Task<string> ReadTextAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static async Task<(List<(string File, string Text)> Files, IResult? Problem)> UnzipAsync(Stream body, CancellationToken cancellationToken)
    {
        // ZipArchive needs to seek; the request body cannot.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        var files = new List<(string, string)>();
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
            var entries = zip.Entries.Where(e => e.FullName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).ToList();
            if (entries.Count > MaxFiles || entries.Sum(e => e.Length) > MaxBytes)
            {
                return (files, ApiProblems.BadBody(ApiProblems.WrongDocument, "body", $"holds more than {MaxFiles} plan files or {MaxBytes / 1024 / 1024} MiB of YAML."));
            }
            foreach (var entry in entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                using var reader = new StreamReader(await entry.OpenAsync(cancellationToken), Encoding.UTF8);
                files.Add((entry.FullName, await reader.ReadToEndAsync(cancellationToken)));
            }
        }
        catch (InvalidDataException notZip)
        {
            return (files, ApiProblems.BadBody(ApiProblems.MalformedBody, "body", $"is not a readable zip: {notZip.Message}"));
        }
        return (files, null);
    }
}
