using System.Globalization;
using Continuity.Catalog;
using Continuity.Functions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Continuity.Web.Pages.Shared;

/// <summary><c>&lt;tier-badge tier="1" /&gt;</c>: the criticality tier as a coloured badge.</summary>
[HtmlTargetElement("tier-badge", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TierBadgeTagHelper : TagHelper
{
    public int Tier { get; set; }

    /// <summary>Spell the tier out ("Tier 1 · Mission critical") instead of the short form.</summary>
    public bool Long { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"badge tier tier-{Math.Clamp(Tier, 1, 4)}");
        output.Attributes.SetAttribute("title", Format.TierName(Tier));
        output.Content.SetContent(Long ? $"Tier {Tier} · {Format.TierName(Tier)}" : $"Tier {Tier}");
    }
}

/// <summary><c>&lt;approval-badge state="…" /&gt;</c>: whether management approved the
/// recovery objectives as they stand.</summary>
[HtmlTargetElement("approval-badge", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ApprovalBadgeTagHelper : TagHelper
{
    public ApprovalState? State { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var (css, text, title) = (State ?? ApprovalState.NoObjectives) switch
        {
            ApprovalState.Approved => ("ok", "Approved", "An approver signed these objectives in Continuity."),
            ApprovalState.RecordedInFile => ("warn", "Recorded in a file", "An approval of these values is written in the plan files, not signed in Continuity: the checks count it, BC.1.04 does not."),
            ApprovalState.ChangedSinceApproval => ("warn", "Changed since approval", "The objectives differ from the values management approved; they need approval again."),
            ApprovalState.NotApproved => ("bad", "Not approved", "Management has not approved these objectives."),
            ApprovalState.NoObjectives => ("muted", "No objectives", "The plan states no recovery objectives."),
            _ => ("muted", "Unknown", ""),
        };
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"badge status-{css}");
        output.Attributes.SetAttribute("title", title);
        output.Content.SetContent(text);
    }
}

/// <summary><c>&lt;control-state state="…" /&gt;</c>: a control or requirement as green, amber or red, in words.</summary>
[HtmlTargetElement("control-state", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ControlStateTagHelper : TagHelper
{
    public Governance.ControlState State { get; set; }

    public static string Words(Governance.ControlState state) => state switch
    {
        Governance.ControlState.Met => "Met",
        Governance.ControlState.AtRisk => "At risk",
        _ => "Not met",
    };

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"badge status-{State switch { Governance.ControlState.Met => "ok", Governance.ControlState.AtRisk => "warn", _ => "bad" }}");
        output.Content.SetContent(Words(State));
    }
}

/// <summary><c>&lt;version-state state="…" /&gt;</c>: where a plan version stands in the workflow, as a badge.</summary>
[HtmlTargetElement("version-state", TagStructure = TagStructure.WithoutEndTag)]
public sealed class VersionStateTagHelper : TagHelper
{
    public Governance.VersionState State { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var (css, text, title) = State switch
        {
            Governance.VersionState.InReview => ("warn", "In review", "Reviewers are reading it and may request changes."),
            Governance.VersionState.PendingApproval => ("warn", "Pending approval", "Waiting for management's sign-off."),
            Governance.VersionState.Approved => ("ok", "Approved", "Signed off by management; locked."),
            Governance.VersionState.Published => ("ok", "Published", "Approved and distributed to the people it concerns."),
            Governance.VersionState.Superseded => ("muted", "Superseded", "A later version of the same plan was published."),
            _ => ("bad", "Returned", "Changes were requested or it was rejected; the plan goes on as a draft."),
        };
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"badge status-{css}");
        output.Attributes.SetAttribute("title", title);
        output.Content.SetContent(text);
    }
}

/// <summary><c>&lt;finding-counts row="…" /&gt;</c>: a list row's unwaived findings as badges by
/// severity, or "None".</summary>
[HtmlTargetElement("finding-counts", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FindingCountsTagHelper : TagHelper
{
    public CatalogRow? Row { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Row is null || Row.Findings == 0)
        {
            output.Content.SetHtmlContent("<span class=\"muted\">None</span>");
            return;
        }
        var html = new System.Text.StringBuilder();
        void Badge(int count, string css, string title, string mark)
        {
            if (count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<span class=\"badge status-{css}\" title=\"{title}\">{count} {mark}</span>");
            }
        }
        Badge(Row.Errors, "bad", "Errors", "✗");
        Badge(Row.Warnings, "warn", "Warnings", "!");
        Badge(Row.Infos, "muted", "Information", "i");
        output.Content.SetHtmlContent(html.ToString());
    }
}

/// <summary><c>&lt;element-link link="…" /&gt;</c>: a link to an element's page, or its label
/// where it has no page yet; <c>show-kind</c> adds the kind in front, <c>show-name</c> the plan name after.</summary>
[HtmlTargetElement("element-link", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ElementLinkTagHelper : TagHelper
{
    public ElementLink? Link { get; set; }

    public bool ShowKind { get; set; }

    /// <summary>Show the plan name (slug) after the title.</summary>
    public bool ShowName { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Link is null)
        {
            output.TagName = "span";
            output.TagMode = TagMode.StartTagAndEndTag;
            output.Attributes.SetAttribute("class", "muted");
            output.Content.SetContent(Format.Missing);
            return;
        }

        output.TagName = null;
        if (ShowKind)
        {
            output.PreContent.AppendHtml("<span class=\"kind\">");
            output.PreContent.Append(Format.Kind(Link.Kind));
            output.PreContent.AppendHtml("</span> ");
        }
        if (Link.Href is { } href)
        {
            output.Content.AppendHtml("<a href=\"");
            output.Content.Append(href);
            output.Content.AppendHtml("\">");
        }
        else
        {
            output.Content.AppendHtml("<span class=\"element\">");
        }
        output.Content.Append(Link.Label);
        output.Content.AppendHtml(Link.Href is null ? "</span>" : "</a>");
        if (ShowName && Link.Label != Link.Name)
        {
            output.PostContent.AppendHtml(" <span class=\"slug\">");
            output.PostContent.Append(Link.Name);
            output.PostContent.AppendHtml("</span>");
        }
    }
}

/// <summary><c>&lt;achievable value="…" point="false" /&gt;</c>: what the dependency chain makes
/// achievable, marked met (✓) or missed (✗) against the objective, with the gap as a tooltip.</summary>
[HtmlTargetElement("achievable", TagStructure = TagStructure.WithoutEndTag)]
public sealed class AchievableTagHelper : TagHelper
{
    public Achievable? Value { get; set; }

    /// <summary>A recovery point (data loss) rather than a recovery time.</summary>
    public bool Point { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Value is not { } value)
        {
            output.Attributes.SetAttribute("class", "muted");
            output.Content.SetContent(Format.Missing);
            return;
        }
        var objective = Point ? "RPO" : "RTO";
        var text = value.Never ? (Point ? "all data" : "never")
            : value.Minutes is { } minutes ? (minutes == 0 ? "at once" : Format.Elapsed(minutes))
            : Point ? "no data" : Format.Missing;
        var (css, mark, title) = value.Verdict switch
        {
            Verdict.Met => ("achievable achievable--met", "✓", $"Meets the {objective} of {Format.Duration(value.TargetMinutes)}."),
            Verdict.Missed when value.Never && Point => ("achievable achievable--missed", "✗", "Some data it requires has no backup policy: all of it can be lost."),
            Verdict.Missed when value.Never => ("achievable achievable--missed", "✗", "It waits on a dependency loop and can never be recovered."),
            Verdict.Missed => ("achievable achievable--missed", "✗", $"{Format.Elapsed(value.GapMinutes)} {(Point ? "more data than" : "later than")} the {objective} of {Format.Duration(value.TargetMinutes)}."),
            _ => ("achievable muted", "", $"The plan states no {objective} to compare with."),
        };
        if (value.EstimateMissing && !Point && !value.Never)
        {
            title += " Something on its critical chain has no restore estimate and counts as instant, so it may be later.";
        }
        output.Attributes.SetAttribute("class", css);
        output.Attributes.SetAttribute("title", title);
        if (mark.Length > 0)
        {
            output.Content.AppendHtml("<span class=\"achievable__mark\" aria-hidden=\"true\">");
            output.Content.Append(mark);
            output.Content.AppendHtml("</span> ");
        }
        output.Content.Append(value.EstimateMissing && !Point && !value.Never ? $"at least {text}" : text);
        output.PostContent.AppendHtml("<span class=\"visually-hidden\"> (");
        output.PostContent.Append(title);
        output.PostContent.AppendHtml(")</span>");
    }
}

/// <summary><c>&lt;th sort-by="rto" sort-query="…" sort-path="/functions"&gt;RTO&lt;/th&gt;</c>: a
/// column heading that sorts its list by <c>sort-by</c> (ascending first, then the other way),
/// with the arrow and <c>aria-sort</c> of the current order. The heading keeps its own attributes.
/// The list sorts by <c>title</c> when no order is asked for.</summary>
[HtmlTargetElement("th", Attributes = "sort-by,sort-query,sort-path")]
public sealed class SortHeaderTagHelper : TagHelper
{
    [HtmlAttributeName("sort-by")]
    public string Column { get; set; } = "";

    [HtmlAttributeName("sort-query")]
    public ListQuery? Query { get; set; }

    [HtmlAttributeName("sort-path")]
    public string Path { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Query is null)
        {
            return;
        }
        var current = Query.Sort == Column || (Query.Sort is null && Column == "title");
        if (current)
        {
            output.Attributes.SetAttribute("aria-sort", Query.Descending ? "descending" : "ascending");
        }
        output.PreContent.AppendHtml("<a href=\"");
        output.PreContent.Append(Query.SortHref(Path, Column));
        output.PreContent.AppendHtml("\">");
        if (current)
        {
            output.PostContent.Append(Query.Descending ? " ↓" : " ↑");
        }
        output.PostContent.AppendHtml("</a>");
    }
}
