using System.IO.Compression;
using System.Text;
using Continuity.Accounts;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Security;

namespace Continuity.Web.Api;

/// <summary><c>GET /api/v1/export</c>: the whole plan as the plan files <c>continuity export</c>
/// writes (one YAML file per kind) in a zip, with personal contact details left out where the
/// caller may not see them.</summary>
internal static class ExportApi
{
    public const string FileName = "continuity-plan.zip";

    public static void Map(RouteGroupBuilder api) =>
        api.MapMethods("/export", [HttpMethods.Get, HttpMethods.Head], ExportAsync)
            .WithTags("export")
            .WithName("export")
            .WithSummary("Export the plan as plan files")
            .WithDescription("A zip of the plan files (organisation.yaml, functions.yaml …, canonical YAML as `continuity export` writes them, with the plan revision on the organisation). " +
                "Mobile and alternate phone numbers appear only for the people your access lets you see them for.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");

    private static async Task<IResult> ExportAsync(ContinuityDb db, CurrentAccess current, CancellationToken cancellationToken)
    {
        // With the revision on the organisation, as `continuity export` writes it: importing the files
        // back is then a three-way import that keeps changes made in the app since.
        var (stored, revision) = await PlanExport.LoadWithRevisionAsync(db, cancellationToken);
        var plan = PlanRevisionAnnotation.Add(stored, revision);
        var visible = await ContactPrivacy.PeopleVisibleToAsync(db, await current.GetAsync(cancellationToken), cancellationToken);
        foreach (var (document, person) in plan.Specs<PersonSpec>())
        {
            if (!ContactPrivacy.MaySee(visible, document.Name))
            {
                ContactPrivacy.WithoutPersonalContacts(person);
            }
        }
        var zip = new MemoryStream();
        // In memory: the plan is read whole anyway, and a plan's YAML is megabytes at most.
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, text) in PlanFileWriter.Files(plan))
            {
                using var stream = archive.CreateEntry(file, CompressionLevel.Fastest).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        zip.Position = 0;
        return TypedResults.Stream(zip, "application/zip", FileName);
    }
}
