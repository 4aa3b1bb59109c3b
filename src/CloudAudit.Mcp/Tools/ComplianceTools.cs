using System.ComponentModel;
using System.Text.Json.Serialization;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Reports.Compliance;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CloudAudit.Mcp.Tools;

public sealed record FrameworkListResult(
    [property: JsonPropertyName("frameworks")] IReadOnlyList<JsonFrameworkSummary> Frameworks);

/// <summary>The last scan assessed against a framework, as <c>scan --compliance ID -f json</c> writes it, its controls paginated.</summary>
public sealed record ComplianceResult(
    [property: JsonPropertyName("framework")] JsonFramework Framework,
    [property: JsonPropertyName("scan")] JsonComplianceScan Scan,
    [property: JsonPropertyName("summary")] JsonComplianceSummary Summary,
    [property: JsonPropertyName("disclaimer")] string Disclaimer,
    [property: JsonPropertyName("controls")] IReadOnlyList<JsonControlResult> Controls,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary>The compliance frameworks, and the last scan assessed against one.</summary>
[McpServerToolType]
public sealed class ComplianceTools(ScanSession session)
{
    [McpServerTool(Name = "list_frameworks", Title = "List the compliance frameworks", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FrameworkListResult))]
    [Description("List the compliance frameworks cloud-audit maps its checks to (CIS AWS Foundations versions, SOC 2, ISO 27001, NIST, PCI DSS …) "
        + "with their IDs, control counts and how many controls checks evaluate automatically. Needs no scan. Use it to find the framework_id "
        + "for get_compliance.")]
    public CallToolResult ListFrameworks()
    {
        var rows = ComplianceJson.List(FrameworkCatalog.Default.Frameworks);
        return ToolResults.Of(new FrameworkListResult(rows), McpJson.Type<FrameworkListResult>(),
            $"{rows.Count} frameworks: {string.Join(", ", rows.Select(r => $"{r.Id} ({r.Name} {r.Version}, {r.Controls} controls)"))}.");
    }

    [McpServerTool(Name = "get_compliance", Title = "Compliance of the last scan", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ComplianceResult))]
    [Description("Assess the last scan against one compliance framework, control by control: passed, failed, partial, not assessed, not "
        + "applicable or manual, with the evidence (checks and resources), the failing findings and the attack chains that violate each control. "
        + "Use it for audit-readiness questions ('are we SOC 2 ready', 'which CIS controls fail'). Not a certification. Controls are paginated by cursor.")]
    public CallToolResult GetCompliance(
        [Description("Framework ID from list_frameworks, such as cis_aws_v5 or soc2_type2")] string framework_id,
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "",
        [Description("Account ID whose last scan to read; empty for the most recent scan")] string account_id = "")
    {
        var framework = FrameworkCatalog.Default.Find(framework_id.Trim())
            ?? throw new ToolInputException($"unknown framework '{framework_id}'; available: {string.Join(", ", FrameworkCatalog.Default.Ids)}");
        var held = session.Current(account_id);
        var report = ComplianceJson.Report(held.Report, ComplianceAssessor.Assess(framework, held.Report));
        var (items, page) = Paging.Slice(report.Controls, cursor, 25, $"get_compliance|{held.Sequence}|{framework.Id}");
        var s = report.Summary;
        var failing = report.Controls.Where(c => c.Status == ControlStatus.Fail).Take(5).Select(c => c.Control).ToList();
        return ToolResults.Of(new ComplianceResult(report.Framework, report.Scan, s, report.Disclaimer, items, page), McpJson.Type<ComplianceResult>(),
            $"{framework.Name} {framework.Version}: readiness {s.ReadinessPercent}% of assessable controls; {s.Passed} passed, {s.Failed} failed, "
            + $"{s.Partial} partial, {s.NotAssessed} not assessed, {s.Manual} manual (need a person), of {s.Controls}."
            + (failing.Count > 0 ? $" Failing: {string.Join(", ", failing)}{(s.Failed > failing.Count ? " …" : "")}." : "")
            + $" Controls: {page.Describe("controls")}. Not a certification.");
    }
}
