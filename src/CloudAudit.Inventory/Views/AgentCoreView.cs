using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record AgentCoreNetworkConfiguration([property: JsonPropertyName("networkMode")] string? NetworkMode);

public sealed record CodeInterpreterSummary([property: JsonPropertyName("codeInterpreterId")] string CodeInterpreterId);

public sealed record ListCodeInterpretersResponse([property: JsonPropertyName("codeInterpreterSummaries")] List<CodeInterpreterSummary>? CodeInterpreterSummaries);

public sealed record CodeInterpreter(
    [property: JsonPropertyName("codeInterpreterId")] string CodeInterpreterId,
    [property: JsonPropertyName("codeInterpreterArn")] string CodeInterpreterArn,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("networkConfiguration")] AgentCoreNetworkConfiguration? NetworkConfiguration)
{
    [JsonPropertyName("executionRoleArn")] public string? ExecutionRoleArn { get; init; }
}

public sealed record AgentRuntimeSummary([property: JsonPropertyName("agentRuntimeId")] string AgentRuntimeId);

public sealed record ListAgentRuntimesResponse([property: JsonPropertyName("agentRuntimes")] List<AgentRuntimeSummary>? AgentRuntimes);

/// <summary>Inbound OAuth: tokens of the issuer behind <c>discoveryUrl</c>, restricted to these audiences, clients and scopes when given.</summary>
public sealed record CustomJwtAuthorizer(
    [property: JsonPropertyName("discoveryUrl")] string? DiscoveryUrl,
    [property: JsonPropertyName("allowedAudience")] List<string>? AllowedAudience,
    [property: JsonPropertyName("allowedClients")] List<string>? AllowedClients,
    [property: JsonPropertyName("allowedScopes")] List<string>? AllowedScopes);

/// <summary>The AuthorizerConfiguration union of runtimes and gateways: its one member so far is a JWT authorizer.</summary>
public sealed record AgentCoreAuthorizerConfiguration([property: JsonPropertyName("customJWTAuthorizer")] CustomJwtAuthorizer? CustomJwtAuthorizer);

public sealed record RuntimeMetadataConfiguration([property: JsonPropertyName("requireMMDSV2")] bool? RequireMmdsV2);

public sealed record AgentRuntime(
    [property: JsonPropertyName("agentRuntimeId")] string AgentRuntimeId,
    [property: JsonPropertyName("agentRuntimeArn")] string AgentRuntimeArn,
    [property: JsonPropertyName("agentRuntimeName")] string AgentRuntimeName,
    [property: JsonPropertyName("roleArn")] string? RoleArn,
    [property: JsonPropertyName("networkConfiguration")] AgentCoreNetworkConfiguration? NetworkConfiguration,
    [property: JsonPropertyName("metadataConfiguration")] RuntimeMetadataConfiguration? MetadataConfiguration)
{
    /// <summary>Inbound authorization: a JWT authorizer when set; without one, callers sign with SigV4 (IAM).</summary>
    [JsonPropertyName("authorizerConfiguration")] public AgentCoreAuthorizerConfiguration? AuthorizerConfiguration { get; init; }
}

public sealed record MemorySummary([property: JsonPropertyName("id")] string? Id);

public sealed record ListMemoriesResponse([property: JsonPropertyName("memories")] List<MemorySummary>? Memories);

public sealed record AgentCoreMemory(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("arn")] string Arn,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("encryptionKeyArn")] string? EncryptionKeyArn,
    [property: JsonPropertyName("eventExpiryDuration")] int? EventExpiryDuration);

public sealed record GetMemoryResponse([property: JsonPropertyName("memory")] AgentCoreMemory? Memory);

public sealed record GatewaySummary([property: JsonPropertyName("gatewayId")] string GatewayId);

public sealed record ListGatewaysResponse([property: JsonPropertyName("items")] List<GatewaySummary>? Items);

public sealed record GatewayPolicyEngineConfiguration(
    [property: JsonPropertyName("arn")] string? Arn,
    [property: JsonPropertyName("mode")] string? Mode);

public sealed record AgentCoreGateway(
    [property: JsonPropertyName("gatewayId")] string GatewayId,
    [property: JsonPropertyName("gatewayArn")] string GatewayArn,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("gatewayUrl")] string? GatewayUrl,
    [property: JsonPropertyName("roleArn")] string? RoleArn,
    [property: JsonPropertyName("protocolType")] string? ProtocolType,
    [property: JsonPropertyName("authorizerType")] string? AuthorizerType,
    [property: JsonPropertyName("policyEngineConfiguration")] GatewayPolicyEngineConfiguration? PolicyEngineConfiguration)
{
    /// <summary>For <c>authorizerType</c> CUSTOM_JWT: whose tokens the gateway accepts.</summary>
    [JsonPropertyName("authorizerConfiguration")] public AgentCoreAuthorizerConfiguration? AuthorizerConfiguration { get; init; }
}

