using CloudAudit.Reports.Markdown;
using CloudAudit.Reports.Tests.Support;

namespace CloudAudit.Reports.Tests;

public class MarkdownReportTests
{
    [Fact]
    public void Demo_comment_puts_the_summary_first_and_lists_every_finding()
    {
        var report = TestReports.Demo();
        var findings = report.Summary.TotalFindings;
        var unassessed = report.Results.Count(r => r.Result.Status is Checks.Framework.CheckStatus.NotAssessed or Checks.Framework.CheckStatus.Error);
        var text = MarkdownReportWriter.Render(report);
        Assert.StartsWith($"## cloud-audit: {findings} finding(s), health score {report.Summary.Score}/100", text);
        Assert.True(text.IndexOf("| Findings |", StringComparison.Ordinal) < text.IndexOf($"### Findings ({findings})", StringComparison.Ordinal));
        Assert.Contains($"### Not assessed ({unassessed})", text);
        // Every finding is listed, or counted among those the size limit left out.
        var rows = text.Split('\n').Count(l => l.StartsWith("| CRITICAL", StringComparison.Ordinal) || l.StartsWith("| HIGH", StringComparison.Ordinal)
            || l.StartsWith("| MEDIUM", StringComparison.Ordinal) || l.StartsWith("| LOW", StringComparison.Ordinal) || l.StartsWith("| INFO", StringComparison.Ordinal));
        var omitted = System.Text.RegularExpressions.Regex.Match(text, @"_(\d+) more finding\(s\) omitted");
        Assert.Equal(findings, rows + (omitted.Success ? int.Parse(omitted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0));
        Assert.True(text.Length <= 65_536);
    }

    [Fact]
    public void Demo_comment_lists_the_attack_chains_and_the_plan_after_the_summary()
    {
        var report = TestReports.Demo();
        var chains = report.AttackPaths.Chains;
        Assert.NotEmpty(chains);
        var text = MarkdownReportWriter.Render(report);
        Assert.True(text.IndexOf("| Findings |", StringComparison.Ordinal) < text.IndexOf($"### Attack chains ({chains.Count})", StringComparison.Ordinal));
        var rows = text.Split('\n').Where(l => l.StartsWith(@"| AC\-", StringComparison.Ordinal) || l.StartsWith(@"| CA\-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Math.Min(15, chains.Count), rows.Count);
        Assert.StartsWith($"| {chains[0].ChainId.Replace("-", "\\-", StringComparison.Ordinal)} | {chains[0].Severity.ToString().ToLowerInvariant()} |", rows[0]);
        Assert.Contains($"**Remediation plan: fix {report.AttackPaths.RootCauses.Count} thing(s), break {report.AttackPaths.ChainsBrokenByPlan} chain(s).**", text);
    }

    [Fact]
    public void A_large_report_is_cut_under_the_GitHub_limit_and_says_how_many_were_left_out()
    {
        var text = MarkdownReportWriter.Render(TestReports.Synthetic(5000));
        Assert.True(text.Length <= 65_536, $"{text.Length} characters");
        Assert.StartsWith("## cloud-audit:", text);
        var rows = text.Split('\n').Count(l => l.StartsWith("| CRITICAL", StringComparison.Ordinal) || l.StartsWith("| HIGH", StringComparison.Ordinal)
            || l.StartsWith("| MEDIUM", StringComparison.Ordinal) || l.StartsWith("| LOW", StringComparison.Ordinal) || l.StartsWith("| INFO", StringComparison.Ordinal));
        var omitted = System.Text.RegularExpressions.Regex.Match(text, @"_(\d+) more finding\(s\) omitted");
        Assert.True(omitted.Success);
        Assert.Equal(5000, rows + int.Parse(omitted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        // Most severe first: the rows that fit are the ones to fix first.
        Assert.Contains("| CRITICAL", text);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[click](https://evil.example)")]
    [InlineData("![img](https://evil.example/x.png)")]
    [InlineData("a | b")]
    [InlineData("`code`")]
    [InlineData("**bold** _it_ ~~gone~~")]
    [InlineData("@octocat")]
    [InlineData("https://evil.example and WWW.evil.example")]
    [InlineData("line\nbreak\r\u2028sep")]
    [InlineData("&lt;b&gt;")]
    [InlineData("$x^2$")]
    [InlineData("# heading\n- item\n1. item")]
    public void Untrusted_text_loses_its_Markdown_meaning(string value)
    {
        var escaped = MarkdownText.Escape(value);
        Assert.DoesNotContain('\n', escaped);
        Assert.DoesNotContain('\r', escaped);
        for (var i = 0; i < escaped.Length; i++)
        {
            if ("`*_{}[]()#+-.!|<>~&$".Contains(escaped[i], StringComparison.Ordinal))
                Assert.True(i > 0 && escaped[i - 1] == '\\', $"unescaped '{escaped[i]}' at {i} in {escaped}");
        }
        Assert.DoesNotContain("@o", escaped);
        Assert.DoesNotContain("://", escaped);
        Assert.DoesNotContain("www", escaped, StringComparison.OrdinalIgnoreCase);
        // Rendered, the reader still sees the original text.
        var shown = escaped.Replace("\\", "", StringComparison.Ordinal).Replace("\u200B", "", StringComparison.Ordinal);
        Assert.Equal(string.Concat(value.Select(c => char.IsControl(c) || c == '\u2028' ? ' ' : c)), shown);
    }

    [Fact]
    public void Overlong_values_are_cut()
    {
        Assert.True(MarkdownText.Escape(new string('a', 50_000)).Length <= 1001);
    }
}

public class MarkdownPullRequestTests
{
    [Fact]
    public void Every_failed_check_is_named_even_when_twenty_thousand_findings_do_not_fit()
    {
        var report = TestReports.Synthetic(20_000);
        var text = MarkdownReportWriter.Render(report);
        Assert.True(text.Length < 65_536, $"{text.Length} characters");
        var failing = report.Results.Where(r => r.Active.Any()).Select(r => r.Info.Id).Distinct().ToList();
        Assert.True(failing.Count > 100);
        Assert.Contains($"### Failed checks ({failing.Count})", text);
        foreach (var check in failing)
            Assert.Contains($"| {MarkdownText.Escape(check)} |", text);
        // The grouped table comes first, then the details, most severe first.
        Assert.True(text.IndexOf("### Failed checks", StringComparison.Ordinal) < text.IndexOf("### Findings", StringComparison.Ordinal));
        var details = text[text.IndexOf("### Findings", StringComparison.Ordinal)..];
        Assert.StartsWith("| CRITICAL", details.Split('\n').First(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| Severity", StringComparison.Ordinal)));
    }

    [Fact]
    public void With_a_baseline_only_new_findings_are_listed_and_counted()
    {
        var report = TestReports.Of([TestReports.Finding("trail-old"), TestReports.Finding("trail-new")]);
        var known = report.Results.SelectMany(r => r.Findings).Where(f => f.Finding.ResourceId == "trail-old").Select(f => f.Fingerprint).ToHashSet();
        var text = MarkdownReportWriter.Render(report with { Baseline = new Analysis.ScanBaseline("last (scan 4)", known) });
        Assert.StartsWith("## cloud-audit: 1 new finding(s), health score", text);
        Assert.Contains("**Baseline** last \\(scan 4\\): 1 new finding(s) not in the baseline; 1 known finding(s) in it are not listed.", text);
        Assert.Contains("trail\\-new", text);
        Assert.DoesNotContain("trail\\-old", text);
    }
}
