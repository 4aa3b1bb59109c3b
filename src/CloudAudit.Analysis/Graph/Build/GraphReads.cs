using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// Reads the security graph adds to what the checks declare, where a relationship needs them: a check that lists
/// Bedrock agents or AgentCore gateways does not need each agent's role, tools and resource policy, nor one that lists
/// SageMaker endpoint configurations the endpoints and their models' roles, but the graph does. They are planned
/// only when the list they extend is (so <c>--checks</c> reads no more than it did), and they are reads like every other.
/// </summary>
public static class GraphReads
{
    private static readonly (ApiCall Extends, IReadOnlyList<ApiCall> Reads)[] Extensions =
    [
        (BedrockCalls.ListAgents, BedrockAgentCalls.All),
        (AgentCoreCalls.ListGateways, [AgentCoreCalls.ListGatewayTargets, AgentCoreCalls.GetGatewayTarget, AgentCoreCalls.GetGatewayResourcePolicy]),
        // Who else may invoke a runtime or gateway: its resource policy.
        (AgentCoreCalls.ListAgentRuntimes, [AgentCoreCalls.GetRuntimeResourcePolicy]),
        // SageMaker endpoints, and the models (with their execution roles) their configurations serve.
        (SageMakerCalls.ListEndpointConfigs, [SageMakerCalls.ListEndpoints, SageMakerCalls.DescribeEndpoint, SageMakerCalls.DescribeModel]),
        // A URL of auth type NONE is reachable only when the function's policy lets anyone call it.
        (LambdaCalls.ListFunctionUrlConfigs, [ResourcePolicyCalls.GetFunctionPolicy]),
        // An API is an entry to what its methods integrate with; HTTP and WebSocket APIs are listed beside REST APIs.
        (WafCalls.GetRestApis, ApiGatewayCalls.All),
    ];

    /// <summary>The calls the graph adds to a planned set (not already in it).</summary>
    public static IReadOnlyList<ApiCall> Extending(IReadOnlyCollection<ApiCall> planned) =>
        [.. Extensions.Where(x => planned.Contains(x.Extends)).SelectMany(x => x.Reads).SelectMany(c => c.WithAncestors()).Distinct().Except(planned)];
}
