using System.Text;
using Microsoft.Playwright;

namespace Continuity.Tests.Browser;

/// <summary>What every browser test starts from: a fresh browser context (no cookies, no storage)
/// and one page in it, on the class's own app. Console errors and uncaught page errors are
/// collected (a Content-Security-Policy violation is a console error), and when a test fails its
/// screenshot, HTML and console are saved under <c>artifacts/browser/</c>.</summary>
/// <example>
/// <code>
/// [Collection(InBrowser.Name)]
/// public sealed class VendorsInBrowserTests(Chromium chromium, LiveDemoApp app)
///     : BrowserTest(chromium, app), IClassFixture&lt;LiveDemoApp&gt;
/// </code>
/// </example>
public abstract class BrowserTest(Chromium chromium, LiveDemoApp app) : IAsyncLifetime
{
    private readonly List<string> _console = [];
    private readonly List<string> _errors = [];
    private IBrowserContext? _context;
    private IPage? _page;

    protected LiveDemoApp App { get; } = app;

    protected IPage Page => _page ?? throw new InvalidOperationException("The page exists once the test has started.");

    /// <summary>Console errors and uncaught exceptions of every page of this test so far.</summary>
    protected IReadOnlyList<string> BrowserErrors
    {
        get
        {
            lock (_console)
            {
                return [.. _errors];
            }
        }
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _context = await chromium.NewContextAsync(App.BaseAddress);
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) => Record($"console.{message.Type}: {message.Text} ({message.Location})", message.Type == "error");
        _page.PageError += (_, error) => Record($"page error: {error}", isError: true);
    }

    /// <summary>Opens <paramref name="path"/> and fails unless the server answered 200.</summary>
    protected async Task GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Status == 200, $"GET {path} answered {response.Status} {response.StatusText}");
    }

    /// <summary>Fails with the messages when any page of this test logged a console error or
    /// threw, such as a resource or inline script refused by the Content-Security-Policy.</summary>
    protected void AssertNoBrowserErrors() =>
        Assert.True(BrowserErrors.Count == 0, "The browser reported errors:\n" + string.Join('\n', BrowserErrors));

    /// <summary>Signs in through the sign-in form the page shows: fills "Email" and "Password",
    /// and "Authenticator code" when <paramref name="totpSecret"/> (the base32 key an authenticator
    /// app is given) is set, whether the code is asked on the same form or on the next page, and
    /// presses "Sign in". The code is for the time of <paramref name="clock"/>: the system clock
    /// unless the app checks codes against its injected one (then pass <c>App.Clock</c>).</summary>
    protected async Task SignInAsync(string email, string password, string? totpSecret = null, TimeProvider? clock = null)
    {
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        var code = Page.GetByLabel("Authenticator code");
        var signIn = Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
        if (totpSecret is null)
        {
            await signIn.ClickAsync();
            return;
        }
        var totp = Totp.Code(totpSecret, (clock ?? TimeProvider.System).GetUtcNow());
        if (await code.CountAsync() > 0)
        {
            await code.FillAsync(totp);
            await signIn.ClickAsync();
            return;
        }
        await signIn.ClickAsync();
        await code.FillAsync(totp);                   // waits for the second step's form
        await signIn.ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
        {
            return;
        }
        if (_page is not null && TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await SaveEvidenceAsync(_page);
        }
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void Record(string line, bool isError)
    {
        lock (_console)
        {
            _console.Add(line);
            if (isError)
            {
                _errors.Add(line);
            }
        }
    }

    /// <summary>A screenshot, the HTML and the console of the page as the test left it, so that a
    /// failure on CI can be understood from its artifacts alone.</summary>
    private async Task SaveEvidenceAsync(IPage page)
    {
        var folder = ArtifactsFolder();
        Directory.CreateDirectory(folder);
        var test = TestContext.Current.Test;
        var name = FileName($"{test?.TestCase.TestClassName?.Split('.')[^1]}.{test?.TestDisplayName.Split('.')[^1]}");
        var basePath = Path.Combine(folder, name);
        string[] console;
        lock (_console)
        {
            console = [$"url: {page.Url}", .. _console];
        }
        await File.WriteAllLinesAsync(basePath + ".console.txt", console, CancellationToken.None);
        if (!page.IsClosed)
        {
            await page.ScreenshotAsync(new() { Path = basePath + ".png", FullPage = true });
            await File.WriteAllTextAsync(basePath + ".html", await page.ContentAsync(), CancellationToken.None);
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"The page as the test left it: {basePath}.png, .html, .console.txt");
    }

    private static string FileName(string name)
    {
        // Only characters every file system and CI artifact upload accepts.
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }
        return builder.Length > 150 ? builder.ToString(0, 150) : builder.ToString();
    }

    /// <summary>artifacts/browser/ in the repository (the folder CI keeps), found above the test
    /// binaries; the temporary folder when the tests run from elsewhere.</summary>
    private static string ArtifactsFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Continuity.slnx")))
            {
                return Path.Combine(folder.FullName, "artifacts", "browser");
            }
        }
        return Path.Combine(Path.GetTempPath(), "continuity-browser");
    }
}
