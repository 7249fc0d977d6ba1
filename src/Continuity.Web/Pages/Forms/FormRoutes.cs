using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Continuity.Web.Pages.Forms;

/// <summary>The URLs of the forms, from <see cref="ElementRoutes"/>: <c>/{path}/new</c>,
/// <c>/{path}/{name}/edit</c>, <c>/{path}/{name}/delete</c> and <c>/organisation/edit</c>. Each path is a
/// literal segment, so <c>/functions/new</c> wins over a details page's <c>/functions/{name}</c>.</summary>
public static class FormRoutes
{
    public static void Add(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var paths = Enum.GetValues<ElementKind>().Where(k => k != ElementKind.Organisation).Select(ElementRoutes.PathOf).ToList();
        conventions.AddPageRouteModelConvention("/Forms/Edit", model => Replace(model,
            [.. paths.Select(p => $"{p}/new"), .. paths.Select(p => $"{p}/{{name}}/edit"), "organisation/edit"]));
        conventions.AddPageRouteModelConvention("/Forms/Delete", model => Replace(model, [.. paths.Select(p => $"{p}/{{name}}/delete")]));
    }

    private static void Replace(PageRouteModel model, IReadOnlyList<string> templates)
    {
        model.Selectors.Clear();
        foreach (var template in templates)
        {
            model.Selectors.Add(new SelectorModel { AttributeRouteModel = new AttributeRouteModel { Template = template } });
        }
    }

    /// <summary>The kind a form's URL is for (its first segment).</summary>
    public static ElementKind? KindOf(PathString path)
    {
        var first = (path.Value ?? "").TrimStart('/').Split('/', 2)[0];
        return ElementRoutes.TryParsePath(first, out var kind) ? kind : null;
    }
}
