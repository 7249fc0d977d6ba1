using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Functions;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Pages.Systems;
using Continuity.Web.Pages.Vendors;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages;

/// <summary>The overview: the organisation, the scope of its plan, what the plan checks found,
/// and every function (with its target and achievable recovery), system and vendor. A fixed
/// number of queries, however large the plan; the analysis is cached per data version.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis) : PageModel
{
    public FindingsSummary Findings { get; private set; } = null!;

    public IReadOnlyDictionary<string, FunctionRecovery> Recovery { get; private set; } = new Dictionary<string, FunctionRecovery>();

    public OrganisationSummary? Organisation { get; private set; }

    public IReadOnlyList<FunctionRow> Functions { get; private set; } = [];

    public IReadOnlyList<SystemRow> Systems { get; private set; } = [];

    public IReadOnlyList<VendorRow> Vendors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisation = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrganisationSummary(
                o.Name,
                o.Title,
                o.Description,
                o.Scope,
                o.Services,
                o.ReviewIntervalMonths,
                o.Owner,
                db.People.Where(p => p.Name == o.Owner).Select(p => p.Title).FirstOrDefault(),
                // Each count mentions the organisation row, which makes EF Core put it into this
                // query as a subquery; a bare db.Functions.Count() would run as a query of its own.
                new PlanCounts(
                    db.Functions.Count(_ => o.Id == o.Id),
                    db.Systems.Count(_ => o.Id == o.Id),
                    db.Vendors.Count(_ => o.Id == o.Id),
                    db.People.Count(_ => o.Id == o.Id),
                    db.Teams.Count(_ => o.Id == o.Id),
                    db.Risks.Count(_ => o.Id == o.Id),
                    db.Scenarios.Count(_ => o.Id == o.Id),
                    db.Procedures.Count(_ => o.Id == o.Id),
                    db.BackupPolicies.Count(_ => o.Id == o.Id),
                    db.Dependencies.Count(_ => o.Id == o.Id))))
            .FirstOrDefaultAsync(cancellationToken);
        if (Organisation is null)
        {
            return;
        }

        var result = await analysis.GetAsync(db, cancellationToken);
        Findings = RecoveryAnalysis.Findings(result);
        Recovery = RecoveryAnalysis.Functions(result);
        Functions = await FunctionList.LoadAsync(db, cancellationToken);
        Systems = await SystemList.LoadAsync(db, cancellationToken);
        Vendors = await VendorList.LoadAsync(db, cancellationToken);
    }
}

public sealed record OrganisationSummary(
    string Name, string? Title, string? Description, string? Scope, IReadOnlyList<ServiceInScope> Services,
    int ReviewIntervalMonths, string? Owner, string? OwnerTitle, PlanCounts Counts)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Title) ? Name : Title;
}

public sealed record PlanCounts(
    int Functions, int Systems, int Vendors, int People, int Teams,
    int Risks, int Scenarios, int Procedures, int BackupPolicies, int Dependencies);