public sealed record GatewayTargetSummary([property: JsonPropertyName("targetId")] string TargetId);

public sealed record ListGatewayTargetsResponse([property: JsonPropertyName("items")] List<GatewayTargetSummary>? Items);

public sealed record McpLambdaTarget([property: JsonPropertyName("lambdaArn")] string? LambdaArn);

public sealed record McpServerTarget([property: JsonPropertyName("endpoint")] string? Endpoint);

public sealed record ApiGatewayTarget(
    [property: JsonPropertyName("restApiId")] string? RestApiId,
    [property: JsonPropertyName("stage")] string? Stage);

public sealed record McpTargetConfiguration(
    [property: JsonPropertyName("lambda")] McpLambdaTarget? Lambda,
    [property: JsonPropertyName("mcpServer")] McpServerTarget? McpServer,
    [property: JsonPropertyName("apiGateway")] ApiGatewayTarget? ApiGateway,
    [property: JsonPropertyName("openApiSchema")] System.Text.Json.Nodes.JsonObject? OpenApiSchema,
    [property: JsonPropertyName("smithyModel")] System.Text.Json.Nodes.JsonObject? SmithyModel);

public sealed record GatewayTargetConfiguration([property: JsonPropertyName("mcp")] McpTargetConfiguration? Mcp);

public sealed record CredentialProviderConfiguration([property: JsonPropertyName("credentialProviderType")] string? CredentialProviderType);

public sealed record GatewayTarget(
    [property: JsonPropertyName("targetId")] string TargetId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("targetConfiguration")] GatewayTargetConfiguration? TargetConfiguration,
    [property: JsonPropertyName("credentialProviderConfigurations")] List<CredentialProviderConfiguration>? CredentialProviderConfigurations)
{
    /// <summary>The reference tool's tool kinds: gateway_target_lambda, _mcp_server, _api_gateway, _openapi, _smithy.</summary>
    public string Kind => TargetConfiguration?.Mcp switch
    {
        { Lambda: not null } => "gateway_target_lambda",
        { McpServer: not null } => "gateway_target_mcp_server",
        { ApiGateway: not null } => "gateway_target_api_gateway",
        { OpenApiSchema: not null } => "gateway_target_openapi",
        { SmithyModel: not null } => "gateway_target_smithy",
        _ => "gateway_target",
    };

    /// <summary>The gateway calls the target with its own role's credentials (GATEWAY_IAM_ROLE).</summary>
    public bool UsesGatewayRole => CredentialProviderConfigurations?.Any(c => c.CredentialProviderType == "GATEWAY_IAM_ROLE") == true;
}

/// <summary>A runtime's or gateway's resource-based policy document; null when it has none.</summary>
public sealed record AgentCoreResourcePolicy([property: JsonPropertyName("policy")] string? Policy);

/// <summary>Amazon Bedrock AgentCore (control plane) as checks see it.</summary>
public sealed class AgentCoreView(AccountData data)
{
    public RegionalList<CodeInterpreter> CodeInterpreters() =>
        List(AgentCoreCalls.ListCodeInterpreters, AgentCoreJson.Default.ListCodeInterpretersResponse, r => r.CodeInterpreterSummaries?.Select(s => s.CodeInterpreterId))
            .Detail(id => Get(AgentCoreCalls.GetCodeInterpreter, id, "codeInterpreterId", AgentCoreJson.Default.CodeInterpreter));

    public RegionalList<AgentRuntime> Runtimes() =>
        List(AgentCoreCalls.ListAgentRuntimes, AgentCoreJson.Default.ListAgentRuntimesResponse, r => r.AgentRuntimes?.Select(s => s.AgentRuntimeId))
            .Detail(id => Get(AgentCoreCalls.GetAgentRuntime, id, "agentRuntimeId", AgentCoreJson.Default.AgentRuntime));

    public RegionalList<AgentCoreMemory> Memories() =>
        List(AgentCoreCalls.ListMemories, AgentCoreJson.Default.ListMemoriesResponse, r => r.Memories?.Select(m => m.Id).OfType<string>())
            .Detail(id => Get(AgentCoreCalls.GetMemory, id, "memoryId", AgentCoreJson.Default.GetMemoryResponse), response => response.Memory);

