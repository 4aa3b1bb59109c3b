using System.Text.Encodings.Web;
using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;

namespace CloudAudit.Reports.Ocsf;

/// <summary>
/// Findings as OCSF 1.3 Detection Finding events (class_uid 2004, activity Create), for a SIEM or data
/// lake: a JSON array, or JSON Lines (one event per line) for streaming ingestion. Suppressed findings
/// are events with status Suppressed; compliance references and the suppression go in <c>unmapped</c>. The attack
/// chains follow the findings, one event each (<see cref="OcsfChains"/>).
/// </summary>
public static class OcsfReportWriter
{
    public const string OcsfVersion = "1.3.0";
    public const int ClassUid = 2004;
    public const int CategoryUid = 2;
    public const int ActivityCreate = 1;

    public static void Write(ScanReport report, Stream output, bool jsonLines)
    {
        var encoder = JavaScriptEncoder.Default;
        if (jsonLines)
        {
            foreach (var finding in ReportedFinding.From(report))
            {
                using (var line = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = encoder }))
                    WriteEvent(line, report, finding);
                output.WriteByte((byte)'\n');
            }
            foreach (var chain in report.AttackPaths.Chains)
            {
                using (var line = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = encoder }))
                    OcsfChains.WriteEvent(line, report, chain);
                output.WriteByte((byte)'\n');
            }
            return;
        }
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = encoder });
        json.WriteStartArray();
        foreach (var finding in ReportedFinding.From(report))
        {
            WriteEvent(json, report, finding);
            if (json.BytesPending > 64 * 1024) json.Flush();
        }
        foreach (var chain in report.AttackPaths.Chains)
            OcsfChains.WriteEvent(json, report, chain);
        json.WriteEndArray();
    }

    /// <summary>OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical.</summary>
    public static int SeverityId(Severity severity) => severity switch
    {
        Severity.Critical => 5,
        Severity.High => 4,
        Severity.Medium => 3,
        Severity.Low => 2,
        _ => 1,
    };

    private static string SeverityName(Severity severity) => severity == Severity.Info ? "Informational" : severity.ToString();

    /// <summary>
    /// Opens a Detection Finding event and writes what every event of ours has: class, activity, severity, status,
    /// time, message, metadata (with <paramref name="uid"/>) and the cloud account (and region, when there is one); with
    /// <paramref name="ofOrganization"/>, the organization too (cloud.org), for what was evaluated once for it.
    /// </summary>
    internal static void WriteHead(Utf8JsonWriter json, ScanReport report, Severity severity, bool suppressed, string message, string uid,
        string accountId, string? region, bool ofOrganization = false)
    {
        json.WriteStartObject();
        json.WriteNumber("class_uid", ClassUid);
        json.WriteString("class_name", "Detection Finding");
        json.WriteNumber("category_uid", CategoryUid);
        json.WriteString("category_name", "Findings");
        json.WriteNumber("activity_id", ActivityCreate);
        json.WriteString("activity_name", "Create");
        json.WriteNumber("type_uid", ClassUid * 100 + ActivityCreate);
        json.WriteString("type_name", "Detection Finding: Create");
        json.WriteNumber("severity_id", SeverityId(severity));
        json.WriteString("severity", SeverityName(severity));
        json.WriteNumber("status_id", suppressed ? 3 : 1);
        json.WriteString("status", suppressed ? "Suppressed" : "New");
        json.WriteBoolean("is_alert", !suppressed);
        json.WriteNumber("time", report.Timestamp.ToUnixTimeMilliseconds());
        json.WriteString("message", message);

        json.WriteStartObject("metadata");
        json.WriteString("version", OcsfVersion);
        json.WriteStartObject("product");
        json.WriteString("name", "cloud-audit");
        json.WriteString("vendor_name", "cloud-audit");
        json.WriteString("version", report.ToolVersion);
        json.WriteEndObject();
        json.WriteString("uid", uid);
        json.WriteStartArray("profiles");
        json.WriteStringValue("cloud");
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("cloud");
        json.WriteString("provider", "AWS");
        if (region is not null) json.WriteString("region", region);
        json.WriteStartObject("account");
        json.WriteString("uid", accountId);
        json.WriteString("type", "AWS Account");
        json.WriteNumber("type_id", 10);
        json.WriteEndObject();
        if (ofOrganization && report.Organization is { } organization)
        {
            json.WriteStartObject("org");
            json.WriteString("uid", organization.Id);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter json, ScanReport report, ReportedFinding row)
    {
        var f = row.Finding;
        var time = report.Timestamp.ToUnixTimeMilliseconds();
        var ofOrganization = f.Scope == CheckScope.Organization;
        WriteHead(json, report, f.Severity, row.IsSuppressed, f.Title, row.Fingerprint, f.AccountId, f.Region, ofOrganization);
        if (row.Suppression is { } suppression)
            json.WriteString("comment", $"Suppressed: {suppression.Reason}");

        json.WriteStartObject("finding_info");
        json.WriteString("uid", row.Fingerprint);
        json.WriteString("title", f.Title);
        json.WriteString("desc", f.Description);
        json.WriteNumber("created_time", time);
        json.WriteStartArray("types");
        json.WriteStringValue(row.Check.Category.Lower());
        json.WriteEndArray();
        json.WriteStartObject("analytic");
        json.WriteString("uid", f.CheckId);
        json.WriteString("name", row.Check.Title);
        json.WriteNumber("type_id", 1);
        json.WriteString("type", "Rule");
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("resources");
        json.WriteStartObject();
        json.WriteString("uid", f.ResourceId);
        json.WriteString("name", f.ResourceId);
        json.WriteString("type", f.ResourceType);
        json.WriteString("region", f.Region);
        if (CloudAudit.Inventory.Arn.TryParse(f.ResourceId) is { } arn)
            json.WriteString("cloud_partition", arn.Partition);
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("remediation");
        json.WriteString("desc", f.Recommendation);
        if (f.Remediation is { } fix && ReportText.IsHttpUrl(fix.DocUrl))
        {
            json.WriteStartArray("references");
            json.WriteStringValue(fix.DocUrl);
            json.WriteEndArray();
        }
        json.WriteEndObject();

        json.WriteStartObject("unmapped");
        json.WriteString("check_id", f.CheckId);
        json.WriteString("service", row.Check.Service);
        if (ofOrganization) json.WriteString("scope", "organization");
        json.WriteStrings("compliance", ComplianceRefs.For(row.Check));
        if (f.Remediation is { } remediation)
        {
            json.WriteString("remediation_cli", remediation.Cli);
            json.WriteString("remediation_terraform", remediation.Terraform);
        }
        if (row.Suppression is { } s)
        {
            json.WriteStartObject("suppression");
            json.WriteString("reason", s.Reason);
            json.WriteString("accepted_by", s.AcceptedBy);
            json.WriteString("expires", ReportText.Date(s.Expires));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
