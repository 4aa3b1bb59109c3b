using CloudAudit.Analysis;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Reports.Compliance;
using CloudAudit.Reports.Markdown;
using CloudAudit.Reports.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CloudAudit.Reports.Tests;

/// <summary>The compliance reports: the auditor's HTML in Chromium, and hostile scanned values in HTML and Markdown.</summary>
public class ComplianceReportTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly Lazy<ScanReport> DemoSoc2 = new(() => Assessed(TestReports.Demo(), "soc2_type2"));

    private static ScanReport Assessed(ScanReport scan, string framework) =>
        scan with { Compliance = ComplianceAssessor.Assess(FrameworkCatalog.Default.Find(framework)!, scan) };

    private async Task<ReportPage> OpenAsync(ScanReport report, string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cloud-audit-compliance-html-").FullName, name);
        await File.WriteAllTextAsync(path, ComplianceHtmlWriter.Render(report));
        return await ReportPage.OpenAsync(browser.Context, path);
    }

    [Fact]
    public async Task Soc2_report_of_the_demo_renders_in_chromium_with_every_control_evidence_fixes_and_the_disclaimer()
    {
        var report = DemoSoc2.Value;
        var compliance = report.Compliance!;
        var page = await OpenAsync(report, "soc2.html");
        var p = page.Page;

        Assert.Equal(43, await page.CountAsync("details.control[id^='control-']"));
        Assert.Equal(compliance.Summary.Failed, await page.CountAsync("details.control[data-status='FAIL'][open]"));
        Assert.Equal(compliance.Summary.Manual, await page.CountAsync("details.control[data-status='MANUAL']"));
        Assert.Equal($"{compliance.Summary.ReadinessPercent}%", await p.Locator("#readiness .n").TextContentAsync());
        Assert.True(await p.Locator("#disclaimer").IsVisibleAsync());
        Assert.Contains("not a certification", await p.Locator("#disclaimer").TextContentAsync());

        // Every failing check a control links to has its fixes in the page, with real resource IDs.
        var links = await p.Locator("a[href^='#fix-']").EvaluateAllAsync<string[]>("a => [...new Set(a.map(x => x.getAttribute('href').slice(1)))]");
        Assert.NotEmpty(links);
        foreach (var id in links)
            Assert.Equal(1, await page.CountAsync($"[id='{id}']"));
        Assert.True(await page.CountAsync("#fixes pre code") > 0);
        var firstFinding = compliance.Controls.First(c => c.Status == ControlStatus.Fail).Findings[0];
        Assert.Contains(firstFinding.Finding.ResourceId, await p.Locator("#fixes").TextContentAsync());

        // What a person must verify: one row per manual or partly covered control, each with its text.
        Assert.Equal(compliance.Summary.NeedPerson, await page.CountAsync("#manual tr[data-control]"));
        var manual = compliance.Controls.First(c => c.Status == ControlStatus.Manual);
        Assert.Contains(manual.Control.Verify!, await p.Locator($"#manual tr[data-control='{manual.Control.Id}']").TextContentAsync());

        // The attack chains a control's failing findings are part of are named in that control.
        var violated = compliance.Controls.Where(c => c.ViolatedByChains.Count > 0).ToList();
        Assert.NotEmpty(violated);
        Assert.Equal(violated.Count, await page.CountAsync("details.control[data-status='FAIL'] p.chains"));
        Assert.Contains(violated[0].ViolatedByChains[0].Name, await p.Locator($"[id='control-{violated[0].Control.Id}'] p.chains").TextContentAsync());

        var screenshot = BrowserFixture.ScreenshotPath("compliance-soc2-demo.png");
        await p.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.Empty(page.Errors);
        Assert.Equal([page.Url], page.Requests);
        await p.CloseAsync();
    }

    [Fact]
    public async Task Hostile_values_stay_text_in_the_html_report()
    {
        var page = await OpenAsync(Assessed(Hostile.Report(), "cis_aws_v5"), "hostile.html");
        var p = page.Page;
        await p.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        Assert.Null(await p.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        Assert.Equal(0, await page.CountAsync("script, img, iframe, object, embed, svg"));
        Assert.Equal(0, await p.EvaluateAsync<int>("() => [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"));
        Assert.Equal(0, await page.CountAsync("a[href^='javascript'], a[href*='evil']"));
        Assert.Contains("<script>window.__pwned='PWNED'</script>", await p.EvaluateAsync<string>("() => document.body.innerText"));
        Assert.Empty(page.Errors);
        await p.CloseAsync();
    }

    [Fact]
    public void Hostile_values_are_escaped_in_the_markdown_report()
    {
        var markdown = ComplianceMarkdownWriter.Render(Assessed(Hostile.Report(), "cis_aws_v5"));
        foreach (var line in markdown.Split('\n').Where(l => !l.StartsWith("  ", StringComparison.Ordinal)))
        {
            Assert.DoesNotMatch(@"(?<!\\)<script", line);
            Assert.DoesNotContain("](https://evil", line, StringComparison.Ordinal);
            Assert.DoesNotContain("@octocat", line, StringComparison.Ordinal);
        }
        Assert.Contains("\\<script\\>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_report_lists_controls_fixes_and_manual_items()
    {
        var report = DemoSoc2.Value;
        var markdown = ComplianceMarkdownWriter.Render(report);
        Assert.Contains($"compliance readiness {report.Compliance!.Summary.ReadinessPercent}%", markdown, StringComparison.Ordinal);
        Assert.Equal(43 + 2, markdown.Split("## Controls")[1].Split("\n## ")[0].Split('\n').Count(l => l.StartsWith('|')));
        Assert.Contains("```bash", markdown, StringComparison.Ordinal);
        var chains = markdown.Split("## Attack chains and the controls they violate")[1].Split("\n## ")[0];
        foreach (var chain in report.AttackPaths.Chains.Where(ch => report.Compliance.Controls.Any(c => c.ViolatedByChains.Contains(ch))))
            Assert.Contains(MarkdownText.Escape(ComplianceView.Chain(chain), 4000), chains, StringComparison.Ordinal);
        Assert.Equal(report.Compliance.Summary.NeedPerson, markdown.Split("## What a person must verify")[1].Split('\n').Count(l => l.StartsWith("- **", StringComparison.Ordinal)));
    }
}
