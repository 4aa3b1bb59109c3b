using System.Text.Json;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Reports.Csv;
using CloudAudit.Reports.Json;
using CloudAudit.Reports.Ocsf;
using CloudAudit.Reports.Sarif;
using CloudAudit.Reports.Shared;
using CloudAudit.Reports.Tests.Support;

namespace CloudAudit.Reports.Tests;

/// <summary>Every finding carries its controls in every framework, in every machine format.</summary>
public class ComplianceRefsTests
{
    private static readonly Analysis.ScanReport Report = TestReports.Of([TestReports.Finding("open-bucket", checkId: "aws-s3-001")]);

    /// <summary>One control of every framework that maps aws-s3-001, as the catalog says it.</summary>
    private static readonly string[] Expected = FrameworkCatalog.Default.Frameworks
        .Select(f => f.Controls.Where(c => c.Checks.Contains("aws-s3-001")).Select(f.RefFor).FirstOrDefault())
        .OfType<string>().Append("CIS 2.1.4").ToArray();

    [Fact]
    public void The_references_name_controls_of_every_framework_that_maps_the_check()
    {
        var refs = ComplianceRefs.For("aws-s3-001");
        Assert.Equal(refs.Count, refs.Distinct().Count());
        Assert.All(Expected, e => Assert.Contains(e, refs));
        Assert.Contains(refs, r => r.StartsWith("SOC2 ", StringComparison.Ordinal));
        Assert.Contains(refs, r => r.StartsWith("AWS FSBP ", StringComparison.Ordinal));
        Assert.Equal("CIS 2.1.4", refs[0]);
        Assert.Contains(ComplianceRefs.Grouped("aws-s3-001"), g => g.StartsWith("SOC2 CC", StringComparison.Ordinal) && g.Contains(", ", StringComparison.Ordinal));
        Assert.Empty(ComplianceRefs.For("aws-nope-001"));
    }

    [Fact]
    public void Json_findings_carry_them_in_compliance_refs()
    {
        var root = JsonDocument.Parse(Render.ToText(JsonReportWriter.Write, Report)).RootElement;
        var finding = root.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("findings").EnumerateArray()).Single();
        var refs = finding.GetProperty("compliance_refs").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.All(Expected, e => Assert.Contains(e, refs));
    }

    [Fact]
    public void Sarif_rules_carry_them_as_tags_and_results_as_properties()
    {
        var run = JsonDocument.Parse(Render.ToText(SarifReportWriter.Write, Report)).RootElement.GetProperty("runs")[0];
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "aws-s3-001");
        var tags = rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.All(Expected, e => Assert.Contains(e, tags));
        var result = run.GetProperty("results").EnumerateArray().Single();
        Assert.All(Expected, e => Assert.Contains(e, result.GetProperty("properties").GetProperty("compliance").EnumerateArray().Select(t => t.GetString())));
    }

    [Fact]
    public void Csv_rows_carry_them_in_the_compliance_column()
    {
        var rows = Rfc4180.Parse(Render.ToText(CsvReportWriter.Write, Report));
        var column = rows[0].IndexOf("compliance");
        var row = rows.Single(r => r.Contains("open-bucket"));
        var refs = row[column].Split("; ");
        Assert.All(Expected, e => Assert.Contains(e, refs));
    }

    [Fact]
    public void Ocsf_findings_carry_them_under_unmapped_compliance()
    {
        var finding = JsonDocument.Parse(Render.ToText((r, s) => OcsfReportWriter.Write(r, s, jsonLines: false), Report)).RootElement.EnumerateArray().Single();
        var refs = finding.GetProperty("unmapped").GetProperty("compliance").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.All(Expected, e => Assert.Contains(e, refs));
    }
}
