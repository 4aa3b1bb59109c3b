using System.Text.Json;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// bedrock-agentcore-control:GetResourcePolicy (GET /resourcepolicy/{resourceArn}), which moto 5.2.1 lacks (it answers
/// 500, which the scanner retries for minutes): answered through the proxy in the API's own format, as AWS does.
/// </summary>
public static class AgentCoreResourcePolicies
{
    public static bool IsGet(WireRequest r) =>
        r is { Service: "bedrock-agentcore", Method: "GET" } && r.Path.StartsWith("/resourcepolicy/", StringComparison.Ordinal);

    /// <summary>The resource has no policy: AgentCore answers 404 ResourceNotFoundException.</summary>
    public static CannedResponse None => Recorded.RestJsonError(404, "ResourceNotFoundException", "agentcore/GetResourcePolicy-none.json");

    /// <summary>The resource's policy document, as GetResourcePolicy returns it (a JSON string in <c>policy</c>).</summary>
    public static CannedResponse Of(string policy) => Recorded.RestJson("agentcore/GetResourcePolicy.json", ("policy", JsonSerializer.Serialize(policy)[1..^1]));
}
