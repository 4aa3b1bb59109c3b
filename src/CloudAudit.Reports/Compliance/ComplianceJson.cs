using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Compliance;

// The JSON contracts of list-frameworks, show-framework and scan --compliance (docs/compliance.md).
// The CLI prints them; the MCP server returns the same shapes.

public sealed record JsonFrameworkSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("controls")] int Controls,
    [property: JsonPropertyName("automated")] int Automated,
    [property: JsonPropertyName("partial")] int Partial,
    [property: JsonPropertyName("manual")] int Manual,
    [property: JsonPropertyName("automated_share")] double AutomatedShare);

public sealed record JsonFramework(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("publisher")] string Publisher,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("ref_prefix")] string RefPrefix,
    [property: JsonPropertyName("published_controls")] int PublishedControls,
    [property: JsonPropertyName("count_source")] string CountSource,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("mappings")] string Mappings,
    [property: JsonPropertyName("controls")] IReadOnlyList<JsonControl>? Controls);

public sealed record JsonControl(
    [property: JsonPropertyName("control")] string Control,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("section")] string Section,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("assessment")] ControlAssessment Assessment,
    [property: JsonPropertyName("checks")] IReadOnlyList<string> Checks,
    [property: JsonPropertyName("verify")] string? Verify,
    [property: JsonPropertyName("not_covered")] IReadOnlyList<string> NotCovered);

public sealed record JsonComplianceReport(
    [property: JsonPropertyName("schema_version")] string SchemaVersion,
    [property: JsonPropertyName("tool")] JsonComplianceTool Tool,
    [property: JsonPropertyName("framework")] JsonFramework Framework,
    [property: JsonPropertyName("scan")] JsonComplianceScan Scan,
    [property: JsonPropertyName("summary")] JsonComplianceSummary Summary,
    [property: JsonPropertyName("disclaimer")] string Disclaimer,
    [property: JsonPropertyName("controls")] IReadOnlyList<JsonControlResult> Controls);

public sealed record JsonComplianceTool(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version);

public sealed record JsonComplianceScan(
    [property: JsonPropertyName("accounts")] IReadOnlyList<string> Accounts,
    [property: JsonPropertyName("regions")] IReadOnlyList<string> Regions,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("checks_run")] int ChecksRun);

public sealed record JsonComplianceSummary(
    [property: JsonPropertyName("controls")] int Controls,
    [property: JsonPropertyName("passed")] int Passed,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("partial")] int Partial,
    [property: JsonPropertyName("not_assessed")] int NotAssessed,
    [property: JsonPropertyName("not_applicable")] int NotApplicable,
    [property: JsonPropertyName("manual")] int Manual,
    [property: JsonPropertyName("assessable")] int Assessable,
    [property: JsonPropertyName("passing")] int Passing,
    [property: JsonPropertyName("readiness_percent")] int ReadinessPercent,
    [property: JsonPropertyName("need_person")] int NeedPerson);

public sealed record JsonControlResult(
    [property: JsonPropertyName("control")] string Control,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("section")] string Section,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("assessment")] ControlAssessment Assessment,
    [property: JsonPropertyName("status")] ControlStatus Status,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("evidence")] IReadOnlyList<JsonEvidence> Evidence,
    [property: JsonPropertyName("findings")] IReadOnlyList<JsonControlFinding> Findings,
    [property: JsonPropertyName("violated_by_chains")] IReadOnlyList<JsonViolatingChain> ViolatedByChains,
    [property: JsonPropertyName("verify")] string? Verify,
    [property: JsonPropertyName("not_covered")] IReadOnlyList<string> NotCovered);

/// <summary>An attack chain one of a control's failing findings is part of; the findings report gives it in full.</summary>
public sealed record JsonViolatingChain(
    [property: JsonPropertyName("chain_id")] string ChainId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("anchor")] string Anchor,
    [property: JsonPropertyName("checks")] IReadOnlyList<string> Checks);

