using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Tests.Support;

/// <summary>
/// Scanned values an attacker controls (bucket names, tags, descriptions built from them), each aimed at
/// one of the formats: HTML and script, Markdown and GitHub mentions, spreadsheet formulas, shell.
/// </summary>
public static class Hostile
{
    public const string Marker = "PWNED";

    public static readonly IReadOnlyList<string> Values =
    [
        "<script>window.__pwned='" + Marker + "'</script>",
        "<img src=x onerror=\"window.__pwned='" + Marker + "'\">",
        "</script><script>window.__pwned='" + Marker + "'</script><!--",
        "\"><svg onload=window.__pwned=1>",
        "javascript:window.__pwned=1",
        "[click me](https://evil.example/phish) ![img](https://evil.example/x.png) @octocat #1 **bold** `code` | pipe |",
        "<details open><summary>x</summary>hidden</details> &amp; &lt;b&gt; https://evil.example www.evil.example",
        "=cmd|' /C calc'!A0",
        "+SUM(1,2)",
        "-2+3",
        "@SUM(1)",
        "\t=1+1",
        "\r=1+1",
        "$(touch /tmp/" + Marker + ") `touch /tmp/" + Marker + "`; rm -rf / && echo " + Marker,
        "line one\necho " + Marker + "\nline three",
        "carriage\recho " + Marker,
        "sep\u2028echo " + Marker + "\u2029end\u0085next",
        "quote ' \" \\ ${HOME} %{x}",
        "null\u0000byte and bell\u0007",
        "unicode 🙂 ünïcödé 中文 \u202Eevil-rtl",
        "terminal \u001b[2J\u001b[31mred\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 [bold]markup[/] [/]",
    ];

    /// <summary>One finding per hostile value as resource ID, plus hostile regions and descriptions; two are suppressed.</summary>
    public static ScanReport Report()
    {
        var findings = Values.Select((value, i) => TestReports.Finding(value,
            region: i % 3 == 0 ? "eu-west-1" : value,
            checkId: i % 2 == 0 ? "aws-ct-002" : "aws-ct-005",
            description: "Description: " + value)).ToList();
        var suppressions = new[]
        {
            new Suppression("aws-ct-*", Values[^2], "Accepted: " + Values[0], Values[5], new DateOnly(2099, 1, 1)),
            new Suppression("aws-ct-*", Values[^4], "Reason " + Values[7], "", null),
        };
        return TestReports.Of(findings, new AnalysisOptions { Suppressions = suppressions, Today = DateOnly.FromDateTime(TestReports.Now.UtcDateTime) });
    }
}