    public RegionalList<AgentCoreGateway> Gateways() =>
        List(AgentCoreCalls.ListGateways, AgentCoreJson.Default.ListGatewaysResponse, r => r.Items?.Select(g => g.GatewayId))
            .Detail(id => Get(AgentCoreCalls.GetGateway, id, "gatewayIdentifier", AgentCoreJson.Default.AgentCoreGateway));

    /// <summary>A gateway's targets (the tools it fronts), each read in full.</summary>
    public Gathered<GatewayTarget> Targets(Located<AgentCoreGateway> gateway)
    {
        var list = ViewJson.Read(data.ForTarget(AgentCoreCalls.ListGatewayTargets, Target(gateway.Region, ("gatewayIdentifier", gateway.Resource.GatewayId))),
            AgentCoreJson.Default.ListGatewayTargetsResponse);
        if (!list.TryGet(out var targets, out var gap)) return new([], [gap!]);
        var found = new List<GatewayTarget>();
        var gaps = new List<DataGap>();
        foreach (var summary in targets.Items ?? [])
        {
            var read = ViewJson.Read(data.ForTarget(AgentCoreCalls.GetGatewayTarget,
                Target(gateway.Region, ("gatewayIdentifier", gateway.Resource.GatewayId), ("targetId", summary.TargetId))), AgentCoreJson.Default.GatewayTarget);
            if (read.TryGet(out var target, out var targetGap)) found.Add(target);
            else gaps.Add(targetGap!);
        }
        return new(found, gaps);
    }

    /// <summary>
    /// The resource policy of a runtime or gateway (by ARN). ResourceNotFoundException is AgentCore's answer for a
    /// resource without one: an answer, not a gap. Runtimes' and gateways' reads are the same operation by ARN, stored
    /// under the same key, so either call finds the answer.
    /// </summary>
    public Observed<AgentCoreResourcePolicy> ResourcePolicy(string region, string resourceArn) =>
        NotFoundAnswer.Read(data.ForTarget(AgentCoreCalls.GetRuntimeResourcePolicy, Target(region, ("resourceArn", resourceArn))),
            AgentCoreJson.Default.AgentCoreResourcePolicy, new AgentCoreResourcePolicy(null), "ResourceNotFoundException");

    /// <summary>The resource policies of every runtime and gateway listed: read, none (null text), or the gap of the read.</summary>
    public Gathered<ResourcePolicyRead> ResourcePolicies()
    {
        var found = new List<ResourcePolicyRead>();
        var gaps = new List<DataGap>();
        var resources = Runtimes().Items.Select(r => (r.Region, Arn: r.Resource.AgentRuntimeArn, Name: r.Resource.AgentRuntimeName))
            .Concat(Gateways().Items.Select(g => (g.Region, Arn: g.Resource.GatewayArn, g.Resource.Name)));
        foreach (var (region, arn, name) in resources)
        {
            if (ResourcePolicy(region, arn).TryGet(out var read, out var gap)) found.Add(new ResourcePolicyRead(arn, name, region, read.Policy));
            else gaps.Add(gap!);
        }
        return new(found, gaps);
    }

    private RegionalList<string> List<T>(ApiCall call, JsonTypeInfo<T> type, Func<T, IEnumerable<string>?> ids) where T : class =>
        data.ListInEveryRegion(call, type, ids);

    private Observed<T> Get<T>(ApiCall call, Located<string> id, string parameter, JsonTypeInfo<T> type) where T : class =>
        ViewJson.Read(data.ForTarget(call, Target(id.Region, (parameter, id.Resource))), type);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListCodeInterpretersResponse))]
[JsonSerializable(typeof(CodeInterpreter))]
[JsonSerializable(typeof(ListAgentRuntimesResponse))]
[JsonSerializable(typeof(AgentRuntime))]
[JsonSerializable(typeof(ListMemoriesResponse))]
[JsonSerializable(typeof(GetMemoryResponse))]
[JsonSerializable(typeof(ListGatewaysResponse))]
[JsonSerializable(typeof(AgentCoreGateway))]
[JsonSerializable(typeof(ListGatewayTargetsResponse))]
[JsonSerializable(typeof(GatewayTarget))]
[JsonSerializable(typeof(AgentCoreResourcePolicy))]
internal sealed partial class AgentCoreJson : JsonSerializerContext;
