using System.Globalization;
using System.Security.Claims;
using Continuity.Audit;
using Continuity.Data;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Bia;

/// <summary>The business impact analysis of one function as a form: a rating per impact category
/// and time point, the money lost by each time point, and the MTPD with the one the analysis
/// suggests (<see cref="BiaRules.FirstIntolerable"/>, the rule check CT109 holds the MTPD
/// against). Saved as the function's document through the one writer, with the function's
/// version as ETag.</summary>
[Authorize(Policy = AccessPolicies.ChangePlan)]
public sealed class EditorModel(ContinuityDb db, PlanWriter writer, CurrentAccess access) : PageModel
{
    [BindProperty]
    public BiaForm Form { get; set; } = new();

    public string Name { get; private set; } = "";

    public string Label { get; private set; } = "";

    public string Currency { get; private set; } = "";

    public ImpactRating IntolerableFrom { get; private set; }

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<Duration> TimePoints { get; private set; } = [];

    /// <summary>The function's RTO as stored, for the RTO ≥ MTPD warning.</summary>
    public Duration? Rto { get; private set; }

    /// <summary>The MTPD the grid in the form suggests (null: no rating is intolerable).</summary>
    public IntolerablePoint? Suggestion { get; private set; }

    /// <summary>Set when someone changed the function since the form was opened: what differs
    /// between the stored function and the input, which the form keeps.</summary>
    public IReadOnlyList<string>? Conflict { get; private set; }

    public static string CellKey(string category, Duration at) => $"{category}|{at.Minutes.ToString(CultureInfo.InvariantCulture)}";

    public static string PointKey(Duration at) => at.Minutes.ToString(CultureInfo.InvariantCulture);

