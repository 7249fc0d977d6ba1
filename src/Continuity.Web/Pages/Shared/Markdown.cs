using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace Continuity.Web.Pages.Shared;

/// <summary>Text people write in the plan (descriptions, procedure instructions) as HTML:
/// Markdown rendered by Markdig, then sanitised, so that nothing written in a plan file or a form
/// can run script or restyle the page. Raw HTML in the text is escaped, not passed through.</summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .Build();

    // One sanitiser: HtmlSanitizer is thread-safe once configured.
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static IHtmlContent ToHtml(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return HtmlString.Empty;
        }
        return new HtmlString(Sanitizer.Sanitize(Markdig.Markdown.ToHtml(text, Pipeline)));
    }

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto", "tel"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
