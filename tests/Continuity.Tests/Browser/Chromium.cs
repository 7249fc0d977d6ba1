using Microsoft.Playwright;

namespace Continuity.Tests.Browser;

/// <summary>The browser tests run one class at a time, in one Chromium: two browsers and two
/// servers at once would only slow each other down on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class InBrowser : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}

/// <summary>Debian's Chromium, started headless once for all browser tests and driven by
/// Playwright. Playwright cannot download its own browser here (only package registries are
/// reachable), so it is pointed at the installed one: <c>CONTINUITY_TEST_CHROMIUM</c>, else
/// <c>/usr/bin/chromium</c>. Without it the browser tests are skipped, except under CI, where
/// they fail: CI must run them.</summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Variable = "CONTINUITY_TEST_CHROMIUM";
    private const string DebianPath = "/usr/bin/chromium";

    // Generous: a loaded 2-core machine can take seconds to start Chromium or render a page.
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan NavigationTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(20);

    private readonly string? _executable = Locate();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (_executable is null)
        {
            return;                                   // each test reports the missing browser itself
        }
        Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = _executable,
            Headless = true,
            Timeout = (float)NavigationTimeout.TotalMilliseconds,
            // Playwright already turns off background networking, sync, component updates and the
            // first-run page; these keep Chromium from the GPU and from a small /dev/shm in containers.
            Args = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-quic"],
        });
    }

    /// <summary>A new browser context whose relative URLs go to <paramref name="baseAddress"/>:
    /// empty (no cookies, no storage), or with the cookies and storage of
    /// <paramref name="storageState"/> (what <see cref="IBrowserContext.StorageStateAsync"/> saved).</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, string? storageState = null)
    {
        if (_browser is null)
        {
            var missing = $"Chromium was not found ({Variable} is not set and {DebianPath} does not exist), so the browser tests cannot run. "
                + "Install it with: apt-get install chromium (./scripts/test.sh does).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing + " Under CI the browser tests must run.");
            }
            Assert.Skip(missing);
        }
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            StorageState = storageState,
        });
        context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)NavigationTimeout.TotalMilliseconds);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;                        // a wrong path fails at launch, loudly
        }
        return File.Exists(DebianPath) ? DebianPath : null;
    }
}
