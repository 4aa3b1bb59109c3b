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

/// <summary>
/// One way to reach an agent (the report's <c>agents[].entry_points[]</c>): from the internet (a gateway with no
/// authorizer), as a principal that may invoke it, or with a bearer token of the identity provider its JWT authorizer trusts.
/// </summary>
public sealed record AgentEntryPoint
{
    public const string Internet = "internet", Principal = "principal", JwtIssuer = "jwt_issuer";

    /// <summary>internet, principal or jwt_issuer.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    /// <summary>"internet", the principal's ARN, or the identity provider's discovery URL.</summary>
    [JsonPropertyName("from")] public required string From { get; init; }
    /// <summary>What proves it: the API data, or the policy grant.</summary>
    [JsonPropertyName("detail")] public required string Detail { get; init; }
    /// <summary>Anyone on the internet gets there: directly, or through a workload the internet reaches that runs as the principal.</summary>
    [JsonPropertyName("internet_reachable")] public bool InternetReachable { get; init; }
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
    /// <summary>How the agent is reached: the internet, principals that may invoke it, a JWT issuer's token holders.</summary>
    [JsonPropertyName("entry_points")] public IReadOnlyList<AgentEntryPoint> EntryPoints { get; init; } = [];
    /// <summary>Exposure facts (public network mode, no inbound authorizer) and what could not be read.</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
}
