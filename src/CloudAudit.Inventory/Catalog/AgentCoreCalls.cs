using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// Amazon Bedrock AgentCore control-plane reads (service bedrock-agentcore-control): code
/// interpreters, agent runtimes, memories and gateways, each listed and then read in full.
/// </summary>
public static class AgentCoreCalls
{
    private const string Service = "bedrock-agentcore-control";

    /// <summary>CUSTOM only: the SYSTEM code interpreters are AWS-managed.</summary>
    public static readonly ApiCall ListCodeInterpreters = ApiCall.Regional(Service, "ListCodeInterpreters", Of(("type", "CUSTOM")));

    public static readonly ApiCall GetCodeInterpreter = Detail(ListCodeInterpreters, "GetCodeInterpreter", "codeInterpreterSummaries", "codeInterpreterId", "codeInterpreterId");

    public static readonly ApiCall ListAgentRuntimes = ApiCall.Regional(Service, "ListAgentRuntimes");

    public static readonly ApiCall GetAgentRuntime = Detail(ListAgentRuntimes, "GetAgentRuntime", "agentRuntimes", "agentRuntimeId", "agentRuntimeId");

    public static readonly ApiCall ListMemories = ApiCall.Regional(Service, "ListMemories");

    public static readonly ApiCall GetMemory = Detail(ListMemories, "GetMemory", "memories", "id", "memoryId");

    public static readonly ApiCall ListGateways = ApiCall.Regional(Service, "ListGateways");

    public static readonly ApiCall GetGateway = Detail(ListGateways, "GetGateway", "items", "gatewayId", "gatewayIdentifier");

    /// <summary>The tools behind a gateway (Lambda functions, MCP servers, APIs), read for the security graph.</summary>
    public static readonly ApiCall ListGatewayTargets = ApiCall.PerResource(ListGateways, Service, "ListGatewayTargets", parent =>
        Items(parent.Response, "items").Select(item => item.Str("gatewayId")).OfType<string>()
            .Select(id => Target(parent.Region, ("gatewayIdentifier", id))));

    public static readonly ApiCall GetGatewayTarget = ApiCall.PerResource(ListGatewayTargets, Service, "GetGatewayTarget", parent =>
        Items(parent.Response, "items").Select(item => item.Str("targetId")).OfType<string>()
            .Select(target => Target(parent.Region, ("gatewayIdentifier", parent.Parameters.Str("gatewayIdentifier")), ("targetId", target))));

    /// <summary>
    /// A runtime's resource-based policy (GetResourcePolicy by ARN): who else may invoke it. ResourceNotFoundException
    /// means it has none. Read for the security graph.
    /// </summary>
    public static readonly ApiCall GetRuntimeResourcePolicy = ApiCall.PerResource(GetAgentRuntime, Service, "GetResourcePolicy", parent =>
        parent.Response.Str("agentRuntimeArn") is { } arn ? [Target(parent.Region, ("resourceArn", arn))] : []);

    /// <summary>A gateway's resource-based policy, as for runtimes.</summary>
    public static readonly ApiCall GetGatewayResourcePolicy = ApiCall.PerResource(GetGateway, Service, "GetResourcePolicy", parent =>
        parent.Response.Str("gatewayArn") is { } arn ? [Target(parent.Region, ("resourceArn", arn))] : []);

    private static ApiCall Detail(ApiCall list, string operation, string listMember, string idMember, string parameter) =>
        ApiCall.PerResource(list, Service, operation, parent =>
            Items(parent.Response, listMember).Select(item => item.Str(idMember)).OfType<string>()
                .Select(id => Target(parent.Region, (parameter, id))));
}
