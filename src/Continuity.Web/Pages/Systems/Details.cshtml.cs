using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Systems;

/// <summary>One system: ownership, hosting, objectives and restore evidence, dependencies and
/// the backup policies that cover it.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class DetailsModel(ContinuityDb db, AnalysisCache analysis, CurrentAccess access) : PageModel
{
    public SystemDetails System { get; private set; } = null!;

    public DependencyView Dependencies { get; private set; } = null!;

    public IReadOnlyList<BackupRow> Backups { get; private set; } = [];

    public string OrganisationName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        var system = await db.Systems.AsNoTracking()
            .Where(s => s.Name == name)
            .Select(s => new SystemDetails(
                s.Name, s.Title, s.Description, s.Type, s.Team, s.Owner, s.BusinessOwner, s.TechnicalOwner, s.Vendor,
                s.HostingProvider, s.HostingSites, s.HostingZones, s.DataClassification, s.Tier,
                s.RtoMinutes, s.RpoMinutes, s.RtoByDisruption,
                s.RestoreEstimatedMinutes, s.RestoreMeasuredMinutes, s.RestoreConfidence, s.ReplicationLagMinutes, s.Labels))
            .SingleOrDefaultAsync(cancellationToken);
        if (system is null)
        {
            return NotFound();
        }
        System = system;

        OrganisationName = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => o.Title ?? o.Name)
            .FirstOrDefaultAsync(cancellationToken) ?? "";

        Backups = await db.BackupPolicies.AsNoTracking()
            .Where(b => b.System == name)
            .OrderBy(b => b.Name)
            .Select(b => new BackupRow(b.Name, b.Title, b.Method, b.FrequencyMinutes, b.RetentionMinutes, b.Encrypted,
                b.StorageSite, b.StorageLocation, b.OffsiteSite, b.OffsiteLocation,
                b.LocalFullBackupFrequencyMinutes, b.RestoreValidationMethod, b.RestoreValidationFrequencyMinutes, b.Tool))
            .ToListAsync(cancellationToken);

        var result = await analysis.GetAsync(db, cancellationToken);
        Dependencies = DependencyView.Of(result.Catalog!, ElementKind.System, system.Name);
        Panel = ElementPanel.Of(result, await access.GetAsync(cancellationToken), ElementKind.System, name, Request.Query);
        return Page();
    }

    /// <summary>Relationships both ways, the functions that need it, its findings and the actions
    /// the user may take (null while the analysis lags a write).</summary>
    public ElementPanel? Panel { get; private set; }
}

public sealed record SystemDetails(
    string Name, string? Title, string? Description, SystemType Type, string? Team, string? Owner,
    string? BusinessOwner, string? TechnicalOwner, string? Vendor,
    string? HostingProvider, IReadOnlyList<string> HostingSites, IReadOnlyList<string> HostingZones,
    DataClassification? DataClassification, int Tier,
    int? RtoMinutes, int? RpoMinutes, IReadOnlyDictionary<string, Duration> RtoByDisruption,
    int? RestoreEstimatedMinutes, int? RestoreMeasuredMinutes, Confidence? RestoreConfidence, int? ReplicationLagMinutes,
    IReadOnlyDictionary<string, string> Labels)
{
    public string DisplayName => Format.Title(Title, Name);

    /// <summary>The measured restore where a test measured one, else the estimate.</summary>
    public int? ExpectedRestoreMinutes => RestoreMeasuredMinutes ?? RestoreEstimatedMinutes;

    public bool RestoreExceedsRto => RtoMinutes is { } rto && ExpectedRestoreMinutes is { } restore && restore > rto;
}

public sealed record BackupRow(
    string Name, string? Title, BackupMethod Method, int? FrequencyMinutes, int? RetentionMinutes, bool Encrypted,
    string? StorageSite, string? StorageLocation, string? OffsiteSite, string? OffsiteLocation,
    int? LocalFullBackupFrequencyMinutes, string? RestoreValidationMethod, int? RestoreValidationFrequencyMinutes, string? Tool)
{
    public string DisplayName => Format.Title(Title, Name);
}
