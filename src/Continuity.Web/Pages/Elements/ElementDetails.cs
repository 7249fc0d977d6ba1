using Continuity.Accounts;
using Continuity.Catalog;
using Continuity.Checks;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Web.Api;
using Continuity.Web.Pages.Shared;

namespace Continuity.Web.Pages.Elements;

/// <summary>An action on an element page, shown only to whom may use it.</summary>
public sealed record ElementAction(string Label, string Href);

/// <summary>What the page of one element shows: its document (read with its own child rows), its
/// catalog row, its fields and lists of records (<see cref="SpecView"/>), its relationships both ways, the functions at stake when it is lost (elements of the recovery graph), its findings and the actions the user may take.</summary>
public sealed record ElementDetails(
    PlanDocument Document, CatalogRow Row, SpecView Spec, RelationshipsView Relationships,
    FindingsSummary Findings, IReadOnlyList<ElementAction> Actions, string OrganisationName, Func<Reference, ElementLink> Link,
    FunctionsAtStakeView? AtStake)
{
    public string Label => Row.Label;

    public static async Task<ElementDetails?> LoadAsync(ContinuityDb db, AnalysisCache analysis, UserAccess access, ElementKind kind, string? name,
        IQueryCollection query, CancellationToken cancellationToken)
    {
        var result = await analysis.GetAsync(db, cancellationToken);
        var catalog = result.Catalog!;
        var row = kind == ElementKind.Organisation ? catalog.OfKind(kind).FirstOrDefault() : name is null ? null : catalog.Find(kind, name);
        if (row is null || await ElementSet.Of(kind).FindAsync(db, row.Name, cancellationToken) is not { } found)
        {
            return null;
        }
        var document = found.Document;
        if (document.Spec is PersonSpec person && !access.SeesAllPrivateContacts)
        {
            var visible = await ContactPrivacy.PeopleVisibleToAsync(db, access, cancellationToken);
            if (!ContactPrivacy.MaySee(visible, row.Name))
            {
                ContactPrivacy.WithoutPersonalContacts(person);
            }
        }
        ElementLink Link(Reference reference) =>
            reference.Kind is { } k && catalog.Find(k, reference.Name) is { } target
                ? CatalogListView.Link(target)
                : new ElementLink(reference.Kind ?? ElementKind.Organisation, reference.Name, null);

        return new ElementDetails(document, row, SpecFacts.Read(document.Spec, Link),
            RelationshipsView.Of(catalog, kind, row.Name, query),
            RecoveryAnalysis.Findings(result, row.Id),
            ActionsFor(access, kind, row), CatalogListView.OrganisationNameOf(catalog), Link,
            FunctionsAtStakeView.Of(result, row.Id));
    }

    /// <summary>Edit, delete, the BIA, the dependency picture, what-if and history, for those who may.</summary>
    public static IReadOnlyList<ElementAction> ActionsFor(UserAccess access, ElementKind kind, CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(row);
        var actions = new List<ElementAction>();
        var mayChange = kind == ElementKind.Organisation ? access.CanChangeWholePlan : access.CanChange(kind, row.Team);
        if (mayChange)
        {
            actions.Add(new ElementAction("Edit", ElementRoutes.Edit(kind, row.Name)));
            if (kind != ElementKind.Organisation)
            {
                actions.Add(new ElementAction("Delete", ElementRoutes.Delete(kind, row.Name)));
            }
        }
        var details = ElementRoutes.Details(kind, row.Name);
        if (kind == ElementKind.BusinessFunction)
        {
            actions.Add(new ElementAction("Impact assessment (BIA)", $"{details}/bia"));
        }
        if (kind is ElementKind.BusinessFunction or ElementKind.System or ElementKind.Vendor or ElementKind.Site)
        {
            actions.Add(new ElementAction("Dependency picture", $"{details}/picture"));
        }
        if (kind is ElementKind.System or ElementKind.Vendor or ElementKind.Site)
        {
            actions.Add(new ElementAction("What if it fails?", $"/what-if?fail={Uri.EscapeDataString($"{ElementKinds.Slug(kind)}:{row.Name}")}"));
        }
        if (access.CanReadAudit)
        {
            actions.Add(new ElementAction("History", $"/audit?element={Uri.EscapeDataString(row.Id)}"));
        }
        return actions;
    }
}
