using System.Text.RegularExpressions;
using Continuity.Accounts;
using Continuity.Audit;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Store;
using Continuity.Web.Api;
using Continuity.Web.Pages.Shared;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Forms;

/// <summary>Creates or changes an element of any kind (and the organisation) in a form generated from
/// the plan model (<see cref="FormEngine"/>), through the one writer: a stale form shows what the
/// other person changed and keeps the user's input; errors land next to their input.</summary>
[Authorize(Policy = AccessPolicies.ChangePlan)]
public sealed partial class EditModel(ContinuityDb db, PlanWriter writer, CurrentAccess access) : PageModel
{
    public ElementKind Kind { get; private set; }

    public bool IsNew { get; private set; }

    public string Name { get; private set; } = "";

    public string Label { get; private set; } = "";

    /// <summary>The element's version (ETag) when the form was opened, or, after a conflict, now.</summary>
    public Guid? Version { get; private set; }

    /// <summary>The plan revision when the form was first opened: the base that tells their changes
    /// from the user's when a save turns out to be stale.</summary>
    public long? OpenedAt { get; private set; }

    public string FormHtml { get; private set; } = "";

    public List<string> Problems { get; } = [];

    /// <summary>Set when someone else saved the element since the form was opened: field by field,
    /// their value and the user's.</summary>
    public List<ConflictRow>? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? name, CancellationToken cancellationToken)
    {
        if (!await ResolveAsync(name, cancellationToken))
        {
            return NotFound();
        }
        var user = await access.GetAsync(cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsNew)
        {
            if (!MayCreate(user))
            {
                return Forbid();
            }
            if (LockedTeams(user) is [var first, ..])
            {
                values["spec.team"] = first;
            }
        }
        else
        {
            var found = await ElementSet.Of(Kind).FindAsync(db, Name, cancellationToken);
            if (found is null)
            {
                return NotFound();
            }
            if (!user.CanChange(Kind, await PlanWriteApi.TeamAsync(found.Document, db, cancellationToken)))
            {
                return Forbid();
            }
            if (await HidesPersonalContactsAsync(user, cancellationToken))
            {
                ContactPrivacy.WithoutPersonalContacts((PersonSpec)found.Document.Spec);     // not in the page at all
            }
            values = FormEngine.ValuesOf(found.Document);
            Version = found.Version;
            OpenedAt = await writer.CurrentRevisionAsync(cancellationToken);
            Label = found.Document.Metadata.Title is { Length: > 0 } title ? title : Name;
        }
        await RenderAsync(values, [], user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, CancellationToken cancellationToken)
    {
        if (!await ResolveAsync(name, cancellationToken))
        {
            return NotFound();
        }
        var user = await access.GetAsync(cancellationToken);
        var found = IsNew ? null : await ElementSet.Of(Kind).FindAsync(db, Name, cancellationToken);
        if (!IsNew && found is null)
        {
            return NotFound();
        }
        if (IsNew ? !MayCreate(user) : !user.CanChange(Kind, await PlanWriteApi.TeamAsync(found!.Document, db, cancellationToken)))
        {
            return Forbid();
        }
        Label = found?.Document.Metadata.Title is { Length: > 0 } title ? title : Name;
        Version = Guid.TryParse(Request.Form["_version"], out var version) ? version : null;
        OpenedAt = long.TryParse(Request.Form["_opened"], out var opened) ? opened : null;
        var values = FormEngine.FromPost(Request.Form);
        if (!IsNew)
        {
            values["metadata.name"] = Name;         // the name is the id: renaming is creating anew
        }

        if (Request.Form["_add"].FirstOrDefault() is { Length: > 0 } list)
        {
            FormEngine.Add(values, list);
            await RenderAsync(values, [], user, cancellationToken);
            return Page();
        }
        if (Request.Form["_remove"].FirstOrDefault() is { Length: > 0 } item)
        {
            FormEngine.Remove(values, item);
            await RenderAsync(values, [], user, cancellationToken);
            return Page();
        }

        var (posted, errors) = FormEngine.Bind(Kind, values);
        if (posted is null)
        {
            await RenderAsync(values, errors, user, cancellationToken);
            return Page();
        }
        var document = FormEngine.WithKeptValues(posted, found?.Document);
        // Personal numbers the user may not see were not in the form: they are kept as stored, not erased
        // (and not set from a crafted post either).
        if (found?.Document.Spec is PersonSpec stored && document.Spec is PersonSpec changed && await HidesPersonalContactsAsync(user, cancellationToken))
        {
            changed.Phones.Mobile = stored.Phones.Mobile;
            changed.Phones.Alternate = stored.Phones.Alternate;
        }
        if (!user.CanChange(Kind, await PlanWriteApi.TeamAsync(document, db, cancellationToken)))
        {
            return Forbid();            // the element would move to a team the user does not lead
        }
        try
        {
            await writer.ReplaceElementAsync(new Actor(user.Email ?? user.UserId.ToString(), AuditChannel.Form), document,
                IsNew ? null : Version ?? Guid.Empty, cancellationToken);
        }
        catch (PlanConflictException conflict)
        {
            if (IsNew)
            {
                await RenderAsync(values, [new FieldError("metadata.name", $"There is already a {ElementRoutes.SingularTitle(Kind)} named '{document.Name}'; choose another name, or edit that one.")], user, cancellationToken);
                return Page();
            }
            var current = await ElementSet.Of(Kind).FindAsync(db, Name, cancellationToken);
            if (current is null)
            {
                Problems.Add(conflict.Message);
                await RenderAsync(values, [], user, cancellationToken);
                return Page();
            }
            var changedBy = await ChangedSinceOpenedAsync(current.Document, document, cancellationToken);
            if (await HidesPersonalContactsAsync(user, cancellationToken))
            {
                ContactPrivacy.WithoutPersonalContacts((PersonSpec)current.Document.Spec);
                ContactPrivacy.WithoutPersonalContacts((PersonSpec)document.Spec);
            }
            Conflict = Differences(FormEngine.ValuesOf(current.Document), FormEngine.ValuesOf(document), changedBy);
            Version = current.Version;          // "save mine over theirs" submits against their version
            OpenedAt = await writer.CurrentRevisionAsync(cancellationToken);
            await RenderAsync(values, [], user, cancellationToken);
            return Page();
        }
        catch (PlanValidationException invalid)
        {
            await RenderAsync(values, invalid.Errors, user, cancellationToken);
            return Page();
        }
        TempData["Saved"] = IsNew
            ? $"The {ElementRoutes.SingularTitle(Kind)} {document.Name} was created."
            : $"Your changes to the {ElementRoutes.SingularTitle(Kind)} were saved.";
        return Redirect(ElementRoutes.Details(Kind, document.Name));
    }

    private async Task<bool> ResolveAsync(string? name, CancellationToken ct)
    {
        if (FormRoutes.KindOf(Request.Path) is not { } kind)
        {
            return false;
        }
        Kind = kind;
        if (kind == ElementKind.Organisation)
        {
            // One organisation per plan; its form changes it.
            Name = await db.Organisations.AsNoTracking().Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
            IsNew = false;
            return Name.Length > 0;
        }
        IsNew = name is null;
        Name = name ?? "";
        Label = Name;
        return true;
    }

    /// <summary>Whether the person edited here has personal contact details (mobile, alternate phone)
    /// the user may not see (<see cref="ContactPrivacy"/>, ADR 006): then the form neither shows nor changes them.</summary>
    private async Task<bool> HidesPersonalContactsAsync(UserAccess user, CancellationToken ct)
    {
        if (Kind != ElementKind.Person || IsNew)
        {
            return false;
        }
        _hidesPersonalContacts ??= !ContactPrivacy.MaySee(await ContactPrivacy.PeopleVisibleToAsync(db, user, ct), Name);
        return _hidesPersonalContacts.Value;
    }

    private bool? _hidesPersonalContacts;

    /// <summary>A continuity manager creates anything; a team lead the team-owned kinds, for a team they lead.</summary>
    private bool MayCreate(UserAccess user) =>
        user.CanChange(Kind, null) || user.LeadsTeams.Any(team => user.CanChange(Kind, team));

    /// <summary>The teams a team lead may give a new or changed element with a team field; null for everybody else.</summary>
    private IReadOnlyList<string>? LockedTeams(UserAccess user) =>
        user.Holds(AccessRole.ContinuityManager) || TypeShape.Of(PlanDocument.SpecType(Kind)).Property("team") is not { } team
            || team.Type.Shape != ValueShape.Reference
            ? null
            : [.. user.LeadsTeams.Order(StringComparer.Ordinal)];

    private async Task RenderAsync(Dictionary<string, string> values, IEnumerable<FieldError> errors, UserAccess user, CancellationToken ct)
    {
        var byField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            var field = error.Field.Length > 0 ? error.Field : PathInMessage().Match(error.Message) is { Success: true } m ? m.Groups[1].Value : "";
            if (!byField.TryGetValue(field, out var messages))
            {
                byField[field] = messages = [];
            }
            messages.Add(error.Message);
        }
        var names = await FormNames.LoadAsync(db, FormNames.ReferencedBy(Kind), ct);
        if (await HidesPersonalContactsAsync(user, ct))
        {
            values.Remove("spec.phones.mobile");
            values.Remove("spec.phones.alternate");
        }
        var hidden = await HidesPersonalContactsAsync(user, ct) ? PersonalContactFields : null;
        var (html, unplaced) = FormRenderer.Render(new FormState(Kind, IsNew, values, byField, names, LockedTeams(user), hidden));
        FormHtml = html;
        Problems.AddRange(unplaced);
    }

    private static readonly IReadOnlySet<string> PersonalContactFields = new HashSet<string>(StringComparer.Ordinal) { "spec.phones.mobile", "spec.phones.alternate" };

    private static List<ConflictRow> Differences(Dictionary<string, string> theirs, Dictionary<string, string> mine, Func<string, string?> changedBy) =>
        [.. theirs.Keys.Union(mine.Keys)
            .Where(key => !key.StartsWith(FormEngine.CountPrefix, StringComparison.Ordinal))
            .Where(key => theirs.GetValueOrDefault(key) != mine.GetValueOrDefault(key))
            .Order(StringComparer.Ordinal)
            .Select(key => new ConflictRow(key, theirs.GetValueOrDefault(key), mine.GetValueOrDefault(key), changedBy(key)))];

    /// <summary>Who changed a field since the form was opened — "them", "you" or "both" — from the
    /// element's content at that revision (its element version, ADR 007); null when that is unknown.</summary>
    private async Task<Func<string, string?>> ChangedSinceOpenedAsync(PlanDocument stored, PlanDocument mine, CancellationToken ct)
    {
        if (OpenedAt is not { } opened)
        {
            return _ => null;
        }
        var versions = await db.ElementVersions.AsNoTracking()
            .Where(v => v.Kind == Kind && v.Name == Name && v.Revision <= opened)
            .OrderByDescending(v => v.Revision)
            .Select(v => v.Document)
            .Take(1)
            .ToListAsync(ct);
        if (versions is not [{ } baseline])
        {
            return _ => null;
        }
        var theirs = FieldDiff.Fields(baseline, CanonicalPlanJson.Of(stored)).ToList();
        var yours = FieldDiff.Fields(baseline, CanonicalPlanJson.Of(mine)).ToList();
        // A changed list is one change at the list's path; a form field inside it counts as changed.
        static bool Within(string key, List<string> changed) => changed.Any(field =>
            key == field || (key.StartsWith(field, StringComparison.Ordinal) && key.Length > field.Length && key[field.Length] is '.' or '['));
        return key => (Within(key, theirs), Within(key, yours)) switch
        {
            (true, true) => "both",
            (true, false) => "them",
            (false, true) => "you",
            _ => null,
        };
    }

    [GeneratedRegex(@"'((?:metadata|spec)(?:\.[A-Za-z][A-Za-z0-9-]*|\[\d+\])+)'")]
    private static partial Regex PathInMessage();
}

/// <summary>One field that differs between what is stored now and the user's input, and who changed
/// it since the form was opened ("them", "you", "both"; null when the history is unknown).</summary>
public sealed record ConflictRow(string Field, string? Theirs, string? Mine, string? ChangedBy = null);
