using System.ComponentModel;
using System.Text.Json.Serialization;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Pages;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CloudAudit.Mcp.Tools;

/// <summary>One check of the catalogue (the reference's <c>list_checks</c> fields, and severity).</summary>
public sealed record CheckEntry(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("category")] Category Category,
    [property: JsonPropertyName("severity")] Severity Severity);

public sealed record CheckListResult(
    [property: JsonPropertyName("checks")] IReadOnlyList<CheckEntry> Checks,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary>A check's page: what it verifies, why, the causes, the fix templates and the compliance controls.</summary>
public sealed record CheckExplanation(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("category")] Category Category,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("rationale")] string Rationale,
    [property: JsonPropertyName("common_causes")] IReadOnlyList<string> CommonCauses,
    [property: JsonPropertyName("recommendation")] string Recommendation,
    [property: JsonPropertyName("effort")] Effort Effort,
    [property: JsonPropertyName("doc_url")] string DocUrl,
    [property: JsonPropertyName("compliance")] IReadOnlyList<ComplianceRef> Compliance,
    [property: JsonPropertyName("page_markdown")] string PageMarkdown);

/// <summary>The check catalogue; needs no scan and no credentials.</summary>
[McpServerToolType]
public sealed class CatalogTools
{
    [McpServerTool(Name = "list_checks", Title = "List the checks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(CheckListResult))]
    [Description("List the checks cloud-audit runs (ID, name, service, category, severity), optionally for one service. Needs no scan and no "
        + "credentials. Use it to find a check ID for explain_check or get_remediation, or to say what is covered. Paginated by cursor.")]
    public CallToolResult ListChecks(
        [Description("Only checks of this service (iam, s3, ec2, ct, cloudtrail …); empty for all")] string service = "",
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "")
    {
        var name = service.Trim();
        var checks = CheckRegistry.All.Where(c => name.Length == 0 || CheckSelection.MatchesService(c.Info, name))
            .Select(c => new CheckEntry(c.Info.Id, c.Info.Title, c.Info.Service, c.Info.Category, c.Info.Severity)).ToList();
        if (checks.Count == 0)
            throw new ToolInputException($"unknown service '{name}'; known: {string.Join(", ", CheckRegistry.All.Select(c => c.Info.IdService).Distinct().Order())}");
        var (items, page) = Paging.Slice(checks, cursor, 50, $"list_checks|{name}");
        return ToolResults.Of(new CheckListResult(items, page), McpJson.Type<CheckListResult>(),
            $"{char.ToUpperInvariant(page.Describe("checks")[0])}{page.Describe("checks")[1..]}{(name.Length > 0 ? $" of service {name}" : "")}.");
    }

    [McpServerTool(Name = "explain_check", Title = "Explain a check", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(CheckExplanation))]
    [Description("Explain one check: what it verifies, why it matters, common causes, how it is detected, the AWS CLI and Terraform fix "
        + "templates and the compliance controls (CIS …) it maps to. Needs no scan. Use it when the user asks what a finding or check means.")]
    public CallToolResult ExplainCheck([Description("Check ID such as aws-cw-004")] string check_id)
    {
        var info = CheckIds.Require(check_id).Info;
        var result = new CheckExplanation(info.Id, info.Title, info.Service, info.Severity, info.Category, info.Description, info.Rationale,
            info.CommonCauses, info.Recommendation, info.Remediation.Effort, info.Remediation.DocUrl, info.Compliance, CheckPage.Markdown(info));
        return ToolResults.Of(result, McpJson.Type<CheckExplanation>(), $"{info.Id} ({info.Severity.Upper()} {info.Service}): {info.Title}. {info.Description}");
    }
}

/// <summary>Check IDs as tools take them: an unknown one is refused with the closest known IDs.</summary>
public static class CheckIds
{
    public static Check Require(string id)
    {
        var wanted = id.Trim();
        if (CheckRegistry.Find(wanted) is { } check) return check;
        var prefix = wanted.Split('-') is [_, var service, ..] ? $"aws-{service}-" : "\0";
        var near = CheckRegistry.All.Select(c => c.Info.Id)
            .Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Take(20).ToList();
        return near.Count > 0
            ? throw new ToolInputException($"unknown check ID '{wanted}'; checks of that service: {string.Join(", ", near)} (list_checks lists all {CheckRegistry.All.Count})")
            : throw new ToolInputException($"unknown check ID '{wanted}'; IDs look like aws-s3-001 (list_checks lists all {CheckRegistry.All.Count})");
    }
}
