using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;

namespace CloudAudit.Reports.Sarif;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: one rule per check, one result per active or suppressed finding, then the
/// attack chains (<see cref="SarifChains"/>).
/// A cloud resource has no file, so each result points at the pseudo-path <c>checks/&lt;check_id&gt;</c>
/// (as the reference tool does, so existing alerts keep matching) and names the resource as a logical
/// location; <c>partialFingerprints</c> carry the finding's stable fingerprint so alerts survive re-scans.
/// Streamed with a JSON writer: memory does not grow with the number of findings.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(ScanReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default });
        var (rules, ruleIndex) = JsonWriting.ChecksOf(report);
        var newFindings = ReportedFinding.New(report, ReportedFinding.From(report));
        var chains = SarifChains.Reported(report, report.Baseline is null ? null : newFindings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal));
        var chainRules = SarifChains.Rules(chains);
        var chainRuleIndex = chainRules.Select((r, i) => (r.Id, Index: rules.Count + i)).ToDictionary(x => x.Id, x => x.Index, StringComparer.Ordinal);

        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, report, rules, chainRules);
        WriteInvocation(json, report);
        json.WriteStartArray("results");
        // With a baseline only new findings become alerts, so code scanning flags what a change brought.
        foreach (var finding in newFindings)
        {
            WriteResult(json, finding, ruleIndex[finding.Finding.CheckId], report.Baseline is not null, report.Organization);
            if (json.BytesPending > 64 * 1024) json.Flush();
        }
        // Chain rules follow the check rules in the driver's list.
        foreach (var chain in chains)
            SarifChains.WriteResult(json, chain, chainRuleIndex[chain.ChainId], report.Baseline is not null);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>error for critical and high, warning for medium, note for low and info.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub's security-severity score (critical &gt; 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9).</summary>
    public static string? SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => null,
    };

    private static void WriteTool(Utf8JsonWriter json, ScanReport report, IReadOnlyList<CheckInfo> rules, IReadOnlyList<Analysis.Chains.ChainRuleInfo> chainRules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "cloud-audit");
        json.WriteString("version", report.ToolVersion);
        json.WriteString("semanticVersion", report.ToolVersion);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
            WriteRule(json, rule);
        foreach (var rule in chainRules)
            SarifChains.WriteRule(json, rule);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, CheckInfo rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Id);
        Message(json, "shortDescription", rule.Title);
        Message(json, "fullDescription", rule.Description);
        if (ReportText.IsHttpUrl(rule.Remediation.DocUrl))
            json.WriteString("helpUri", rule.Remediation.DocUrl);
        json.WriteStartObject("help");
        json.WriteString("text", HelpText(rule));
        json.WriteString("markdown", HelpMarkdown(rule));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        foreach (var tag in Tags(rule))
            json.WriteStringValue(tag);
        json.WriteEndArray();
        json.WriteString("precision", "high");
        json.WriteString("problem.severity", Level(rule.Severity) == "note" ? "recommendation" : Level(rule.Severity));
        if (rule.Category == Category.Security && SecuritySeverity(rule.Severity) is { } score)
            json.WriteString("security-severity", score);
        json.WriteString("severity", rule.Severity.Lower());
        json.WriteString("service", rule.Service);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static IEnumerable<string> Tags(CheckInfo rule)
    {
        yield return rule.Category.Lower();
        yield return rule.Service.ToLowerInvariant();
        foreach (var reference in ComplianceRefs.For(rule))
            yield return reference;
    }

    private static string HelpText(CheckInfo rule) =>
        $"{rule.Description}\n\nWhy it matters: {rule.Rationale}\n\nFix: {rule.Recommendation}\n"
        + (ReportText.IsHttpUrl(rule.Remediation.DocUrl) ? $"See {rule.Remediation.DocUrl}\n" : "")
        + "Each result carries the AWS CLI and Terraform fix for its resource (properties remediation_cli and remediation_terraform).";

    // Check metadata is ours, not scanned data, so it may carry Markdown as written.
    private static string HelpMarkdown(CheckInfo rule)
    {
        var text = new System.Text.StringBuilder();
        text.Append("**").Append(rule.Title).Append("** (").Append(rule.Severity.Lower()).Append(", ").Append(rule.Service).Append(")\n\n");
        text.Append(rule.Description).Append("\n\n### Why it matters\n\n").Append(rule.Rationale).Append("\n\n");
        if (rule.CommonCauses.Count > 0)
        {
            text.Append("### Common causes\n\n");
            foreach (var cause in rule.CommonCauses) text.Append("- ").Append(cause).Append('\n');
            text.Append('\n');
        }
        text.Append("### Fix\n\n").Append(rule.Recommendation).Append("\n\n");
        text.Append("Each alert carries the AWS CLI command and Terraform for its own resource (result properties `remediation_cli` and `remediation_terraform`).\n");
        if (ReportText.IsHttpUrl(rule.Remediation.DocUrl))
            text.Append("\n[AWS documentation](").Append(rule.Remediation.DocUrl).Append(")\n");
        if (ComplianceRefs.For(rule) is { Count: > 0 } refs)
            text.Append("\nCompliance: ").Append(string.Join(", ", refs)).Append('\n');
        return text.ToString();
    }

    private static void WriteInvocation(Utf8JsonWriter json, ScanReport report)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteString("endTimeUtc", report.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        json.WriteStartObject("properties");
        json.WriteString("provider", report.Provider);
        json.WriteString("source", report.Source);
        json.WriteStrings("accounts", report.AccountIds);
        json.WriteStrings("regions", report.Regions);
        json.WriteNumber("duration_seconds", report.DurationSeconds);
        json.WriteNumber("score", report.Summary.Score);
        json.WriteNumber("findings_suppressed", report.Summary.FindingsSuppressed);
        json.WriteNumber("checks_not_assessed", report.Summary.ChecksNotAssessed);
        json.WriteNumber("checks_errored", report.Summary.ChecksErrored);
        json.WriteStrings("accounts_not_assessed", report.AccountDetails.Where(a => !a.Assessed).Select(a => a.AccountId));
        if (report.Baseline is { } baseline)
        {
            json.WriteString("baseline", baseline.Source);
            json.WriteNumber("new_findings", report.NewActiveCount);
        }
        json.WriteEndObject();
        WriteUnassessedAccounts(json, report);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>An account that could not be read at all is a notification of the run, so no code-scanning view mistakes it for clean.</summary>
    private static void WriteUnassessedAccounts(Utf8JsonWriter json, ScanReport report)
    {
        var unassessed = report.AccountDetails.Where(a => !a.Assessed).ToList();
        if (unassessed.Count == 0) return;
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var account in unassessed)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            json.WriteStartObject("message");
            json.WriteString("text", $"Account {account.AccountId} was NOT ASSESSED: {account.NotAssessed}");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// Opens a result and writes it up to its logical locations (left open for the caller): rule, level, baseline
    /// state, message, and the location at the pseudo-path <paramref name="uri"/> line 1 (a cloud resource has no file).
    /// </summary>
    internal static void StartResult(Utf8JsonWriter json, string ruleId, int ruleIndex, Severity severity, bool againstBaseline, string message, string uri)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(severity));
        if (againstBaseline)
            json.WriteString("baselineState", "new");
        Message(json, "message", message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", uri);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", 1);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("logicalLocations");
    }

    private static void WriteResult(Utf8JsonWriter json, ReportedFinding row, int ruleIndex, bool againstBaseline, ScanOrganization? organization)
    {
        var f = row.Finding;
        var ofOrganization = f.Scope == CheckScope.Organization;
        // A finding of the organization is located under it (o-…/region/resource), not under the member whose data it read.
        var owner = ofOrganization ? organization?.Id ?? "organization" : f.AccountId;
        StartResult(json, f.CheckId, ruleIndex, f.Severity, againstBaseline,
            $"{f.Description} Fix: {f.Recommendation} (resource {f.ResourceId}, {(ofOrganization ? Owner.Organization(organization) : $"account {f.AccountId}")}, region {f.Region})",
            $"checks/{f.CheckId}");
        json.WriteStartObject();
        json.WriteString("name", f.ResourceId);
        json.WriteString("fullyQualifiedName", $"{owner}/{f.Region}/{f.ResourceId}");
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("primaryLocationLineHash", row.Fingerprint);
        json.WriteString("cloudAuditFinding/v1", row.Fingerprint);
        json.WriteEndObject();
        if (row.Suppression is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", suppression.Reason);
            json.WriteStartObject("properties");
            json.WriteString("accepted_by", suppression.AcceptedBy);
            json.WriteString("expires", ReportText.Date(suppression.Expires));
            json.WriteString("check_id_pattern", suppression.CheckId);
            json.WriteString("resource_id_pattern", suppression.ResourceId ?? "*");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteStartObject("properties");
        json.WriteString("severity", f.Severity.Lower());
        json.WriteString("category", f.Category.Lower());
        json.WriteString("account_id", f.AccountId);
        if (ofOrganization)
        {
            json.WriteString("scope", "organization");
            if (organization is not null) json.WriteString("organization_id", organization.Id);
        }
        json.WriteString("region", f.Region);
        json.WriteString("resource_type", f.ResourceType);
        json.WriteString("resource_id", f.ResourceId);
        if (f.Remediation is { } fix)
        {
            json.WriteString("remediation_cli", fix.Cli);
            json.WriteString("remediation_terraform", fix.Terraform);
            json.WriteString("remediation_doc", fix.DocUrl);
            json.WriteString("remediation_effort", fix.Effort.Lower());
        }
        json.WriteStrings("compliance", ComplianceRefs.For(row.Check));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
