using Continuity.Web.Pages.Shared;
using Microsoft.AspNetCore.Html;

namespace Continuity.Tests.Web;

/// <summary>Plan text rendered as Markdown: ordinary Markdown becomes HTML, and nothing written in
/// a plan file or a form can run script, handle events, link to javascript: or pass raw HTML.</summary>
public sealed class MarkdownTests
{
    [Theory]
    [InlineData("**Call** the *vendor*", "<p><strong>Call</strong> the <em>vendor</em></p>")]
    [InlineData("1. Fail over\n2. Verify", "<ol>\n<li>Fail over</li>\n<li>Verify</li>\n</ol>")]
    [InlineData("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>")]
    [InlineData("Run `pg_restore`", "<p>Run <code>pg_restore</code></p>")]
    [InlineData("## Recovery", "<h2>Recovery</h2>")]
    public void Ordinary_markdown_renders(string text, string html) =>
        Assert.Equal(html, Html(text).Trim());

    [Fact]
    public void A_link_renders_and_cannot_send_a_referrer_or_reach_the_opener()
    {
        var html = Html("[runbook](https://wiki.example.org/runbooks/db)");

        Assert.Contains("href=\"https://wiki.example.org/runbooks/db\"", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
        Assert.Contains(">runbook</a>", html);
    }

    [Fact]
    public void A_table_renders()
    {
        var html = Html("| Step | Who |\n|---|---|\n| Restore | DBA |");

        Assert.Contains("<table>", html);
        Assert.Contains("<th>Step</th>", html);
        Assert.Contains("<td>DBA</td>", html);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("Before <script src=\"https://evil.example/x.js\"></script> after")]
    [InlineData("```\n</code><script>alert(1)</script>\n```")]
    public void Script_is_never_markup(string text)
    {
        var html = Html(text);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script", html, StringComparison.Ordinal);                // shown as text
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<div onmouseover=\"alert(1)\">hover</div>")]
    [InlineData("<svg onload=alert(1)>")]
    public void Event_handlers_and_raw_html_are_escaped(string text)
    {
        var html = Html(text);

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    public void Links_to_script_lose_their_target(string text)
    {
        var html = Html(text);

        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("click", html, StringComparison.Ordinal);                    // the text stays, without a target
    }

    [Fact]
    public void Empty_text_renders_nothing()
    {
        Assert.Same(HtmlString.Empty, Markdown.ToHtml(null));
        Assert.Same(HtmlString.Empty, Markdown.ToHtml("  \n "));
    }

    private static string Html(string text) => ((HtmlString)Markdown.ToHtml(text)).Value ?? "";
}
