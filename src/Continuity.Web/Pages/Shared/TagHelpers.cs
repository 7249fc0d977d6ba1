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

/// <summary><c>&lt;approval-badge objectives="…" /&gt;</c>: whether management approved the
/// recovery objectives as they stand.</summary>
[HtmlTargetElement("approval-badge", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ApprovalBadgeTagHelper : TagHelper
{
    public Objectives? Objectives { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var (css, text, title) = (Objectives?.State ?? ApprovalState.NoObjectives) switch
        {
            ApprovalState.Approved => ("ok", "Approved", "Management approved these objectives."),
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