public sealed record JsonEvidence(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] EvidenceStatus Status,
    [property: JsonPropertyName("resources_scanned")] int ResourcesScanned,
    [property: JsonPropertyName("resources_passed")] int ResourcesPassed,
    [property: JsonPropertyName("resources_failed")] int ResourcesFailed,
    [property: JsonPropertyName("findings_suppressed")] int FindingsSuppressed,
    [property: JsonPropertyName("reason")] string? Reason);

public sealed record JsonControlFinding(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("resource_id")] string ResourceId,
    [property: JsonPropertyName("fingerprint")] string Fingerprint);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonComplianceReport))]
[JsonSerializable(typeof(JsonFramework))]
[JsonSerializable(typeof(List<JsonFrameworkSummary>))]
internal sealed partial class ComplianceJsonContext : JsonSerializerContext;

/// <summary>Builds and writes the compliance JSON shapes.</summary>
public static class ComplianceJson
{
    public const string SchemaVersion = "1";

    public static IReadOnlyList<JsonFrameworkSummary> List(IEnumerable<ComplianceFramework> frameworks) =>
        frameworks.Select(f => new JsonFrameworkSummary(f.Id, f.Name, f.Version, f.Controls.Count,
            f.Count(ControlAssessment.Automated), f.Count(ControlAssessment.Partial), f.Count(ControlAssessment.Manual),
            Math.Round(f.AutomatedShare, 3))).ToList();

    public static JsonFramework Describe(ComplianceFramework f, bool withControls = true) =>
        new(f.Id, f.Name, f.Version, f.Publisher, f.Url, f.Ref, f.PublishedControls, f.CountSource, f.Scope, f.Mappings,
            withControls ? f.Controls.Select(c => new JsonControl(c.Id, c.Title, c.Section, c.Level, c.Assessment, c.Checks, c.Verify, c.Uncovered)).ToList() : null);

    public static JsonComplianceReport Report(ScanReport scan, ComplianceReport report)
    {
        var s = report.Summary;
        return new JsonComplianceReport(
            SchemaVersion,
            new JsonComplianceTool("cloud-audit", scan.ToolVersion),
            Describe(report.Framework, withControls: false),
            new JsonComplianceScan(scan.AccountIds, scan.Regions, scan.Timestamp, scan.Source, scan.Results.Select(r => r.Info.Id).Distinct().Count()),
            new JsonComplianceSummary(s.Controls, s.Passed, s.Failed, s.Partial, s.NotAssessed, s.NotApplicable, s.Manual,
                s.Assessable, s.Passing, s.ReadinessPercent, s.NeedPerson),
            ComplianceText.Disclaimer,
            report.Controls.Select(c => new JsonControlResult(
                c.Control.Id, c.Control.Title, c.Control.Section, c.Control.Level, c.Control.Assessment, c.Status, c.Reason,
                c.Evidence.Select(e => new JsonEvidence(e.CheckId, e.Title, e.Status, e.ResourcesScanned, e.ResourcesPassed, e.ResourcesFailed, e.FindingsSuppressed, e.Reason)).ToList(),
                c.Findings.Select(a => new JsonControlFinding(a.Finding.CheckId, a.Finding.Severity, a.Finding.Title, a.Finding.AccountId, a.Finding.Region, a.Finding.ResourceId, a.Fingerprint)).ToList(),
                c.ViolatedByChains.Select(ch => new JsonViolatingChain(ch.ChainId, ch.Name, ch.Severity, ch.AccountId, ch.Anchor,
                    ch.Findings.Select(f => f.CheckId).Where(c.Control.Checks.Contains).Distinct().ToList())).ToList(),
                c.Control.Verify, c.Control.Uncovered)).ToList());
    }

    public static void Write(ScanReport scan, Stream output) =>
        JsonSerializer.Serialize(output, Report(scan, scan.Compliance ?? throw new ArgumentException("the scan report has no compliance assessment")), ComplianceJsonContext.Default.JsonComplianceReport);

    public static string Serialize(IReadOnlyList<JsonFrameworkSummary> list) => JsonSerializer.Serialize(list.ToList(), ComplianceJsonContext.Default.ListJsonFrameworkSummary);

    public static string Serialize(JsonFramework framework) => JsonSerializer.Serialize(framework, ComplianceJsonContext.Default.JsonFramework);
}
