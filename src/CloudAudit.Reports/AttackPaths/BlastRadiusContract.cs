using System.Text.Json.Serialization;

namespace CloudAudit.Reports.AttackPaths;

// The BlastRadiusGraph v1.0 contract of the reference tool (camelCase where it uses camelCase, so its visualizer
// and its users' tooling read ours). cloud-audit estimates no dollar costs: impact_usd is always null.

public sealed record BlastRadiusDocument(
    [property: JsonPropertyName("schema_version")] string SchemaVersion,
    [property: JsonPropertyName("generated_at")] DateTimeOffset GeneratedAt,
    [property: JsonPropertyName("generator")] BlastGenerator Generator,
    [property: JsonPropertyName("source")] BlastSource Source,
    [property: JsonPropertyName("summary")] BlastSummary Summary,
    [property: JsonPropertyName("graph")] BlastGraph Graph,
    [property: JsonPropertyName("narrative")] IReadOnlyList<BlastNarrative> Narrative,
    [property: JsonPropertyName("fixes")] IReadOnlyList<BlastFix> Fixes,
    [property: JsonPropertyName("cloud_audit_detects")] IReadOnlyList<BlastDetection> CloudAuditDetects,
    [property: JsonPropertyName("truncated")] string? Truncated);

public sealed record BlastGenerator(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version);

public sealed record BlastSource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("aws_account_id")] string AwsAccountId,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("resource_id")] string ResourceId);

public sealed record BlastSummary(
    [property: JsonPropertyName("headline")] string Headline,
    [property: JsonPropertyName("impact_usd")] decimal? ImpactUsd,
    [property: JsonPropertyName("stats")] IReadOnlyList<BlastStat> Stats,
    [property: JsonPropertyName("nodes_reachable")] int NodesReachable,
    [property: JsonPropertyName("paths_found")] int PathsFound,
    [property: JsonPropertyName("risk_score")] int RiskScore);

public sealed record BlastStat(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("emphasis")] bool Emphasis);

public sealed record BlastGraph(
    [property: JsonPropertyName("nodes")] IReadOnlyList<BlastNode> Nodes,
    [property: JsonPropertyName("edges")] IReadOnlyList<BlastEdge> Edges);

public sealed record BlastNode(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("sub")] string Sub,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("highValue")] bool HighValue,
    [property: JsonPropertyName("bfsStep")] int BfsStep,
    [property: JsonPropertyName("actionTitle")] string ActionTitle,
    [property: JsonPropertyName("actionDescription")] string ActionDescription,
    [property: JsonPropertyName("resource_arn")] string? ResourceArn,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);

public sealed record BlastEdge(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("evidence")] string Evidence);

public sealed record BlastNarrative(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("nodeIds")] IReadOnlyList<string> NodeIds,
    [property: JsonPropertyName("edgeIds")] IReadOnlyList<string> EdgeIds);

public sealed record BlastFix(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("breaks_chain")] bool BreaksChain,
    [property: JsonPropertyName("effort")] string Effort,
    [property: JsonPropertyName("cli_command")] string? CliCommand,
    [property: JsonPropertyName("terraform")] string? Terraform,
    [property: JsonPropertyName("doc_url")] string? DocUrl);

public sealed record BlastDetection(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("severity")] string Severity);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BlastRadiusDocument))]
internal sealed partial class BlastRadiusContext : JsonSerializerContext;
