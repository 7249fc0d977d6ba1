using Continuity.Accounts;
using Continuity.Data;
using Continuity.Governance;
using Continuity.PlanFiles;
using Continuity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Continuity.Web.Pages.Versions;

/// <summary>The role view of a version (ADR 010): one person's roles, steps and contacts in it —
/// the signed-in user's own by default — read from the version's snapshot.</summary>
[Authorize(Policy = AccessPolicies.ReadPlan)]
public sealed class RoleModel(PlanVersions versions, ContinuityDb db, CurrentAccess current) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    public PlanVersion Version { get; private set; } = null!;

    public RoleView? View { get; private set; }

    /// <summary>The people of the version, for choosing whose view to read.</summary>
    public IReadOnlyList<(string Name, string Label)> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string scope, int number, CancellationToken cancellationToken)
    {
        if (!PlanScope.TryParse(scope, out var parsed) || await versions.FindAsync(parsed, number, cancellationToken) is not { } version)
        {
            return NotFound();
        }
        Version = version;
        var access = await current.GetAsync(cancellationToken);
        var visible = await ContactPrivacy.PeopleVisibleToAsync(db, access, cancellationToken);
        var plan = VersionSnapshot.Read(ContactPrivacy.WithoutPersonalContacts(version.Content, visible));
        People = [.. plan.OfKind(ElementKind.Person).Select(p => (p.Name, p.Metadata.Title ?? p.Name)).OrderBy(p => p.Item2, StringComparer.OrdinalIgnoreCase)];
        Person = string.IsNullOrWhiteSpace(Person) ? access.PersonName : Person.Trim();
        if (Person is not null)
        {
            View = new RoleView(plan, Person);
        }
        return Page();
    }
}
