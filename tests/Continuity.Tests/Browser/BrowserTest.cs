using System.Text;
using Continuity.Accounts;
using Continuity.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Continuity.Tests.Browser;

/// <summary>What every browser test starts from: a fresh browser context and one page in it, on
/// the class's own app; with no cookies, or signed in as a user of <see cref="SignedInAs"/> (signed
/// in through the form once per class, its session copied into each test's context). Console
/// errors and uncaught page errors are collected (a Content-Security-Policy violation is a console
/// error), and when a test fails its screenshot, HTML and console are saved under
/// <c>artifacts/browser/</c>.</summary>
/// <example>
/// <code>
/// [Collection(InBrowser.Name)]
/// public sealed class VendorsInBrowserTests(Chromium chromium, LiveDemoApp app)
///     : BrowserTest(chromium, app), IClassFixture&lt;LiveDemoApp&gt;
/// {
///     protected override AccessRole? SignedInAs => AccessRole.Member;
/// </code>
/// </example>
public abstract class BrowserTest(Chromium chromium, LiveDemoApp app) : IAsyncLifetime
{
    private readonly List<string> _console = [];
    private readonly List<string> _errors = [];
    private IBrowserContext? _context;
    private IPage? _page;
    private BrowserSession? _session;

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

    /// <summary>Who the test's page is signed in as when the test starts: a new user with this
    /// access role, signed in through the sign-in form once for the class (each test still gets
    /// its own context, with a copy of that session's cookie); null for a page not signed in.</summary>
    protected virtual AccessRole? SignedInAs => null;

    /// <summary>The e-mail address of the user of <see cref="SignedInAs"/>.</summary>
    protected string SignedInEmail => _session?.Email ?? throw new InvalidOperationException("The test's page is not signed in (SignedInAs is null).");

    public async ValueTask InitializeAsync()
    {
        if (!App.IsRunning)
        {
            return;                                   // no database for it: the test skips (or fails under CI) saying why
        }
        if (SignedInAs is { } role)
        {
            _session = await App.SessionAsync(role, SignInOnceAsync);
        }
        _context = await chromium.NewContextAsync(App.BaseAddress, _session?.StorageState);
        _page = await _context.NewPageAsync();
        Watch(_page);
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

    /// <summary>Signs in through the sign-in form the page shows: fills "E-mail" and "Password" and
    /// presses "Sign in"; with <paramref name="totpSecret"/> (the base32 key an authenticator app is
    /// given), then fills "Code" on the two-factor page with the code for the time of the app's
    /// clock, which is the one the app checks codes against, and presses "Sign in" again.</summary>
    protected Task SignInAsync(string email, string password, string? totpSecret = null) =>
        SignInWithFormAsync(Page, email, password, totpSecret, App.Clock);

    private static async Task SignInWithFormAsync(IPage page, string email, string password, string? totpSecret, TimeProvider clock)
    {
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await signIn.ClickAsync();
        if (totpSecret is null)
        {
            return;
        }
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(totpSecret, clock.GetUtcNow()));   // waits for the second step's page
        await signIn.ClickAsync();
    }

    /// <summary>Creates a user and signs in through the real form, in a context of its own, and
    /// keeps what the browser stored. The page's console goes to this test's; when signing in
    /// fails, its evidence is saved as this test's "sign-in".</summary>
    private async Task<BrowserSession> SignInOnceAsync(AccessRole role)
    {
        var email = await App.CreateUserAsync(role);
        var context = await chromium.NewContextAsync(App.BaseAddress);
        var page = await context.NewPageAsync();
        Watch(page);
        var signedIn = false;
        try
        {
            await page.GotoAsync("/account/sign-in");
            await SignInWithFormAsync(page, email, ContinuityApp.Password, null, App.Clock);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = email, Exact = true })).ToBeVisibleAsync();   // "Signed in as …"
            signedIn = true;
            return new BrowserSession(email, await context.StorageStateAsync());
        }
        finally
        {
            if (!signedIn)
            {
                await SaveEvidenceAsync(page, "sign-in");
            }
            await context.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
        {
            return;
        }
        if (_page is not null && TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await SaveEvidenceAsync(_page, null);
        }
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) => Record($"console.{message.Type}: {message.Text} ({message.Location})", message.Type == "error");
        page.PageError += (_, error) => Record($"page error: {error}", isError: true);
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
    private async Task SaveEvidenceAsync(IPage page, string? step)
    {
        var folder = ArtifactsFolder();
        Directory.CreateDirectory(folder);
        var test = TestContext.Current.Test;
        var name = FileName($"{test?.TestCase.TestClassName?.Split('.')[^1]}.{test?.TestDisplayName.Split('.')[^1]}{(step is null ? "" : "." + step)}");
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