    /// <summary>The MTPD in the form, when it parses: for the RTO ≥ MTPD warning.</summary>
    public Duration? FormMtpd => Form.Mtpd is { } text && Duration.TryParse(text, out var mtpd, out _) ? mtpd : null;

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(name, cancellationToken) is not { } loaded)
        {
            return NotFound();
        }
        if (!(await access.GetAsync(cancellationToken)).CanChange(ElementKind.BusinessFunction, loaded.Team))
        {
            return Forbid();
        }
        Form = BiaForm.From(loaded.Spec, loaded.Version, Categories, TimePoints);
        Suggestion = BiaRules.FirstIntolerable(loaded.Spec, loaded.Scales);
        return Page();
    }

    /// <summary>Recomputes the suggestion from the grid as entered and puts it in the MTPD field; saves nothing.</summary>
    public async Task<IActionResult> OnPostSuggestAsync(string name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(name, cancellationToken) is not { } loaded)
        {
            return NotFound();
        }
        if (!(await access.GetAsync(cancellationToken)).CanChange(ElementKind.BusinessFunction, loaded.Team))
        {
            return Forbid();
        }
        var spec = new BusinessFunctionSpec();
        Apply(spec);
        Suggestion = BiaRules.FirstIntolerable(spec, loaded.Scales);
        ModelState.Clear();
        if (Suggestion is { } suggestion)
        {
            Form.Mtpd = suggestion.At.ToString();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(name, cancellationToken) is not { } loaded)
        {
            return NotFound();
        }
        var user = await access.GetAsync(cancellationToken);
        if (!user.CanChange(ElementKind.BusinessFunction, loaded.Team))
        {
            return Forbid();
        }
        var spec = loaded.Spec;
        Apply(spec);
        Suggestion = BiaRules.FirstIntolerable(spec, loaded.Scales);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await writer.ReplaceElementAsync(new Actor(User.FindFirstValue(ClaimTypes.Email) ?? user.Email ?? "unknown", AuditChannel.Form),
                loaded.Document, Form.Version, cancellationToken);
        }
        catch (PlanConflictException)
        {
            // Keep what the person entered; say what is stored now; a second save overwrites it knowingly.
            var current = await LoadAsync(name, cancellationToken);
            Conflict = current is null ? ["The function was removed meanwhile."] : Differences(current.Spec);
            Form.Version = current?.Version ?? Form.Version;
            return Page();
        }
        catch (PlanValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(error.Field.EndsWith("objectives.mtpd", StringComparison.Ordinal) ? $"{nameof(Form)}.{nameof(BiaForm.Mtpd)}" : "",
                    error.Message);
            }
            return Page();
        }
        TempData["Saved"] = "The business impact analysis was saved; the analysis below is of the changed plan.";
        return Redirect($"/functions/{Uri.EscapeDataString(name)}");
    }

    /// <summary>Reads the grid, the losses and the MTPD of the form into <paramref name="spec"/>,
    /// with an error at each field that is not a rating, an amount or a duration.</summary>
    private void Apply(BusinessFunctionSpec spec)
    {
        spec.Impact = [];
        foreach (var category in Categories)
        {
            foreach (var at in TimePoints)
            {
                var key = CellKey(category, at);
                var text = Form.Cells.GetValueOrDefault(key);
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }
                if (!Enum.TryParse<ImpactRating>(text, ignoreCase: true, out var rating) || !Enum.IsDefined(rating))
                {
                    ModelState.AddModelError($"{nameof(Form)}.{nameof(BiaForm.Cells)}[{key}]", $"'{text}' is not a rating of {category} at {at}: choose minimal, minor, moderate, major or severe, or leave it unrated.");
                    continue;
                }
                (spec.Impact.TryGetValue(category, out var row) ? row : spec.Impact[category] = [])[at] = rating;
            }
        }
        spec.FinancialLoss = [];
        foreach (var at in TimePoints)
        {
            var key = PointKey(at);
            var text = Form.Losses.GetValueOrDefault(key)?.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                ModelState.AddModelError($"{nameof(Form)}.{nameof(BiaForm.Losses)}[{key}]", $"The loss at {at} must be a whole amount in {Currency} without decimals (for example 25000), or empty.");
                continue;
            }
            spec.FinancialLoss[at] = amount;
        }
        if (string.IsNullOrWhiteSpace(Form.Mtpd))
        {
            (spec.Objectives ??= new RecoveryObjectives()).Mtpd = null;
        }
        else if (Duration.TryParse(Form.Mtpd, out var mtpd, out var error))
        {
            (spec.Objectives ??= new RecoveryObjectives()).Mtpd = mtpd;
        }
        else
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(BiaForm.Mtpd)}", error);
        }
    }

    private List<string> Differences(BusinessFunctionSpec stored)
    {
        var storedForm = BiaForm.From(stored, Guid.Empty, Categories, TimePoints);
        var differences = new List<string>();
        foreach (var category in Categories)
        {
            foreach (var at in TimePoints)
            {
                var key = CellKey(category, at);
                var now = storedForm.Cells.GetValueOrDefault(key) ?? "";
                var yours = Form.Cells.GetValueOrDefault(key) ?? "";
                if (!string.Equals(now, yours, StringComparison.OrdinalIgnoreCase))
                {
                    differences.Add($"{category} at {at}: stored now {Shown(now)}, yours {Shown(yours)}");
                }
            }
        }
        foreach (var at in TimePoints)
        {
            var key = PointKey(at);
            var now = storedForm.Losses.GetValueOrDefault(key) ?? "";
            var yours = (Form.Losses.GetValueOrDefault(key) ?? "").Trim();
            if (now != yours)
            {
                differences.Add($"loss at {at}: stored now {Shown(now)}, yours {Shown(yours)}");
            }
        }
        if ((storedForm.Mtpd ?? "") != (Form.Mtpd ?? "").Trim())
        {
            differences.Add($"MTPD: stored now {Shown(storedForm.Mtpd ?? "")}, yours {Shown(Form.Mtpd ?? "")}");
        }
        return differences.Count == 0 ? ["Other parts of the function changed (not the grid, the losses or the MTPD)."] : differences;
    }

    private static string Shown(string value) => value.Length == 0 ? "nothing" : value.ToLowerInvariant();

    private sealed record Loaded(PlanDocument Document, string? Team, Guid Version, ImpactScales Scales)
    {
        public BusinessFunctionSpec Spec => (BusinessFunctionSpec)Document.Spec;
    }

    /// <summary>The function as a plan document (five queries: function, its ratings, losses and
    /// dependencies, the organisation), and the scales of the grid.</summary>
    private async Task<Loaded?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var function = await db.Functions.AsNoTracking().SingleOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return null;
        }
        var impact = await db.FunctionImpacts.AsNoTracking().Where(i => i.FunctionId == function.Id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var losses = await db.FinancialLosses.AsNoTracking().Where(l => l.FunctionId == function.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
        var dependencies = await db.Dependencies.AsNoTracking().Where(d => d.FunctionId == function.Id).OrderBy(d => d.Position).ToListAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().Select(o => new { o.Currency, o.ImpactScales }).FirstOrDefaultAsync(cancellationToken);
        var scales = organisation?.ImpactScales ?? new ImpactScales();
        var document = function.ToDocument(impact, losses, dependencies);
        var spec = (BusinessFunctionSpec)document.Spec;

        Name = function.Name;
        Label = string.IsNullOrWhiteSpace(function.Title) ? function.Name : function.Title;
        Currency = organisation?.Currency ?? "USD";
        IntolerableFrom = scales.IntolerableFrom;
        // The organisation's categories in its order, then any others the grid rates (the plan's rules refuse those on save).
        Categories = [.. scales.Categories.Concat(spec.Impact.Keys.Where(k => !scales.Categories.Contains(k)).Order(StringComparer.Ordinal))];
        TimePoints = [.. scales.TimePoints.Distinct().Order()];
        Rto = spec.Objectives?.Rto;
        return new Loaded(document, function.Team, function.Version, scales);
    }
}

/// <summary>What the BIA form posts: each cell by "category|minutes", each loss by minutes, the MTPD, the ETag.</summary>
public sealed class BiaForm
{
    public Dictionary<string, string?> Cells { get; set; } = [];

    public Dictionary<string, string?> Losses { get; set; } = [];

    public string? Mtpd { get; set; }

    public Guid Version { get; set; }

    public static BiaForm From(BusinessFunctionSpec spec, Guid version, IReadOnlyList<string> categories, IReadOnlyList<Duration> timePoints)
    {
        var form = new BiaForm { Version = version, Mtpd = spec.Objectives?.Mtpd?.ToString() };
        foreach (var category in categories)
        {
            foreach (var at in timePoints)
            {
                if (spec.Impact.TryGetValue(category, out var row) && row.TryGetValue(at, out var rating))
                {
                    form.Cells[EditorModel.CellKey(category, at)] = rating.ToString().ToLowerInvariant();
                }
            }
        }
        foreach (var at in timePoints)
        {
            if (spec.FinancialLoss.TryGetValue(at, out var amount))
            {
                form.Losses[EditorModel.PointKey(at)] = amount.ToString(CultureInfo.InvariantCulture);
            }
        }
        return form;
    }
}
