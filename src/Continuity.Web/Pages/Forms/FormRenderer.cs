using System.Text;
using System.Text.Encodings.Web;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Forms;

/// <summary>What a form is drawn from: the values (as posted or as stored), the errors by field path,
/// the names offered for references, what the user may not change, and the fields the user may not
/// see (<paramref name="Withheld"/>: a person's personal numbers; drawn as a note, never as an input).</summary>
public sealed record FormState(
    ElementKind Kind,
    bool IsNew,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, List<string>> Errors,
    IReadOnlyDictionary<ElementKind, IReadOnlyList<string>> Names,
    IReadOnlyList<string>? Teams,
    IReadOnlySet<string>? Withheld = null);

/// <summary>Writes the inputs of a <see cref="FormState"/> as HTML, walking the plan model: scalars
/// as inputs of their type, references with a list of names, lists of values one per line, nested
/// objects as fieldsets and lists of objects as repeated fieldsets with "Add another" and "Remove"
/// submit buttons (no JavaScript needed). Every user value is HTML-encoded.</summary>
public sealed class FormRenderer
{
    private readonly FormState _state;
    private readonly StringBuilder _html = new();
    private readonly HashSet<string> _placed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _datalists = new(StringComparer.Ordinal);
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private FormRenderer(FormState state) => _state = state;

    /// <summary>The inputs, and the errors no input shows (for the summary above the form).</summary>
    public static (string Html, List<string> Unplaced) Render(FormState state)
    {
        var renderer = new FormRenderer(state);
        renderer.Object(TypeShape.Of(typeof(Metadata)), "metadata", new HashSet<string>(), "About");
        renderer.Object(TypeShape.Of(PlanDocument.SpecType(state.Kind)), "spec", FormEngine.Excluded(state.Kind), null);
        foreach (var (id, names) in renderer._datalists)
        {
            renderer._html.Append("<datalist id=\"").Append(id).Append("\">");
            foreach (var name in names)
            {
                renderer._html.Append("<option value=\"").Append(E(name)).Append("\"></option>");
            }
            renderer._html.Append("</datalist>");
        }
        var unplaced = state.Errors.Where(e => !renderer._placed.Contains(e.Key))
            .SelectMany(e => e.Value.Select(message => e.Key.Length == 0 ? message : $"{e.Key}: {message}")).ToList();
        return (renderer._html.ToString(), unplaced);
    }

    private static string E(string text) => Encoder.Encode(text);

