using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CloudAudit.Reports.Html;
using CloudAudit.Reports.Tests.Support;

namespace CloudAudit.Reports.Tests;

/// <summary>The HTML file itself, without a browser: self-contained, inert data, a CSP that allows only our own code.</summary>
public class HtmlReportTests
{
    private static string Html(Analysis.ScanReport report) => Render.ToText(HtmlReportWriter.Write, report);

    private static string DataBlock(string html)
    {
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success);
        return match.Groups[1].Value;
    }

    [Fact]
    public void Is_one_file_that_loads_nothing_from_anywhere()
    {
        var html = Html(TestReports.Demo());
        Assert.DoesNotMatch("(src|href)\\s*=\\s*[\"']?(https?:)?//", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void The_policy_allows_exactly_the_inline_style_and_script_by_hash()
    {
        var html = Html(TestReports.Demo());
        string Hash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var script = Regex.Matches(html, "<script>(.*?)</script>", RegexOptions.Singleline).Single().Groups[1].Value;
        Assert.Contains($"style-src '{Hash(style)}'", html);
        Assert.Contains($"script-src '{Hash(script)}'", html);
        Assert.DoesNotContain("unsafe-inline", html);
    }

    [Fact]
    public void Hostile_values_cannot_leave_the_data_block()
    {
        var html = Html(Hostile.Report());
        var data = DataBlock(html);
        Assert.DoesNotContain("<", data);
        Assert.DoesNotContain(">", data);
        Assert.DoesNotContain("\u2028", data);
        Assert.DoesNotContain("\u2029", data);
        Assert.Equal(2, Regex.Matches(html, "<script").Count);
        // The data still says exactly what was scanned.
        using var parsed = JsonDocument.Parse(data);
        var resources = parsed.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("resource").GetString()).ToHashSet();
        Assert.All(Hostile.Values, v => Assert.Contains(v, resources));
    }

    [Fact]
    public void Data_lists_each_check_once_and_every_result_and_finding()
    {
        var report = TestReports.Demo();
        using var data = JsonDocument.Parse(DataBlock(Html(report)));
        var root = data.RootElement;
        Assert.Equal(CloudAudit.Checks.CheckRegistry.All.Count, root.GetProperty("checks").GetArrayLength());
        Assert.Equal(report.Results.Count, root.GetProperty("results").GetArrayLength());
        Assert.Equal(TestReports.Demo().Summary.TotalFindings, root.GetProperty("findings").GetArrayLength());
        Assert.Contains("Most urgent: CloudTrail bucket not fully protected", root.GetProperty("executive_summary").GetString());
    }
}
