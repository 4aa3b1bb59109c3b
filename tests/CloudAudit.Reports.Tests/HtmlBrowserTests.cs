using System.Diagnostics;
using CloudAudit.Analysis;
using CloudAudit.Reports.Html;
using CloudAudit.Reports.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CloudAudit.Reports.Tests;

/// <summary>The HTML report in a real browser (Debian's Chromium through Playwright).</summary>
public class HtmlBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static string WriteReport(ScanReport report, string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cloud-audit-html-").FullName, name);
        using (var file = File.Create(path))
            HtmlReportWriter.Write(report, file);
        return path;
    }

    private async Task<ReportPage> OpenAsync(ScanReport report, string name = "report.html") =>
        await ReportPage.OpenAsync(browser.Context, WriteReport(report, name));

    private static void AssertClean(ReportPage page)
    {
        Assert.Empty(page.Errors);
        Assert.Equal([page.Url], page.Requests);
    }

    [Fact]
    public async Task Demo_report_loads_with_no_console_error_and_no_network_request()
    {
        var report = TestReports.Demo();
        var page = await OpenAsync(report);
        var findings = report.Summary.TotalFindings;
        Assert.Equal($"Showing {findings} of {findings} findings", await page.ShownCountAsync());
        // Each priority group renders its first 50 findings; the rest arrive as the reader scrolls.
        var groups = report.ActiveFindings.GroupBy(f => f.Severity switch
            {
                Checks.Framework.Severity.Critical or Checks.Framework.Severity.High => "Fix now",
                Checks.Framework.Severity.Medium => "Fix this week",
                _ => "Plan",
            }).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(groups.Values.Sum(n => Math.Min(n, 50)), await page.CountAsync("details.finding"));
        Assert.Equal(new[] { "Fix now", "Fix this week", "Plan" }.Where(groups.ContainsKey).ToArray(),
            await page.Page.Locator("section.group").EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.group)"));
        Assert.Equal($"{report.Summary.Score}/100", await page.Page.Locator("#score-value").TextContentAsync());
        Assert.Contains("Most urgent", await page.Page.Locator("#executive-summary").TextContentAsync());
        Assert.Equal(report.Results.Count(r => r.Result.Status == Checks.Framework.CheckStatus.NotAssessed),
            await page.CountAsync("details.check-group[data-status='NOT_ASSESSED'] tr td strong"));
        var screenshot = BrowserFixture.ScreenshotPath("html-report-demo.png");
        await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        AssertClean(page);
        await page.Page.CloseAsync();
    }

    [Fact]
    public async Task A_recorded_scan_shows_its_score_trend_and_a_report_without_history_does_not()
    {
        var report = TestReports.Demo();
        Assert.True(await (await OpenAsync(report)).Page.Locator("#trend-section").IsHiddenAsync());

        var at = TestReports.Now;
        var points = new[] { 40, 55, 0 }.Select((score, i) => new Analysis.Trends.PosturePoint(i + 1, at.AddDays(i - 2), "210987654321", score, 10 - i, i, 2, 3, 4, 0))
            .Append(new Analysis.Trends.PosturePoint(3, at, "310987654322", 90, 1, 0, 0, 1, 0, 0)).ToList();
        var page = await OpenAsync(report with { Trend = points });
        var p = page.Page;
        Assert.True(await p.Locator("#trend-section").IsVisibleAsync());
        // One chart per account with at least two scans; one dot per scan, each with its figures.
        Assert.Equal(["210987654321"], await p.Locator(".trend-chart").EvaluateAllAsync<string[]>("c => c.map(x => x.dataset.account)"));
        Assert.Equal(3, await page.CountAsync(".trend-chart circle"));
        Assert.Equal("scan 2, 2026-11-27 10:00: score 55, 9 findings (1 critical, 2 high)", await p.Locator(".trend-chart circle title").Nth(1).TextContentAsync());
        Assert.Contains("from 40 to 0", await p.Locator(".trend-chart svg").GetAttributeAsync("aria-label"));
        AssertClean(page);
        await p.CloseAsync();
    }

    [Fact]
    public async Task Attack_chains_are_drawn_one_path_per_chain_beside_the_remediation_plan()
    {
        var report = TestReports.Demo();
        var page = await OpenAsync(report, "chains.html");
        Assert.True(await page.Page.Locator("#chains-section").IsVisibleAsync());
        Assert.Equal(report.AttackPaths.Chains.Count, await page.CountAsync("details.chain"));
        var first = report.AttackPaths.Chains[0];
        var chain = page.Page.Locator("details.chain").First;
        Assert.Equal(first.ChainId, await chain.GetAttributeAsync("data-chain"));
        await chain.Locator("summary").ClickAsync();
        var path = chain.Locator("svg.chain-path");
        Assert.Equal(first.VizSteps.Count, await path.Locator("rect.chain-box").CountAsync());
        Assert.Equal(first.VizSteps.Count - 1, await path.Locator("line.chain-arrow").CountAsync());
        Assert.Equal(string.Join(" \u2192 ", first.VizSteps.Select(s => s.Label)), await path.GetAttributeAsync("aria-label"));
        Assert.True((await path.BoundingBoxAsync())!.Width > 200);
        Assert.Contains(first.PriorityFix.Title, await chain.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal($"Remediation plan: fix {report.AttackPaths.RootCauses.Count} thing{(report.AttackPaths.RootCauses.Count == 1 ? "" : "s")}, "
            + $"break {report.AttackPaths.ChainsBrokenByPlan} chain{(report.AttackPaths.ChainsBrokenByPlan == 1 ? "" : "s")}.",
            await page.Page.Locator("#plan-line").TextContentAsync());
        AssertClean(page);
        await page.Page.CloseAsync();

        var plain = await OpenAsync(TestReports.Of([TestReports.Finding("trail-a")]), "no-chains.html");
        Assert.False(await plain.Page.Locator("#chains-section").IsVisibleAsync());
        AssertClean(plain);
        await plain.Page.CloseAsync();
    }

    [Fact]
    public async Task Filters_and_search_change_what_is_shown()
    {
        var report = TestReports.Of([
            TestReports.Finding("alpha-trail", region: "eu-west-1", account: "111111111111", severity: Checks.Framework.Severity.Critical),
            TestReports.Finding("beta-trail", region: "us-east-1", account: "111111111111"),
            TestReports.Finding("gamma-logs", region: "us-east-1", account: "222222222222", checkId: "aws-cw-016"),
            TestReports.Finding("delta-trail", region: "eu-west-1", account: "222222222222", checkId: "aws-ct-005", severity: Checks.Framework.Severity.Low),
            TestReports.Finding("accepted-trail", region: "eu-west-1", account: "222222222222", checkId: "aws-ct-005"),
        ], new AnalysisOptions { Suppressions = [new Suppression("aws-ct-005", "accepted-*", "Known", "ops", new DateOnly(2099, 1, 1))] });
        var page = await OpenAsync(report);
        var p = page.Page;
        async Task<string[]> Shown() => await p.Locator("details.finding").EvaluateAllAsync<string[]>(
            "d => d.map(x => x.querySelector('.meta').textContent.split(' · ')[0])");

        Assert.Equal(["alpha-trail", "beta-trail", "gamma-logs", "delta-trail"], await Shown());
        await p.SelectOptionAsync("#filter-severity", "critical");
        Assert.Equal(["alpha-trail"], await Shown());
        await p.ClickAsync("#filter-reset");
        await p.SelectOptionAsync("#filter-region", "us-east-1");
        Assert.Equal(["beta-trail", "gamma-logs"], await Shown());
        await p.ClickAsync("#filter-reset");
        await p.SelectOptionAsync("#filter-service", "CloudWatch");
        Assert.Equal(["gamma-logs"], await Shown());
        await p.ClickAsync("#filter-reset");
        await p.SelectOptionAsync("#filter-account", "222222222222");
        Assert.Equal(["gamma-logs", "delta-trail"], await Shown());
        await p.ClickAsync("#filter-reset");
        await p.SelectOptionAsync("#filter-check", new SelectOptionValue { Label = await CheckLabel(p, "aws-ct-005") });
        Assert.Equal(["delta-trail"], await Shown());
        await p.SelectOptionAsync("#filter-status", "suppressed");
        Assert.Equal(["accepted-trail"], await Shown());
        await p.ClickAsync("#filter-reset");
        await p.FillAsync("#search", "TRAIL eu-west");
        await p.WaitForFunctionAsync("() => document.querySelectorAll('details.finding').length === 2");
        Assert.Equal(["alpha-trail", "delta-trail"], await Shown());
        await p.FillAsync("#search", "no-such-thing");
        await p.WaitForFunctionAsync("() => document.querySelectorAll('details.finding').length === 0");
        Assert.Equal("No finding matches these filters.", await p.Locator("#finding-groups").TextContentAsync());
        AssertClean(page);
        await p.CloseAsync();
    }

    private static async Task<string> CheckLabel(IPage page, string checkId) =>
        await page.Locator("#filter-check option").EvaluateAllAsync<string>(
            $"o => o.map(x => x.textContent).find(t => t.startsWith('{checkId} '))");

    [Fact]
    public async Task Expanding_a_finding_shows_its_fix_and_copy_puts_the_command_on_the_clipboard()
    {
        var report = TestReports.Of([TestReports.Finding("my trail's name")]);
        var cli = report.ActiveFindings.Single().Remediation!.Cli;
        var page = await OpenAsync(report);
        var p = page.Page;
        Assert.Equal(0, await page.CountAsync("details.finding .details"));
        await p.ClickAsync("details.finding summary");
        // The details are built by the toggle event, which fires after the click returns.
        await p.WaitForSelectorAsync("details.finding .details");
        Assert.Equal(1, await page.CountAsync("details.finding .details"));
        Assert.Equal(cli, await p.Locator(".code-block pre").First.TextContentAsync());
        Assert.Contains("enable_log_file_validation = true", await p.Locator(".code-block pre").Nth(1).TextContentAsync());
        await p.Locator(".code-block .copy").First.ClickAsync();
        await p.WaitForSelectorAsync(".copy[data-copied='true']");
        Assert.Equal(cli, await p.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        AssertClean(page);
        await p.CloseAsync();
    }

    [Fact]
    public async Task Hostile_values_show_as_text_and_nothing_runs_or_is_injected()
    {
        var page = await OpenAsync(Hostile.Report());
        var p = page.Page;
        await p.SelectOptionAsync("#filter-status", "");
        await p.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await p.WaitForFunctionAsync("() => document.querySelectorAll('details.finding .details').length === document.querySelectorAll('details.finding').length");
        Assert.Equal(Hostile.Values.Count, await page.CountAsync("details.finding"));
        Assert.Null(await p.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        Assert.Equal(0, await page.CountAsync("img, iframe, object, embed, body svg:not(#score-ring)"));
        Assert.Equal(2, await page.CountAsync("script"));
        Assert.Equal(0, await p.EvaluateAsync<int>("() => [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"));
        Assert.Equal(0, await page.CountAsync("a[href^='javascript'], details.finding a[href*='evil']"));
        var text = await p.EvaluateAsync<string>("() => document.body.innerText");
        Assert.Contains("<script>window.__pwned='PWNED'</script>", text);
        Assert.Contains("<img src=x onerror=", text);
        await p.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("html-report-hostile.png"), FullPage = true });
        AssertClean(page);
        await p.CloseAsync();
    }

    [Fact]
    public async Task Dark_by_preference_with_a_toggle_that_overrides_it()
    {
        var page = await OpenAsync(TestReports.Demo());
        var p = page.Page;
        async Task<string> Background() => await p.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await p.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(20, 23, 27)", await Background());
        await p.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("html-report-dark.png") });
        await p.ClickAsync("#theme-toggle");
        Assert.Equal("Theme: light", await p.Locator("#theme-toggle").TextContentAsync());
        Assert.Equal("rgb(246, 247, 249)", await Background());
        await p.ClickAsync("#theme-toggle");
        await p.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        Assert.Equal("rgb(20, 23, 27)", await Background());
        await p.ClickAsync("#theme-toggle");
        Assert.Equal("Theme: auto", await p.Locator("#theme-toggle").TextContentAsync());
        AssertClean(page);
        await p.CloseAsync();
    }

    [Fact]
    public async Task Printing_expands_every_finding_and_hides_the_controls()
    {
        var report = TestReports.Synthetic(400);
        var page = await OpenAsync(report);
        var p = page.Page;
        Assert.True(await page.CountAsync("details.finding") < 400);
        await p.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await p.EvaluateAsync("() => window.dispatchEvent(new Event('beforeprint'))");
        Assert.Equal(400, await page.CountAsync("details.finding[open]"));
        Assert.Equal(400, await page.CountAsync("details.finding .details"));
        Assert.Equal("none", await p.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('filters')).display"));
        Assert.Equal("none", await p.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.copy')).display"));
        var pdf = await p.PdfAsync();
        Assert.True(pdf.Length > 10_000);
        AssertClean(page);
        await p.CloseAsync();
    }

    [Fact]
    public async Task Twenty_thousand_findings_load_a_page_at_a_time_and_filter()
    {
        var report = TestReports.Synthetic(20_000);
        var clock = Stopwatch.StartNew();
        var path = WriteReport(report, "large.html");
        var written = clock.Elapsed;
        clock.Restart();
        var page = await ReportPage.OpenAsync(browser.Context, path);
        var loaded = clock.Elapsed;
        var p = page.Page;
        Assert.Equal("Showing 20000 of 20000 findings", await page.ShownCountAsync());
        // Lazy rendering: one page per priority group, no details until opened.
        Assert.InRange(await page.CountAsync("details.finding"), 1, 150);
        Assert.Equal(0, await page.CountAsync("details.finding .details"));

        clock.Restart();
        await p.SelectOptionAsync("#filter-severity", "medium");
        var filtered = clock.Elapsed;
        Assert.Equal($"Showing {report.Summary.BySeverity[Checks.Framework.Severity.Medium]} of 20000 findings", await page.ShownCountAsync());
        await p.ClickAsync("#filter-reset");
        clock.Restart();
        await p.FillAsync("#search", "synthetic-bucket-01234");
        await p.WaitForFunctionAsync("() => document.getElementById('shown-count').textContent === 'Showing 1 of 20000 findings'");
        var searched = clock.Elapsed;
        await p.ClickAsync("#filter-reset");
        var before = await page.CountAsync("details.finding");
        await p.Locator("button.more").First.ClickAsync();
        Assert.Equal(before + 50, await page.CountAsync("details.finding"));
        AssertClean(page);
        output.WriteLine($"20,000 findings: {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB, written in {written.TotalMilliseconds:F0} ms, "
            + $"loaded in {loaded.TotalMilliseconds:F0} ms, severity filter {filtered.TotalMilliseconds:F0} ms, search {searched.TotalMilliseconds:F0} ms");
        await p.CloseAsync();
    }
}
