using System.Text;
using System.Text.Json.Nodes;
using CloudAudit.Analysis.Fingerprints;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Json;
using CloudAudit.Reports.Tests.Support;

namespace CloudAudit.Reports.Tests;

public sealed class JsonReportReaderTests
{
    private static readonly string ReferenceFixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-report.json");

    [Fact]
    public void Our_report_reads_back_with_every_finding_and_fingerprint()
    {
        var report = TestReports.Demo();
        var saved = Read(Render.ToText(JsonReportWriter.Write, report));
        Assert.Equal(ReportOrigin.CloudAudit, saved.Origin);
        Assert.Equal(report.AccountIds, saved.Report.Accounts);
        Assert.Equal(report.Summary.TotalFindings, saved.Report.Summary.TotalFindings);
        Assert.Equal(
            report.Results.SelectMany(r => r.Findings).Where(f => f.Disposition == Analysis.FindingDisposition.Active).Select(f => f.Fingerprint).Order(),
            saved.Report.Results.SelectMany(r => r.Findings).Select(f => f.Fingerprint).Order());
        Assert.Equal(report.Results.Count, saved.Report.Results.Count);
    }

    [Fact]
    public void The_reference_tools_report_maps_onto_ours()
    {
        var saved = JsonReportReader.Read(ReferenceFixture);
        var report = saved.Report;
        Assert.Equal(ReportOrigin.ReferenceTool, saved.Origin);
        Assert.Equal(["123456789012"], report.Accounts);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 15, 0, 120, TimeSpan.Zero), report.Timestamp);
        Assert.Equal(63, report.Summary.Score);
        var statuses = report.Results.ToDictionary(r => r.CheckId, r => r.Status);
        Assert.Equal(CheckStatus.Fail, statuses["aws-ec2-004"]);
        Assert.Equal(CheckStatus.Pass, statuses["aws-ct-002"]);
        Assert.Equal(CheckStatus.Error, statuses["aws-gd-001"]);
        Assert.Equal(CheckStatus.NotAssessed, statuses["aws-agc-001"]);
        Assert.Equal(CheckStatus.Pass, statuses["aws-tf-001"]); // a check this version lacks still reads
        var findings = report.Results.SelectMany(r => r.Findings).ToList();
        Assert.Equal(4, findings.Count);
        Assert.All(findings, f => Assert.Equal("123456789012", f.AccountId));
        Assert.Equal(Severity.Low, findings.Single(f => f.CheckId == "aws-s3-003").Severity);
        Assert.Equal(Category.Reliability, findings.Single(f => f.CheckId == "aws-s3-003").Category);
    }

    [Fact]
    public void A_reference_finding_has_the_fingerprint_we_give_the_same_resource_by_ARN()
    {
        var imds = JsonReportReader.Read(ReferenceFixture).Report.Results.SelectMany(r => r.Findings).Single(f => f.CheckId == "aws-ec2-004");
        Assert.Equal(FindingFingerprint.Of("aws-ec2-004", "123456789012", "eu-central-1", "AWS::EC2::Instance",
            "arn:aws:ec2:eu-central-1:123456789012:instance/i-0abc"), imds.Fingerprint);
    }

    [Fact]
    public void Two_reference_findings_on_one_security_group_keep_distinct_fingerprints()
    {
        var open = JsonReportReader.Read(ReferenceFixture).Report.Results.Single(r => r.CheckId == "aws-vpc-002").Findings;
        Assert.Equal(2, open.Select(f => f.Fingerprint).Distinct().Count());
        Assert.All(open, f => Assert.True(FindingFingerprint.IsWellFormed(f.Fingerprint)));
    }

    [Theory]
    [InlineData("{\"schema_version\": \"2.0\", \"tool\": {\"name\": \"cloud-audit\", \"version\": \"9.0.0\"}}", "report schema 2.0 is newer than this cloud-audit reads (1.x)")]
    [InlineData("{\"schema_version\": \"1.0\", \"tool\": {\"name\": \"prowler\", \"version\": \"5\"}}", "a report of prowler, not of cloud-audit")]
    [InlineData("{\"format\": \"cloud-audit-inventory\", \"version\": 1}", "an inventory, not a report")]
    [InlineData("{\"version\": \"2.1.0\", \"runs\": []}", "a SARIF log, not a JSON report")]
    [InlineData("[{\"class_uid\": 2004}]", "OCSF findings, not a JSON report")]
    [InlineData("[{\"CheckID\": \"x\"}]", "a JSON array, not a cloud-audit report")]
    [InlineData("{\"results\": []}", "not a cloud-audit JSON report, nor the reference tool's")]
    [InlineData("{\"schema_version\": \"1.0\", ", "not valid JSON")]
    [InlineData("{\"schema_version\": \"1.0\", \"tool\": {\"name\": \"cloud-audit\", \"version\": \"0.1.0\"}}", "not a valid cloud-audit report")]
    [InlineData("{\"provider\": \"aws\", \"account_id\": \"1\", \"results\": [{\"check_id\": \"x\", \"findings\": [{\"check_id\": \"x\"}]}]}", "not a valid report of the reference tool: 'resource_id' missing")]
    public void Anything_else_is_refused_in_one_line_naming_the_file(string json, string why)
    {
        var error = Assert.Throws<ReportReadException>(() => Read(json));
        Assert.StartsWith("old.json: ", error.Message);
        Assert.Contains(why, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_finding_without_a_valid_fingerprint_is_refused()
    {
        var json = JsonNode.Parse(Render.ToText(JsonReportWriter.Write, TestReports.Of([TestReports.Finding("trail-a")])))!;
        json["results"]!.AsArray().Select(r => r!["findings"]!.AsArray()).First(f => f.Count > 0)[0]!["fingerprint"] = "abc";
        var error = Assert.Throws<ReportReadException>(() => Read(json.ToJsonString()));
        Assert.Contains("has no valid fingerprint ('abc')", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");
        var error = Assert.Throws<ReportReadException>(() => JsonReportReader.Read(path));
        Assert.StartsWith($"{path}: cannot read the report", error.Message);
    }

    [Fact]
    public void Security_graph_edges_carry_the_reference_tools_attrs_and_read_back_as_they_were()
    {
        var report = TestReports.Demo();
        var text = Render.ToText(JsonReportWriter.Write, report);
        var edges = JsonNode.Parse(text)!["security_graph"]!["edges"]!.AsArray();
        Assert.NotEmpty(edges);
        foreach (var edge in edges)
        {
            var evidence = edge!["evidence"]!.AsArray();
            var attrs = edge["attrs"]!.AsObject();
            Assert.Equal(string.Join(", ", evidence.Select(e => (string)e!["source"]!).Distinct()), (string?)attrs["proven_by"]);
            Assert.Equal((string?)evidence[0]!["detail"], (string?)attrs["detail"]);
            var checks = evidence.Select(e => (string?)e!["finding"]?["check_id"]).OfType<string>().Distinct().ToList();
            Assert.Equal(checks.Count == 0 ? null : string.Join(", ", checks), (string?)attrs["check_ids"]);
        }
        Assert.Contains(edges, e => e!["attrs"]!["check_ids"] is not null);
        var saved = SavedAnalysis.From(Read(text));
        var written = report.AttackPaths.Graph.Edges;
        var readBack = saved.AttackPaths.Graph.Edges;
        Assert.Equal(written.Count, readBack.Count);
        Assert.All(written.Zip(readBack), pair => Assert.True(
            pair.First.Source == pair.Second.Source && pair.First.Target == pair.Second.Target && pair.First.Type == pair.Second.Type
            && pair.First.Evidence.Count == pair.Second.Evidence.Count
            && pair.First.Evidence.Zip(pair.Second.Evidence).All(e => EvidenceEqual(e.First, e.Second)),
            $"{pair.First.Source} -> {pair.First.Target} did not read back as written"));
    }

    private static bool EvidenceEqual(Analysis.Graph.Evidence a, Analysis.Graph.Evidence b) =>
        a.Kind == b.Kind && a.Source == b.Source && a.Detail == b.Detail && a.Finding == b.Finding && a.Statements.SequenceEqual(b.Statements);

    private static SavedReport Read(string json) => JsonReportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "old.json");
}
