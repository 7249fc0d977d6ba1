using System.Text.RegularExpressions;
using Continuity.Accounts;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>The layout in Chromium: the navigation's disclosure menus on a phone (390 px) and
/// with the keyboard, nothing wider than the screen, and printing: every column of a table on
/// paper and the plan, revision and date on every printed page (text read back with PdfPig).</summary>
[Collection(InBrowser.Name)]
public sealed partial class LayoutInBrowserTests(Chromium chromium, LiveDemoApp app)
    : BrowserTest(chromium, app), IClassFixture<LiveDemoApp>
{
    protected override AccessRole? SignedInAs => AccessRole.ContinuityManager;

    [Fact]
    public async Task The_navigation_leads_to_each_part_of_the_plan_and_marks_the_current_one()
    {
        await GoToAsync("/");
        var navigation = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToHaveAttributeAsync("aria-current", "page");

        foreach (var (menu, link, path, heading) in new[]
        {
            ("Plan", "Business functions", "/functions", "Business functions"),
            ("Plan", "Systems", "/systems", "Systems"),
            ("Plan", "Vendors", "/vendors", "Vendors"),
        })
        {
            await navigation.Locator("summary", new() { HasTextString = menu }).ClickAsync();
            await navigation.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();

            await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await Expect(navigation.Locator("summary.is-current")).ToHaveTextAsync(menu);
        }
        foreach (var href in new[] { "/risks", "/communication-plans", "/backup-policies", "/dependencies", "/organisation", "/checks", "/waivers", "/what-if", "/recovery-waves", "/audit" })
        {
            await Expect(navigation.Locator($"a[href='{href}']")).ToHaveCountAsync(1);
        }
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task On_a_phone_the_menu_opens_its_links_are_reachable_and_nothing_is_wider_than_the_screen()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await GoToAsync("/");
        await AssertNoHorizontalOverflowAsync("/");

        var navigation = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var systems = navigation.GetByRole(AriaRole.Link, new() { Name = "Systems", Exact = true });
        await Expect(systems).ToBeHiddenAsync();
        await navigation.Locator("summary", new() { HasTextString = "Plan" }).ClickAsync();
        await Expect(systems).ToBeInViewportAsync();
        await AssertNoHorizontalOverflowAsync("/ with the Plan menu open");
        await systems.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/systems$"));

        foreach (var path in new[]
        {
            "/functions", "/functions/course-delivery", "/functions/course-delivery/bia", "/systems", "/systems/platform-db",
            "/systems/new", "/people", "/checks", "/what-if?fail=region:eu-west-1", "/recovery-waves", "/audit", "/account",
        })
        {
            await GoToAsync(path);
            await AssertNoHorizontalOverflowAsync(path);
        }
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task The_menus_open_with_the_keyboard_and_show_where_the_focus_is()
    {
        await GoToAsync("/");
        var plan = Page.Locator("nav summary", new() { HasTextString = "Plan" });
        await plan.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("details.site-nav__group").First).ToHaveAttributeAsync("open", "");

        await Page.Keyboard.PressAsync("Tab");
        var focused = Page.Locator(":focus");
        await Expect(focused).ToHaveTextAsync("Business functions");
        var outline = await focused.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);

        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/functions$"));
    }

    [Theory]
    [InlineData("/functions")]
    [InlineData("/functions/course-delivery")]
    public async Task A_printed_page_keeps_every_column_and_names_the_plan_revision_and_date_on_every_page(string path)
    {
        await GoToAsync(path);
        var headers = await Page.Locator("main table thead th").AllInnerTextsAsync();
        Assert.NotEmpty(headers);
        var organisation = await Page.Locator("meta[name='continuity:organisation']").GetAttributeAsync("content");
        var revision = await Page.Locator("meta[name='continuity:revision']").GetAttributeAsync("content");
        var printed = await Page.Locator("meta[name='continuity:printed']").GetAttributeAsync("content");

        var pdf = await Page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true });

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
        var all = Squeeze(string.Join(' ', pages));
        foreach (var header in headers.Where(h => !string.IsNullOrWhiteSpace(h)))
        {
            Assert.True(all.Contains(Squeeze(header), StringComparison.OrdinalIgnoreCase), $"The printed {path} lacks the column \"{header}\".");
        }
        Assert.All(pages, text =>
        {
            var page = Squeeze(text);
            Assert.Contains(Squeeze($"{organisation} · plan revision {revision} · printed {printed}"), page, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("Sign out", string.Join(' ', pages), StringComparison.Ordinal);                 // no navigation or forms on paper
    }

    private async Task AssertNoHorizontalOverflowAsync(string what)
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        if (scroll <= client)
        {
            return;
        }
        var culprits = await Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .filter(e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible' || (a.tagName === 'DETAILS' && !a.open)) return false; } return true; })
                .slice(0, 8)
                .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '')
                    + ' ' + Math.round(e.getBoundingClientRect().right) + ' px')
            """);
        Assert.Fail($"{what} is {scroll} px wide on a {client} px screen; too wide: {string.Join(", ", culprits)}.");
    }

    private static string Squeeze(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
