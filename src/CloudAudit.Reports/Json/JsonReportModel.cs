using System.Text.Json.Serialization;
using CloudAudit.Analysis.Agents;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Escalation;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Json;

// The JSON report contract (docs/formats.md). Field names follow the reference tool's report so
// existing consumers keep working; fields it lacks are additions, never renames.

public sealed record JsonReport(
    [property: JsonPropertyName("schema_version")] string SchemaVersion,
    [property: JsonPropertyName("tool")] JsonTool Tool,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("accounts")] IReadOnlyList<string> Accounts,
    [property: JsonPropertyName("regions")] IReadOnlyList<string> Regions,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("min_severity")] Severity? MinSeverity,
    [property: JsonPropertyName("summary")] JsonSummary Summary,
    [property: JsonPropertyName("results")] IReadOnlyList<JsonResult> Results,
    [property: JsonPropertyName("expired_suppressions")] IReadOnlyList<JsonSuppression> ExpiredSuppressions,
    // Live scans only: calls per service (absent for snapshot and demo scans).
    [property: JsonPropertyName("api_calls"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, JsonApiCalls>? ApiCalls = null,
    // The analysis layer (docs/attack-paths.md): absent from reports written before it existed.
    [property: JsonPropertyName("attack_chains")] IReadOnlyList<JsonAttackChain>? AttackChains = null,
    [property: JsonPropertyName("root_causes")] IReadOnlyList<RootCause>? RootCauses = null,
    [property: JsonPropertyName("escalation_paths")] IReadOnlyList<EscalationPathRecord>? EscalationPaths = null,
    [property: JsonPropertyName("agents")] IReadOnlyList<AgentIdentity>? Agents = null,
    [property: JsonPropertyName("security_graph")] JsonSecurityGraph? SecurityGraph = null,
    // Every account covered, assessed or not, with its place in the organization (account_details[].status).
    [property: JsonPropertyName("account_details")] IReadOnlyList<JsonAccount>? AccountDetails = null,
    // Multi-account scans of an AWS Organization only.
    [property: JsonPropertyName("organization"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonOrganization? Organization = null,
    // One share of a sharded run (--shard K/N): `merge` combines the shares and drops this.
    [property: JsonPropertyName("shard"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonShard? Shard = null);

public sealed record JsonShard(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("accounts_total")] int AccountsTotal,
    [property: JsonPropertyName("balance"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Balance = null,
    [property: JsonPropertyName("split_digest"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SplitDigest = null,
    [property: JsonPropertyName("assignment"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? Assignment = null);

public sealed record JsonAccount(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("alias")] string? Alias,
    [property: JsonPropertyName("ou_path")] string? OuPath,
    [property: JsonPropertyName("ou_ids")] IReadOnlyList<string> OuIds,
    // ASSESSED, or NOT_ASSESSED with the reason (a role that cannot be assumed, a timeout).
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("collection_seconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? CollectionSeconds = null);

public sealed record JsonOrganization(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("management_account_id")] string ManagementAccountId);

/// <summary>An attack chain as the reference tool writes it (its findings in full), plus where it runs and its fix as a record.</summary>
public sealed record JsonAttackChain(
    [property: JsonPropertyName("chain_id")] string ChainId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("anchor")] string Anchor,
    [property: JsonPropertyName("findings")] IReadOnlyList<JsonFinding> Findings,
    [property: JsonPropertyName("attack_narrative")] string AttackNarrative,
    [property: JsonPropertyName("priority_fix")] string PriorityFix,
    [property: JsonPropertyName("fix")] ChainFix Fix,
    [property: JsonPropertyName("mitre_refs")] IReadOnlyList<string> MitreRefs,
    [property: JsonPropertyName("resources")] IReadOnlyList<string> Resources,
    [property: JsonPropertyName("viz_steps")] IReadOnlyList<VizStep> VizSteps,
    [property: JsonPropertyName("reference_rule")] bool ReferenceRule);

/// <summary>The security graph: nodes and edges with their evidence, and what could not be read.</summary>
public sealed record JsonSecurityGraph(
    [property: JsonPropertyName("schema_version")] string SchemaVersion,
    [property: JsonPropertyName("nodes")] IReadOnlyList<GraphNode> Nodes,
    [property: JsonPropertyName("edges")] IReadOnlyList<GraphEdge> Edges,
    [property: JsonPropertyName("gaps")] IReadOnlyList<GraphGap> Gaps);

public sealed record JsonApiCalls(
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("retries")] long Retries,
    [property: JsonPropertyName("throttles")] long Throttles,
    [property: JsonPropertyName("denials")] long Denials,
    [property: JsonPropertyName("failures")] long Failures);

public sealed record JsonTool(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version);

public sealed record JsonSummary(
    [property: JsonPropertyName("total_findings")] int TotalFindings,
    [property: JsonPropertyName("by_severity")] IReadOnlyDictionary<string, int> BySeverity,
    [property: JsonPropertyName("by_category")] IReadOnlyDictionary<string, int> ByCategory,
    [property: JsonPropertyName("resources_scanned")] int ResourcesScanned,
    [property: JsonPropertyName("checks_passed")] int ChecksPassed,
    [property: JsonPropertyName("checks_failed")] int ChecksFailed,
    [property: JsonPropertyName("checks_errored")] int ChecksErrored,
    [property: JsonPropertyName("checks_not_assessed")] int ChecksNotAssessed,
    [property: JsonPropertyName("checks_not_applicable")] int ChecksNotApplicable,
    [property: JsonPropertyName("checks_failed_hidden")] int ChecksFailedHidden,
    [property: JsonPropertyName("coverage_gaps")] int CoverageGaps,
    [property: JsonPropertyName("findings_suppressed")] int FindingsSuppressed,
    [property: JsonPropertyName("findings_below_threshold")] int FindingsBelowThreshold,
    [property: JsonPropertyName("findings_folded")] int FindingsFolded,
    [property: JsonPropertyName("score")] int Score,
    [property: JsonPropertyName("attack_chains_detected")] int AttackChainsDetected = 0,
    [property: JsonPropertyName("escalation_paths_detected")] int EscalationPathsDetected = 0,
    [property: JsonPropertyName("agents_discovered")] int AgentsDiscovered = 0);

public sealed record JsonResult(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("check_name")] string CheckName,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("status")] CheckStatus Status,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("category")] Category Category,
    [property: JsonPropertyName("findings")] IReadOnlyList<JsonFinding> Findings,
    [property: JsonPropertyName("resources_scanned")] int ResourcesScanned,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("coverage_gaps")] IReadOnlyList<string> CoverageGaps,
    [property: JsonPropertyName("gaps")] IReadOnlyList<JsonGap> Gaps,
    [property: JsonPropertyName("root_cause")] string? RootCause,
    [property: JsonPropertyName("folded_into")] string? FoldedInto,
    [property: JsonPropertyName("findings_folded")] int FindingsFolded,
    [property: JsonPropertyName("findings_below_threshold")] int FindingsBelowThreshold,
    [property: JsonPropertyName("suppressed_findings")] IReadOnlyList<JsonSuppressedFinding> SuppressedFindings,
    [property: JsonPropertyName("compliance")] IReadOnlyList<ComplianceRef> Compliance,
    // The resources the check examined and no finding names (absent from reports written before it was added).
    [property: JsonPropertyName("passed_resources")] IReadOnlyList<string>? PassedResources = null,
    // "organization" for a check of the organization, evaluated once per scan; absent for account checks.
    [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope = null);

public sealed record JsonFinding(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("category")] Category Category,
    [property: JsonPropertyName("resource_type")] string ResourceType,
    [property: JsonPropertyName("resource_id")] string ResourceId,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("recommendation")] string Recommendation,
    [property: JsonPropertyName("remediation")] RenderedRemediation? Remediation,
    [property: JsonPropertyName("compliance_refs")] IReadOnlyList<string> ComplianceRefs,
    [property: JsonPropertyName("compliance")] IReadOnlyList<ComplianceRef> Compliance,
    [property: JsonPropertyName("threat_pattern_id")] string? ThreatPatternId,
    [property: JsonPropertyName("references")] IReadOnlyList<string> References,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    // "organization" for a finding about the organization (reported once); absent for account findings.
    [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope = null);

public sealed record JsonSuppressedFinding(
    [property: JsonPropertyName("finding")] JsonFinding Finding,
    [property: JsonPropertyName("suppression")] JsonSuppression Suppression);

public sealed record JsonSuppression(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("resource_id")] string? ResourceId,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("accepted_by")] string AcceptedBy,
    [property: JsonPropertyName("expires")] string? Expires,
    // The accounts (IDs or globs) it is limited to; absent for every account.
    [property: JsonPropertyName("account_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Accounts = null);

public sealed record JsonGap(
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("cause")] string Cause,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string Message);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class JsonReportContext : JsonSerializerContext;
