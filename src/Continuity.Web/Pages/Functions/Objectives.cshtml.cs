using System.Security.Claims;
using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Functions;

/// <summary>Changes a business function's recovery objectives (RTO, RPO, MTPD) through the one
/// writer: a new plan revision, an audit entry with each value before → after, and a conflict
/// when someone else changed the function since the form was opened.</summary>
[Authorize(Policy = AccessPolicies.ChangePlan)]
public sealed class ObjectivesModel(ContinuityDb db, PlanWriter writer, CurrentAccess access) : PageModel
{
    [BindProperty]
    public ObjectivesForm Form { get; set; } = new();

    public string Name { get; private set; } = "";

    public string Label { get; private set; } = "";

    /// <summary>Set when the function changed since the form was opened: its values now.</summary>
    public bool ChangedMeanwhile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(name, cancellationToken) is not { } function)
        {
            return NotFound();
        }
        if (!(await access.GetAsync(cancellationToken)).CanChange(ElementKind.BusinessFunction, function.Team))
        {
            return Forbid();
        }
        Form = ObjectivesForm.From(function);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name, CancellationToken cancellationToken)
    {
        if (await LoadAsync(name, cancellationToken) is not { } function)
        {
            return NotFound();
        }
        var user = await access.GetAsync(cancellationToken);
        if (!user.CanChange(ElementKind.BusinessFunction, function.Team))
        {
            return Forbid();
        }

        var rto = Parse(Form.Rto, nameof(Form.Rto));
        var rpo = Parse(Form.Rpo, nameof(Form.Rpo));
        var mtpd = Parse(Form.Mtpd, nameof(Form.Mtpd));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await writer.ChangeObjectivesAsync(new Actor(User.FindFirstValue(ClaimTypes.Email) ?? user.Email ?? "unknown", AuditChannel.Form),
                name, Form.Version, rto, rpo, mtpd, cancellationToken);
        }
        catch (PlanConflictException)
        {
            // Show what is stored now; the person decides again with the current values in view.
            var current = await LoadAsync(name, cancellationToken);
            ChangedMeanwhile = true;
            ModelState.Clear();
            Form = current is null ? Form : ObjectivesForm.From(current) with { };
            return Page();
        }
        catch (PlanValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(FieldOf(error.Field), error.Message);
            }
            return Page();
        }
        TempData["Saved"] = "The recovery objectives were saved; the analysis below is of the changed plan. They need management's approval again.";
        return Redirect($"/functions/{Uri.EscapeDataString(name)}");
    }

    private async Task<FunctionObjectives?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var function = await db.Functions.AsNoTracking()
            .Where(f => f.Name == name)
            .Select(f => new FunctionObjectives(f.Name, f.Title, f.Team, f.Version, f.RtoMinutes, f.RpoMinutes, f.MtpdMinutes))
            .SingleOrDefaultAsync(cancellationToken);
        if (function is not null)
        {
            Name = function.Name;
            Label = string.IsNullOrWhiteSpace(function.Title) ? function.Name : function.Title;
        }
        return function;
    }

    private Duration? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Duration.TryParse(text, out var duration, out var error))
        {
            return duration;
        }
        ModelState.AddModelError($"{nameof(Form)}.{field}", error);
        return null;
    }

    private static string FieldOf(string path) => path switch
    {
        "spec.objectives.rto" => $"{nameof(Form)}.{nameof(ObjectivesForm.Rto)}",
        "spec.objectives.rpo" => $"{nameof(Form)}.{nameof(ObjectivesForm.Rpo)}",
        "spec.objectives.mtpd" => $"{nameof(Form)}.{nameof(ObjectivesForm.Mtpd)}",
        _ => "",
    };
}

public sealed record FunctionObjectives(string Name, string? Title, string? Team, Guid Version, int? RtoMinutes, int? RpoMinutes, int? MtpdMinutes);

public sealed record ObjectivesForm
{
    public string? Rto { get; set; }

    public string? Rpo { get; set; }

    public string? Mtpd { get; set; }

    /// <summary>The function's version when the form was opened (its ETag).</summary>
    public Guid Version { get; set; }

    public static ObjectivesForm From(FunctionObjectives function) => new()
    {
        Rto = Text(function.RtoMinutes),
        Rpo = Text(function.RpoMinutes),
        Mtpd = Text(function.MtpdMinutes),
        Version = function.Version,
    };

    private static string? Text(int? minutes) => minutes is { } value ? new Duration(value).ToString() : null;
}
