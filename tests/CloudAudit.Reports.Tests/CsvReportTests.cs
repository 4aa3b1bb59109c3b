using CloudAudit.Analysis;
using CloudAudit.Reports.Csv;
using CloudAudit.Reports.Tests.Support;

namespace CloudAudit.Reports.Tests;

public class CsvReportTests
{
    private static List<List<string>> Rows(ScanReport report)
    {
        var text = Render.ToText(CsvReportWriter.Write, report);
        Assert.False(text.StartsWith('\uFEFF'), "no byte-order mark");
        Assert.EndsWith("\r\n", text);
        return Rfc4180.Parse(text[..^2]);
    }

    [Fact]
    public void Has_a_header_and_one_row_per_finding_with_every_column()
    {
        var rows = Rows(TestReports.Demo());
        Assert.Equal(CsvReportWriter.Columns, rows[0]);
        foreach (var column in new[] { "account", "region", "check_id", "severity", "title", "resource_type", "resource_id", "description", "recommendation", "cli", "terraform", "compliance", "fingerprint", "status" })
            Assert.Contains(column, rows[0]);
        Assert.Equal(TestReports.Demo().Summary.TotalFindings + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        var critical = rows[1];
        Assert.Equal("critical", critical[rows[0].IndexOf("severity")]);
        Assert.Contains("\n", critical[rows[0].IndexOf("terraform")]);
    }

    [Fact]
    public void Suppressed_findings_are_rows_marked_with_their_reason()
    {
        var report = TestReports.Of([TestReports.Finding("trail-a"), TestReports.Finding("trail-b")], new AnalysisOptions
        {
            Suppressions = [new Suppression("aws-ct-*", "trail-b", "Decommissioned next sprint", "alice", new DateOnly(2099, 1, 31))],
        });
        var rows = Rows(report);
        var header = rows[0];
        var b = rows.Single(r => r[header.IndexOf("resource_id")] == "trail-b");
        Assert.Equal("suppressed", b[header.IndexOf("status")]);
        Assert.Equal("Decommissioned next sprint", b[header.IndexOf("suppression_reason")]);
        Assert.Equal("alice", b[header.IndexOf("suppression_accepted_by")]);
        Assert.Equal("2099-01-31", b[header.IndexOf("suppression_expires")]);
        Assert.Equal("active", rows.Single(r => r[header.IndexOf("resource_id")] == "trail-a")[header.IndexOf("status")]);
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("+SUM(1,2)")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_value_a_spreadsheet_would_run_is_prefixed_with_a_quote(string value)
    {
        var rows = Rows(TestReports.Of([TestReports.Finding(value, description: value)]));
        var header = rows[0];
        Assert.Equal("'" + value, rows[1][header.IndexOf("resource_id")]);
        Assert.Equal("'" + value, rows[1][header.IndexOf("description")]);
        Assert.All(rows[1], field => Assert.False(field.Length > 0 && "=+-@\t\r".Contains(field[0]), field));
    }

    [Fact]
    public void Quotes_commas_and_line_breaks_round_trip()
    {
        const string value = "a \"quoted\", multi\nline\r\nvalue";
        var rows = Rows(TestReports.Of([TestReports.Finding("trail", description: value)]));
        Assert.Equal(value, rows[1][rows[0].IndexOf("description")]);
    }
}
