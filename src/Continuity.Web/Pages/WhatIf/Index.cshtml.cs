using Continuity.Checks;
using Continuity.Data;
using Continuity.Impact;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.WhatIf;

/// <summary>What if regions, sites, vendors or systems fail? The business functions that go down
/// or run degraded, when each breaches its RTO and MTPD, its impact over time, the scenarios and
/// procedures that apply, and the recovery schedule under the teams' restore capacity as a Gantt
/// chart — the report of <c>continuity impact --fail …</c>, from the same code. The question is
/// in the URL (<c>?fail=region:eu-west-1&amp;fail=vendor:acme</c>) so it can be shared.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class IndexModel(ContinuityDb db, AnalysisCache analysis, WhatIfCache answers) : PageModel
{
    public const int FunctionsPerPage = 50;
    public const int RestoresPerPage = 100;
    public const int SystemsInList = 100;
    public const int TagsInList = 300;

    /// <summary>The failures asked for, in URL form, without blanks or repeats.</summary>
    public IReadOnlyList<string> Failures { get; private set; } = [];

    /// <summary>The answer; null when nothing is asked yet.</summary>
    public ImpactReport? Report { get; private set; }

    /// <summary>For each failure that names nothing: what is wrong and the closest names (URL form).</summary>
    public IReadOnlyList<(string Written, string Message, IReadOnlyList<string> Closest)> Problems { get; private set; } = [];

    /// <summary>The form's list of regions, sites and vendors, then systems (URL form, label).</summary>
    public IReadOnlyList<Suggestion> Choices { get; private set; } = [];

    public IReadOnlyList<FunctionImpact> FunctionsPage { get; private set; } = [];

    public int FunctionPage { get; private set; } = 1;

    public int Pages { get; private set; } = 1;

    public int SchedulePage { get; private set; } = 1;

    public int SchedulePages { get; private set; } = 1;

    /// <summary>The restores of the schedule page, timed from the failure / from the end of the open-ended outage.</summary>
    public IReadOnlyList<ScheduledRestore> Restores { get; private set; } = [];

    public GanttChart? FromFailure { get; private set; }

    public GanttChart? FromOutageEnd { get; private set; }

    public string CliEquivalent => WhatIfQuery.CliEquivalent(Failures);

    /// <summary>The page with these failures, less one (for the form's remove buttons).</summary>
    public string Without(string failure) => WhatIfQuery.Href(Failures.Where(f => f != failure));

    /// <summary>This what-if on another page of its functions or schedule.</summary>
    public string PageHref(int page, int schedulePage)
    {
        var href = WhatIfQuery.Href(Failures);
        var separator = href.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        if (page > 1)
        {
            href += $"{separator}page={page}";
            separator = "&";
        }
        if (schedulePage > 1)
        {
            href += $"{separator}schedule={schedulePage}";
        }
        return href + (schedulePage != SchedulePage ? "#schedule" : page != FunctionPage ? "#functions" : "");
    }

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "fail")] string?[]? fail,
        [FromQuery(Name = "add")] string? add,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "schedule")] string? schedule,
        CancellationToken cancellationToken)
    {
        var requested = (fail ?? []).ToList();
        if (!string.IsNullOrWhiteSpace(add))
        {
            // The form's "Add" submits the current failures and the new one; answer at the clean URL.
            requested.Add(add);
            return Redirect(WhatIfQuery.Href(WhatIfQuery.Normalise(requested)));
        }
        Failures = WhatIfQuery.Normalise(requested);

        var result = await analysis.GetAsync(db, cancellationToken);
        var model = result.Impact ?? throw new InvalidOperationException("The analysis cache prepares the impact model.");
        var snapshot = model.Snapshot;
        Choices = [.. WhatIfQuery.PlaceAndVendorTags(snapshot, TagsInList).Select(t => new Suggestion(t, "")),
            .. SystemsByTier(snapshot).Take(SystemsInList)];

        if (Failures.Count == 0)
        {
            return Page();
        }

        var report = answers.Get(model, [.. Failures.Select(WhatIfQuery.ToSelector)]);
        Report = report;
        if (!report.IsValid)
        {
            Problems = [.. report.Problems.Select(p => (WhatIfQuery.ToUrlValue(p.Written), p.Message, WhatIfQuery.CloseMatches(snapshot, p.Written)))];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Pages = Math.Max(1, (report.Functions.Count + FunctionsPerPage - 1) / FunctionsPerPage);
        FunctionPage = Math.Clamp(ParsePage(page), 1, Pages);
        FunctionsPage = [.. report.Functions.Skip((FunctionPage - 1) * FunctionsPerPage).Take(FunctionsPerPage)];

        if (report.Recovery is { } recovery)
        {
            // The schedule reads first the restores timed from the failure, then those after an open-ended outage.
            var ordered = recovery.Schedule.Where(r => !r.AfterOutage).Concat(recovery.Schedule.Where(r => r.AfterOutage)).ToList();
            SchedulePages = Math.Max(1, (ordered.Count + RestoresPerPage - 1) / RestoresPerPage);
            SchedulePage = Math.Clamp(ParsePage(schedule), 1, SchedulePages);
            Restores = [.. ordered.Skip((SchedulePage - 1) * RestoresPerPage).Take(RestoresPerPage)];
            var suffix = SchedulePages > 1 ? $" (page {SchedulePage} of {SchedulePages})" : "";
            var fromFailure = Restores.Where(r => !r.AfterOutage).ToList();
            if (fromFailure.Count > 0)
            {
                var end = recovery.Schedule.Where(r => !r.AfterOutage).Max(r => r.Finish);
                var rtos = report.Functions.Where(f => f.Rto is not null).Select(f => (f.Rto!.Minutes, f.Id)).ToList();
                FromFailure = GanttChart.Build("Recovery schedule from the failure" + suffix, fromFailure, end, rtos, fromOutageEnd: false);
            }
            var afterOutage = Restores.Where(r => r.AfterOutage).ToList();
            if (afterOutage.Count > 0)
            {
                var end = recovery.Schedule.Where(r => r.AfterOutage).Max(r => r.Finish);
                FromOutageEnd = GanttChart.Build("Recovery schedule once the open-ended outage ends" + suffix, afterOutage, end, [], fromOutageEnd: true);
            }
        }
        return Page();
    }

    private static int ParsePage(string? value) => int.TryParse(value, out var number) ? number : 1;

    private static IEnumerable<Suggestion> SystemsByTier(Snapshots.PlanSnapshot snapshot)
    {
        var range = snapshot.NodesOf(Analysis.NodeKind.System);
        var nodes = new List<int>();
        for (var node = range.Start.Value; node < range.End.Value; node++)
        {
            nodes.Add(node);
        }
        return nodes
            .OrderBy(n => snapshot.Tiers[n] == 0 ? int.MaxValue : snapshot.Tiers[n])
            .ThenBy(n => snapshot.Ids[n], StringComparer.Ordinal)
            .Select(n => new Suggestion(snapshot.Ids[n], snapshot.Titles[n]));
    }
}
