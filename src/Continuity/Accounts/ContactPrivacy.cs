using Continuity.Data;
using Continuity.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Accounts;

/// <summary>Who may see a person's personal contact details (mobile and alternate phone; the work
/// e-mail and work phone are business contacts everyone who reads the plan sees). ADR 006:
/// continuity managers, auditors, the person, and the people who may have to call them in a
/// disruption — holders of a continuity role that acts in the same procedure, or that appears
/// (or whose holder appears) in the same call tree. One rule for pages, API and exports.</summary>
public static class ContactPrivacy
{
    /// <summary>The people whose personal contact details <paramref name="access"/> may see besides
    /// their own; everyone when <see cref="UserAccess.SeesAllPrivateContacts"/> (then null).</summary>
    public static async Task<IReadOnlySet<string>?> PeopleVisibleToAsync(ContinuityDb db, UserAccess access, CancellationToken cancellationToken)
    {
        if (access.SeesAllPrivateContacts)
        {
            return null;
        }
        if (access.PersonName is not { } me)
        {
            return new HashSet<string>();
        }

        // Who holds which role, and which roles I hold.
        var holdings = await db.RoleHolders.AsNoTracking()
            .Join(db.RoleAssignments, h => h.AssignmentId, a => a.Id, (h, a) => new { h.Person, a.RoleId })
            .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => new { x.Person, Role = r.Name })
            .ToListAsync(cancellationToken);
        var holders = holdings.ToLookup(h => h.Role, h => h.Person);
        var myRoles = holdings.Where(h => h.Person == me).Select(h => h.Role).ToHashSet(StringComparer.Ordinal);

        var visible = new HashSet<string>(StringComparer.Ordinal) { me };
        void AddRole(string role) => visible.UnionWith(holders[role]);

        // Procedures in which one of my roles acts: everyone acting in them.
        var steps = await db.ProcedureSteps.AsNoTracking().Select(s => new { s.ProcedureId, s.Responsible, s.Backup, s.Communicate }).ToListAsync(cancellationToken);
        foreach (var procedure in steps.GroupBy(s => s.ProcedureId))
        {
            var roles = procedure.SelectMany(s => new[] { s.Responsible, s.Backup }.Concat(s.Communicate.Select(c => c.From?.Name)))
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (roles.Overlaps(myRoles))
            {
                foreach (var role in roles)
                {
                    AddRole(role);
                }
            }
        }

        // Call trees in which I or one of my roles appear: everyone in them.
        var plans = await db.CommunicationPlans.AsNoTracking().Select(c => c.CallTrees).ToListAsync(cancellationToken);
        foreach (var tree in plans.SelectMany(trees => trees))
        {
            var contacts = Contacts(tree.Root).ToList();
            var mine = contacts.Any(c => (c.Kind == ElementKind.Person && c.Name == me) || (c.Kind == ElementKind.Role && myRoles.Contains(c.Name))
                || (c.Kind is null && (c.Name == me || myRoles.Contains(c.Name))));
            if (!mine)
            {
                continue;
            }
            foreach (var contact in contacts)
            {
                if (contact.Kind != ElementKind.Person)
                {
                    AddRole(contact.Name);
                }
                if (contact.Kind != ElementKind.Role)
                {
                    visible.Add(contact.Name);
                }
            }
        }
        return visible;
    }

    public static bool MaySee(IReadOnlySet<string>? visible, string person) => visible is null || visible.Contains(person);

    /// <summary>A version snapshot (a JSON array of plan documents, ADR 010) with the personal phones
    /// of the people the reader may not see left out, as
    /// a document (<see cref="WithoutPersonalContacts(PersonSpec)"/>); <paramref name="visible"/> null: the reader sees everyone (the text is returned as is).</summary>
    public static string WithoutPersonalContacts(string snapshot, IReadOnlySet<string>? visible)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (visible is null)
        {
            return snapshot;
        }
        var documents = System.Text.Json.Nodes.JsonNode.Parse(snapshot)!.AsArray();
        foreach (var document in documents)
        {
            if (document?["kind"]?.GetValue<string>() is { } kind && kind.Equals(nameof(ElementKind.Person), StringComparison.OrdinalIgnoreCase)
                && document["metadata"]?["name"]?.GetValue<string>() is { } name && !visible.Contains(name)
                && document["spec"]?["phones"] is System.Text.Json.Nodes.JsonObject phones)
            {
                foreach (var key in phones.Select(p => p.Key).Where(k => k != "work").ToList())
                {
                    phones.Remove(key);
                }
            }
        }
        return documents.ToJsonString();
    }

    /// <summary>The person's document without personal contact details.</summary>
    public static PersonSpec WithoutPersonalContacts(PersonSpec spec)
    {
        spec.Phones = new Phones { Work = spec.Phones.Work };
        return spec;
    }

    private static IEnumerable<Reference> Contacts(CallTreeNode? node)
    {
        if (node is null)
        {
            yield break;
        }
        if (node.Contact is { } contact)
        {
            yield return contact;
        }
        foreach (var child in node.Calls.SelectMany(Contacts))
        {
            yield return child;
        }
    }
}
