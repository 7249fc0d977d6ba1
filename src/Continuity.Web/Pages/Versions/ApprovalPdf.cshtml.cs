using Continuity.Data;
using Continuity.Governance;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Versions;

/// <summary>The approval PDF of a version: the exact bytes stored when it was approved, their SHA-256 in the ETag.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class ApprovalPdfModel(PlanVersions versions, ContinuityDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string scope, int number, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed) || await versions.FindAsync(parsed, number, cancellationToken) is not { } version
            || await db.ApprovalDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.VersionId == version.Id, cancellationToken) is not { } document)
        {
            return NotFound();
        }
        Response.Headers["X-Content-SHA256"] = document.Sha256;
        return new FileContentResult(document.Pdf, "application/pdf")
        {
            FileDownloadName = $"{version.Scope.Replace(':', '-')}-{version.Number}-approved.pdf",
            EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{document.Sha256}\""),
        };
    }
}
