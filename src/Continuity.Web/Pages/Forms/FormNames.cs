using Continuity.Data;
using Continuity.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Forms;

/// <summary>The names a reference input offers (a datalist), per kind: one bounded query per kind
/// the form refers to. A kind with more than <see cref="Cap"/> elements offers none; the plan's
/// error for an unknown name suggests a close match instead.</summary>
public static class FormNames
{
    public const int Cap = 200;

    public static async Task<Dictionary<ElementKind, IReadOnlyList<string>>> LoadAsync(ContinuityDb db, IEnumerable<ElementKind> kinds, CancellationToken ct)
    {
        var names = new Dictionary<ElementKind, IReadOnlyList<string>>();
        foreach (var kind in kinds.Distinct())
        {
            names[kind] = await NamesAsync(db, kind, ct);
        }
        return names;
    }

    /// <summary>Every kind a reference of this kind's form may point at.</summary>
    public static IEnumerable<ElementKind> ReferencedBy(ElementKind kind)
    {
        var kinds = new HashSet<ElementKind>();
        Walk(TypeShape.Of(typeof(Metadata)), kinds, []);
        Walk(TypeShape.Of(PlanDocument.SpecType(kind)), kinds, []);
        return kinds;
    }

    private static void Walk(TypeShape shape, HashSet<ElementKind> kinds, HashSet<Type> seen)
    {
        if (!seen.Add(shape.Bare))
        {
            return;
        }
        foreach (var property in shape.Properties)
        {
            kinds.UnionWith(property.RefTo);
            var inner = property.Type.Shape is ValueShape.List or ValueShape.Map ? TypeShape.Of(property.Type.Item!) : property.Type;
            if (inner.Shape == ValueShape.Object)
            {
                Walk(inner, kinds, seen);
            }
        }
    }

    private static Task<IReadOnlyList<string>> NamesAsync(ContinuityDb db, ElementKind kind, CancellationToken ct) => kind switch
    {
        ElementKind.Organisation => Of(db.Organisations, ct),
        ElementKind.Site => Of(db.Sites, ct),
        ElementKind.Team => Of(db.Teams, ct),
        ElementKind.Person => Of(db.People, ct),
        ElementKind.Role => Of(db.Roles, ct),
        ElementKind.BusinessFunction => Of(db.Functions, ct),
        ElementKind.System => Of(db.Systems, ct),
        ElementKind.Vendor => Of(db.Vendors, ct),
        ElementKind.Risk => Of(db.Risks, ct),
        ElementKind.Scenario => Of(db.Scenarios, ct),
        ElementKind.Procedure => Of(db.Procedures, ct),
        ElementKind.CommunicationPlan => Of(db.CommunicationPlans, ct),
        ElementKind.BackupPolicy => Of(db.BackupPolicies, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static async Task<IReadOnlyList<string>> Of<T>(DbSet<T> table, CancellationToken ct)
        where T : Element =>
        await table.AsNoTracking().OrderBy(e => e.Name).Select(e => e.Name).Take(Cap + 1).ToListAsync(ct);
}
