using Microsoft.Playwright;

namespace CloudAudit.Reports.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (its .NET package brings its own driver; no browser download):
/// headless, no sandbox, no background network, a fresh profile. test.sh installs chromium when missing;
/// CHROMIUM_PATH overrides where it is.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private string? _profile;

    public IBrowserContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH");
        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("cloud-audit-chromium-").FullName;
        Context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
    }

    public async Task DisposeAsync()
    {
        if (Context is not null) await Context.CloseAsync();
        _playwright?.Dispose();
        if (_profile is not null)
            try { Directory.Delete(_profile, recursive: true); } catch (IOException) { /* chromium may still hold a lock file */ }
    }

    /// <summary>Where screenshots go for CI's logs: the test project's TestResults folder.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudAudit.Reports.Tests.csproj")))
            dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}

/// <summary>One opened report page, with everything it logged or requested.</summary>
public sealed class ReportPage
{
    public required IPage Page { get; init; }
    public required string Url { get; init; }
    public List<string> Errors { get; } = [];
    public List<string> Requests { get; } = [];

    public static async Task<ReportPage> OpenAsync(IBrowserContext context, string htmlPath)
    {
        var page = await context.NewPageAsync();
        var url = new Uri(htmlPath).AbsoluteUri;
        var opened = new ReportPage { Page = page, Url = url };
        page.Console += (_, message) => { if (message.Type is "error" or "warning") opened.Errors.Add($"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => opened.Errors.Add($"page error: {error}");
        page.Request += (_, request) => opened.Requests.Add(request.Url);
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("html[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return opened;
    }

    public Task<int> CountAsync(string selector) => Page.Locator(selector).CountAsync();

    public async Task<string> ShownCountAsync() => (await Page.Locator("#shown-count").TextContentAsync())!;
}
