using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Governance;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Pages.Versions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Continuity.Web.Documents;

/// <summary>Where headless Chromium is (<c>Pdf:ChromiumPath</c>) and how long it may take.</summary>
public sealed class PdfOptions
{
    public const string Section = "Pdf";

    /// <summary>A program name looked up in PATH, or a full path.</summary>
    public string ChromiumPath { get; set; } = "chromium";

    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>Renders the plan document of an approved version once to PDF with headless Chromium
/// (ADR 010) and stores the bytes with their SHA-256: the same HTML as the document page
/// (<c>_PlanDocument</c>), with the stylesheet inlined and the content hash in every page's header and footer,
/// personal phone numbers left out so the PDF can be filed and shared. Without Chromium the approval
/// stands and the version page offers to render it later.</summary>
public sealed class ApprovalPdf(
    ContinuityDb db, PlanVersions versions, VersionWorkflow workflow, IRazorViewEngine views, ITempDataProvider tempData,
    IServiceProvider services, IOptions<PdfOptions> options, TimeProvider clock, ILogger<ApprovalPdf> logger)
{
    public const string InstallHint = "Install Chromium on the server (Debian and Ubuntu: apt install chromium), or set Pdf__ChromiumPath to where it is.";

    /// <summary>The stored PDF of the version, without its bytes: its SHA-256 and when it was rendered.</summary>
    public Task<(string Sha256, DateTime RenderedUtc)?> FindAsync(long versionId, CancellationToken cancellationToken) =>
        db.ApprovalDocuments.AsNoTracking().Where(d => d.VersionId == versionId)
            .Select(d => ((string Sha256, DateTime RenderedUtc)?)new ValueTuple<string, DateTime>(d.Sha256, d.RenderedUtc))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Renders and stores the PDF of an approved version that has none yet.</summary>
    /// <returns>null when the version has its PDF (now or before); otherwise why not, in words.</returns>
    public async Task<string?> EnsureAsync(Actor actor, PlanScope scope, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await workflow.GetAsync(scope, number, cancellationToken) is not { } state)
        {
            return $"{scope.Title} has no version {number}.";
        }
        var version = state.Version;
        if (version.State is not (VersionState.Approved or VersionState.Published or VersionState.Superseded))
        {
            return $"{version.Label} is {VersionWorkflow.StateWords(version.State)}: the approval PDF is rendered once it is approved.";
        }
        if (await FindAsync(version.Id, cancellationToken) is not null)
        {
            return null;
        }
        var page = await PlanDocumentPage.BuildAsync(versions, state, new HashSet<string>(StringComparer.Ordinal), cancellationToken);
        byte[]? pdf;
        string? problem;
        try
        {
            (pdf, problem) = await PrintAsync(await HtmlAsync(page), cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // The approval is committed; a PDF that cannot be made is reported, never a failed sign-off.
            logger.LogError(e, "The approval PDF of {Version} could not be rendered", version.Label);
            (pdf, problem) = (null, $"The plan document could not be rendered ({e.Message}).");
        }
        if (pdf is null)
        {
            logger.LogWarning("The approval PDF of {Version} was not rendered: {Problem}", version.Label, problem);
            return problem;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var document = new ApprovalDocument(version.Id, pdf, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApprovalDocuments.Add(document);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return null;                // rendered by another request meanwhile: that one is the record
        }
        await AuditLog.AppendAsync(db, now, VersionWorkflow.Record(actor, "plan.version.pdf-rendered", version,
            new FieldChange("sha256", null, $"\"{document.Sha256}\""), new FieldChange("bytes", null, pdf.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The document as one self-contained HTML file: the stylesheet inlined, the print header naming the version and its hash.</summary>
    internal async Task<string> HtmlAsync(PlanDocumentPage page)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var context = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var found = views.GetView(executingFilePath: null, viewPath: "/Pages/Versions/_PlanDocument.cshtml", isMainPage: false);
        if (!found.Success)
        {
            throw new InvalidOperationException("The plan document view is missing: " + string.Join(", ", found.SearchedLocations));
        }
        await using var body = new StringWriter();
        var data = new ViewDataDictionary<PlanDocumentPage>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = page };
        var view = new ViewContext(context, found.View, data, new TempDataDictionary(http, tempData), body, new HtmlHelperOptions());
        await found.View.RenderAsync(view);
        return new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\" style=\"--print-line: ").Append(WebUtility.HtmlEncode(SiteLayout.CssString(page.PrintLine)))
            .Append("; --print-foot: ").Append(WebUtility.HtmlEncode(SiteLayout.CssString(page.PrintFoot))).Append("\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode($"Business continuity plan {page.Version.Label}")).Append("</title>\n<style>\n").Append(Stylesheet.Value).Append("\n</style></head>\n<body><main>\n")
            .Append(body).Append("\n</main></body>\n</html>\n").ToString();
    }

    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        var file = new ManifestEmbeddedFileProvider(typeof(ApprovalPdf).Assembly, "Assets").GetFileInfo("site.css");
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd().Replace("</style", "<\\/style", StringComparison.OrdinalIgnoreCase);
    });

    /// <summary>Prints the HTML to PDF with headless Chromium.</summary>
    internal async Task<(byte[]? Pdf, string? Problem)> PrintAsync(string html, CancellationToken cancellationToken)
    {
        if (ChromiumProgram() is not { } program)
        {
            return (null, $"Chromium is not installed: there is no '{options.Value.ChromiumPath}' program. {InstallHint}");
        }
        var folder = Directory.CreateTempSubdirectory("continuity-pdf-");
        try
        {
            var input = Path.Join(folder.FullName, "plan.html");
            var output = Path.Join(folder.FullName, "plan.pdf");
            await File.WriteAllTextAsync(input, html, cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo(program,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-pdf-header-footer",
                    $"--user-data-dir={Path.Join(folder.FullName, "profile")}", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri,
                ])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    CreateNoWindow = true,
                },
            };
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                return (null, $"Chromium could not be started ({program}: {e.Message}). {InstallHint}");
            }
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            _ = process.StandardOutput.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (null, $"Chromium took longer than {options.Value.TimeoutSeconds} s to print the plan, so it was stopped (Pdf__TimeoutSeconds).");
            }
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                var error = await errors;
                return (null, $"Chromium could not print the plan (exit code {process.ExitCode}: {error.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no message"}).");
            }
            return (await File.ReadAllBytesAsync(output, cancellationToken), null);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile for a moment; the temp folder is cleaned by the system.
            }
        }
    }

    private string? ChromiumProgram()
    {
        var configured = options.Value.ChromiumPath;
        if (Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, configured))
            .FirstOrDefault(File.Exists);
    }
}
