using System.Text.Json.Serialization;

namespace CloudAudit.Analysis.Agents;

/// <summary>A tool an AI agent calls, and the identity it runs with (the report's <c>agents[].tools[]</c>).</summary>
public sealed record AgentTool
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>action_group_lambda, action_group_custom_control, knowledge_base, gateway_target_lambda, gateway_target_openapi, gateway_target_mcp_server, gateway_target_smithy, gateway_target_api_gateway.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("target_arn")] public string? TargetArn { get; init; }
    [JsonPropertyName("execution_role_arn")] public string? ExecutionRoleArn { get; init; }
    [JsonPropertyName("region")] public required string Region { get; init; }
    [JsonPropertyName("detail")] public string Detail { get; init; } = "";
}

/// <summary>An AI agent of the account (Bedrock agent, AgentCore runtime, gateway or code interpreter) and what it acts as.</summary>
public sealed record AgentIdentity
{
    [JsonPropertyName("agent_id")] public required string AgentId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>bedrock_agent, agentcore_runtime, agentcore_gateway, agentcore_code_interpreter.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("arn")] public required string Arn { get; init; }
    [JsonPropertyName("account_id")] public required string AccountId { get; init; }
    [JsonPropertyName("region")] public required string Region { get; init; }
    /// <summary>The roles the agent itself runs as.</summary>
    [JsonPropertyName("principal_arns")] public required IReadOnlyList<string> PrincipalArns { get; init; }
    [JsonPropertyName("tools")] public required IReadOnlyList<AgentTool> Tools { get; init; }
    /// <summary>Knowledge-base data sources (S3 bucket ARNs).</summary>
    [JsonPropertyName("data_sources")] public IReadOnlyList<string> DataSources { get; init; } = [];
    [JsonPropertyName("foundation_model")] public string? FoundationModel { get; init; }
    [JsonPropertyName("guardrail_attached")] public bool? GuardrailAttached { get; init; }
    /// <summary>Exposure facts (public network mode, no inbound authorizer) and what could not be read.</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
}