    private static string Id(string path) => "f-" + new string([.. path.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    private void Object(TypeShape shape, string path, IReadOnlySet<string> excluded, string? legend)
    {
        if (legend is not null)
        {
            _html.Append("<fieldset class=\"form-group\"><legend>").Append(E(legend)).Append("</legend>");
        }
        if (shape.Doc is { } doc && path == "spec")
        {
            _html.Append("<p class=\"hint\">").Append(E(doc)).Append("</p>");
        }
        foreach (var property in shape.Properties)
        {
            if (!excluded.Contains(property.Key) && !property.IsRecord)
            {
                Property(property, property.Type, $"{path}.{property.Key}", FormEngine.Label(property.Key));
            }
        }
        if (legend is not null)
        {
            _html.Append("</fieldset>");
        }
    }

    private void Property(PropertyShape property, TypeShape shape, string path, string label)
    {
        if (_state.Withheld?.Contains(path) == true)
        {
            _html.Append("<div class=\"form-field\"><span class=\"form-label\">").Append(E(label)).Append("</span>");
            Hint("Personal contact detail, not shown to you. Saving this form keeps it as stored.");
            _html.Append("</div>");
            return;
        }
        switch (shape.Shape)
        {
            case ValueShape.Object:
                _html.Append("<fieldset class=\"form-group\"><legend>").Append(E(label)).Append("</legend>");
                Hint(property.Doc ?? shape.Doc);
                Errors(path);
                Object(shape, path, new HashSet<string>(), null);
                _html.Append("</fieldset>");
                break;

            case ValueShape.List when FormEngine.IsObjectList(shape):
                ObjectList(property, shape, path, label);
                break;

            case ValueShape.Map when TypeShape.Of(shape.Key!).Shape == ValueShape.Enum:
                _html.Append("<fieldset class=\"form-group\"><legend>").Append(E(label)).Append("</legend>");
                Hint(property.Doc);
                Errors(path);
                _html.Append("<div class=\"form-grid\">");
                foreach (var key in TypeShape.Of(shape.Key!).EnumValues)
                {
                    Property(property, TypeShape.Of(shape.Item!), $"{path}.{key}", FormEngine.Label(key));
                }
                _html.Append("</div></fieldset>");
                break;

            case ValueShape.Map when TypeShape.Of(shape.Key!).Shape == ValueShape.String && TypeShape.Of(shape.Item!).Shape == ValueShape.String:
                Field(path, label, property.Doc, "One per line as key: value (region: eu-west-1).", () => TextArea(path, 3));
                break;

            case ValueShape.Map:
                break;

            case ValueShape.List:
                var itemShape = TypeShape.Of(shape.Item!);
                var example = itemShape.Shape switch
                {
                    ValueShape.Reference => "One name per line" + (property.RefTo.Count > 1 ? " (kind:name, for example " + ElementKinds.Slug(property.RefTo[0]) + ":name)." : "."),
                    ValueShape.Duration => "One duration per line (90m, 4h, 2d, 1w).",
                    _ => "One per line.",
                };
                Field(path, label, property.Doc, example, () => TextArea(path, 3));
                break;

            case ValueShape.Boolean:
                var isChecked = _state.Values.TryGetValue(path, out var flag) ? flag is "true" or "on" : property.Default is true;
                _html.Append("<div class=\"form-field form-field--check\"><label><input type=\"checkbox\" name=\"").Append(E(path))
                    .Append("\" id=\"").Append(Id(path)).Append("\" value=\"true\"").Append(isChecked ? " checked" : "").Append("> ")
                    .Append(E(label)).Append("</label>");
                Hint(property.Doc);
                Errors(path);
                _html.Append("</div>");
                break;

            case ValueShape.Enum:
                Field(path, Required(property, label), property.Doc, null, () => Select(path, shape, property));
                break;

            case ValueShape.Reference:
                Field(path, Required(property, label), property.Doc, Qualified(property) ? "Write kind:name, for example " + ElementKinds.Slug(property.RefTo[0]) + ":name." : null,
                    () => Reference(path, property));
                break;

            case ValueShape.Duration:
                Field(path, Required(property, label), property.Doc, "A duration: 90m, 4h, 2d or 1w.", () => Input(path, "text", "mono", null));
                break;

            case ValueShape.Date:
                Field(path, Required(property, label), property.Doc, null, () => Input(path, "date", null, null));
                break;

            case ValueShape.Integer:
                var range = property.Range is { } r ? $" min=\"{r.Minimum}\" max=\"{r.Maximum}\"" : "";
                Field(path, Required(property, label), property.Doc, property.Range is { } bounds ? $"From {bounds.Minimum} to {bounds.Maximum}." : null,
                    () => Input(path, "number", null, range));
                break;

            default:
                if (path == "metadata.name")
                {
                    NameField(property, path, label);
                }
                else if (FormEngine.IsLongText(property.Key))
                {
                    Field(path, Required(property, label), property.Doc, null, () => TextArea(path, 4));
                }
                else
                {
                    var type = property.Key.Contains("email", StringComparison.OrdinalIgnoreCase) ? "email" : "text";
                    Field(path, Required(property, label), property.Doc, property.IsSlug ? "Lowercase letters, digits and dashes." : null,
                        () => Input(path, type, property.IsSlug ? "mono" : null, null));
                }
                break;
        }
    }

    private void NameField(PropertyShape property, string path, string label)
    {
        if (_state.IsNew)
        {
            Field(path, Required(property, label), property.Doc, "Lowercase letters, digits and dashes, for example order-processing. It cannot be changed later.",
                () => Input(path, "text", "mono", " autocomplete=\"off\""));
            return;
        }
        var name = _state.Values.GetValueOrDefault(path) ?? "";
        _html.Append("<div class=\"form-field\"><span class=\"form-label\">").Append(E(label)).Append("</span><p class=\"mono\">").Append(E(name))
            .Append("</p><input type=\"hidden\" name=\"").Append(path).Append("\" value=\"").Append(E(name)).Append("\">");
        Hint("The stable id; other elements refer to it by this name. To rename, create the new element and remove this one.");
        Errors(path);
        _html.Append("</div>");
    }

    private void ObjectList(PropertyShape property, TypeShape shape, string path, string label)
    {
        var count = FormEngine.Count(_state.Values, path);
        // One item of the list, as a continuity manager says it ("Add another dependency", not "depends on").
        var singular = property.Key == "dependsOn" ? "Dependency"
            : label.EndsWith("ies", StringComparison.Ordinal) ? label[..^3] + "y" : label.EndsWith('s') ? label[..^1] : label;
        _html.Append("<fieldset class=\"form-group form-list\"><legend>").Append(E(label)).Append("</legend>");
        Hint(property.Doc ?? TypeShape.Of(shape.Item!).Doc);
        Errors(path);
        _html.Append("<input type=\"hidden\" name=\"").Append(FormEngine.CountPrefix).Append(E(path)).Append("\" value=\"").Append(count).Append("\">");
        if (count == 0)
        {
            _html.Append("<p class=\"empty\">None yet.</p>");
        }
        for (var i = 0; i < count; i++)
        {
            var item = $"{path}[{i}]";
            _html.Append("<fieldset class=\"form-item\"><legend>").Append(E(singular)).Append(' ').Append(i + 1).Append("</legend>");
            Errors(item);
            Object(TypeShape.Of(shape.Item!), item, new HashSet<string>(), null);
            _html.Append("<button type=\"submit\" class=\"button button--quiet\" name=\"_remove\" value=\"").Append(E(item))
                .Append("\" formnovalidate>Remove ").Append(E(singular.ToLowerInvariant())).Append(' ').Append(i + 1).Append("</button></fieldset>");
        }
        _html.Append("<button type=\"submit\" class=\"button button--quiet\" name=\"_add\" value=\"").Append(E(path))
            .Append("\" formnovalidate>Add another ").Append(E(singular.ToLowerInvariant())).Append("</button></fieldset>");
    }

    private static string Required(PropertyShape property, string label) => property.Required ? label + " (required)" : label;

    private static bool Qualified(PropertyShape property) => property.RefTo.Count > 1;

    private void Field(string path, string label, string? doc, string? hint, Action input)
    {
        _html.Append("<div class=\"form-field\"><label for=\"").Append(Id(path)).Append("\">").Append(E(label)).Append("</label>");
        input();
        Hint(doc is null ? hint : hint is null ? doc : $"{doc} {hint}");
        Errors(path);
        _html.Append("</div>");
    }

    private void Hint(string? text)
    {
        if (text is not null)
        {
            _html.Append("<p class=\"hint\">").Append(E(text)).Append("</p>");
        }
    }

    private void Errors(string path)
    {
        if (!_state.Errors.TryGetValue(path, out var messages))
        {
            return;
        }
        _placed.Add(path);
        foreach (var message in messages)
        {
            _html.Append("<span class=\"field-error\" role=\"alert\">").Append(E(message)).Append("</span>");
        }
    }

    private string Invalid(string path) => _state.Errors.ContainsKey(path) ? " aria-invalid=\"true\"" : "";

    private void Input(string path, string type, string? cssClass, string? extra)
    {
        _html.Append("<input type=\"").Append(type).Append("\" name=\"").Append(E(path)).Append("\" id=\"").Append(Id(path)).Append('"')
            .Append(cssClass is null ? "" : $" class=\"{cssClass}\"")
            .Append(" value=\"").Append(E(_state.Values.GetValueOrDefault(path) ?? "")).Append('"').Append(extra ?? "").Append(Invalid(path)).Append('>');
    }

    private void TextArea(string path, int rows)
    {
        _html.Append("<textarea name=\"").Append(E(path)).Append("\" id=\"").Append(Id(path)).Append("\" rows=\"").Append(rows).Append('"')
            .Append(Invalid(path)).Append(">\n").Append(E(_state.Values.GetValueOrDefault(path) ?? "")).Append("</textarea>");
    }

    private void Select(string path, TypeShape shape, PropertyShape property)
    {
        var current = _state.Values.GetValueOrDefault(path)
            ?? (property.Default is Enum standard && !shape.IsNullable && !property.Required ? Naming.KebabCase(standard.ToString()) : "");
        _html.Append("<select name=\"").Append(E(path)).Append("\" id=\"").Append(Id(path)).Append('"').Append(Invalid(path)).Append('>');
        if (shape.IsNullable || property.Required || current.Length == 0)
        {
            _html.Append("<option value=\"\">").Append(property.Required ? "Choose…" : "—").Append("</option>");
        }
        var known = false;
        foreach (var value in shape.EnumValues)
        {
            known |= value == current;
            _html.Append("<option value=\"").Append(value).Append('"').Append(value == current ? " selected" : "").Append('>')
                .Append(E(FormEngine.Label(value))).Append("</option>");
        }
        if (!known && current.Length > 0)
        {
            _html.Append("<option selected value=\"").Append(E(current)).Append("\">").Append(E(current)).Append("</option>");
        }
        _html.Append("</select>");
    }

    private void Reference(string path, PropertyShape property)
    {
        if (path == "spec.team" && _state.Teams is { } teams)
        {
            // A team lead's element stays with a team they lead.
            var current = _state.Values.GetValueOrDefault(path) ?? teams[0];
            _html.Append("<select name=\"").Append(E(path)).Append("\" id=\"").Append(Id(path)).Append("\">");
            foreach (var team in teams)
            {
                _html.Append("<option value=\"").Append(E(team)).Append('"').Append(team == current ? " selected" : "").Append('>').Append(E(team)).Append("</option>");
            }
            _html.Append("</select>");
            return;
        }
        var id = "names-" + string.Join('-', property.RefTo.Select(ElementKinds.Slug));
        if (!_datalists.ContainsKey(id))
        {
            var options = new List<string>();
            var small = property.RefTo.All(k => _state.Names.TryGetValue(k, out var names) && names.Count <= FormNames.Cap)
                && property.RefTo.Sum(k => _state.Names[k].Count) <= FormNames.Cap;
            if (small)
            {
                foreach (var kind in property.RefTo)
                {
                    options.AddRange(_state.Names[kind].Select(n => property.RefTo.Count > 1 ? $"{ElementKinds.Slug(kind)}:{n}" : n));
                }
            }
            _datalists[id] = options;
        }
        var list = _datalists[id].Count > 0 ? $" list=\"{id}\"" : "";
        Input(path, "text", "mono", list + " autocomplete=\"off\"");
    }
}
