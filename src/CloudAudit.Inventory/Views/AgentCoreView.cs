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
    [property: JsonPropertyName("networkConfiguration")] AgentCoreNetworkConfiguration? NetworkConfiguration);

public sealed record AgentRuntimeSummary([property: JsonPropertyName("agentRuntimeId")] string AgentRuntimeId);

public sealed record ListAgentRuntimesResponse([property: JsonPropertyName("agentRuntimes")] List<AgentRuntimeSummary>? AgentRuntimes);

public sealed record RuntimeMetadataConfiguration([property: JsonPropertyName("requireMMDSV2")] bool? RequireMmdsV2);

public sealed record AgentRuntime(
    [property: JsonPropertyName("agentRuntimeId")] string AgentRuntimeId,
    [property: JsonPropertyName("agentRuntimeArn")] string AgentRuntimeArn,
    [property: JsonPropertyName("agentRuntimeName")] string AgentRuntimeName,
    [property: JsonPropertyName("roleArn")] string? RoleArn,
    [property: JsonPropertyName("networkConfiguration")] AgentCoreNetworkConfiguration? NetworkConfiguration,
    [property: JsonPropertyName("metadataConfiguration")] RuntimeMetadataConfiguration? MetadataConfiguration);

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
    [property: JsonPropertyName("policyEngineConfiguration")] GatewayPolicyEngineConfiguration? PolicyEngineConfiguration);

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
internal sealed partial class AgentCoreJson : JsonSerializerContext;
