using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record WebAclSummary(string Name, string? Id, string? ARN);

public sealed record ListWebAclsResponse(List<WebAclSummary>? WebACLs);

public sealed record LoadBalancer(string LoadBalancerArn, string LoadBalancerName, string? Scheme, string? Type, string? DNSName)
{
    public bool InternetFacingAlb => Scheme == "internet-facing" && Type == "application";
}

public sealed record DescribeLoadBalancersResponse(List<LoadBalancer>? LoadBalancers);

public sealed record RestApiEndpointConfiguration([property: JsonPropertyName("types")] List<string>? Types);

public sealed record RestApi(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("endpointConfiguration")] RestApiEndpointConfiguration? EndpointConfiguration,
    [property: JsonPropertyName("disableExecuteApiEndpoint")] bool? DisableExecuteApiEndpoint)
{
    /// <summary>Reachable from the internet: an edge-optimized or regional endpoint, not a private one.</summary>
    public bool Public => EndpointConfiguration?.Types is not { Count: > 0 } types || types.Any(t => t != "PRIVATE");

    /// <summary>The API's resource policy, as API Gateway returns it (a JSON document in a string, its quotes often escaped once more).</summary>
    [JsonPropertyName("policy")] public string? Policy { get; init; }
}

public sealed record GetRestApisResponse([property: JsonPropertyName("items")] List<RestApi>? Items);

/// <summary>WAFv2 (regional scope) and the internet-facing endpoints it can protect, as checks see them.</summary>
public sealed class WafView(AccountData data)
{
    public RegionRead<ListWebAclsResponse> RegionalWebAcls(string region) =>
        data.InRegion(WafCalls.ListRegionalWebAcls, WafJson.Default.ListWebAclsResponse, region);

    public RegionRead<DescribeLoadBalancersResponse> LoadBalancers(string region) =>
        data.InRegion(WafCalls.DescribeLoadBalancers, WafJson.Default.DescribeLoadBalancersResponse, region);

    public RegionRead<GetRestApisResponse> RestApis(string region) =>
        data.InRegion(WafCalls.GetRestApis, WafJson.Default.GetRestApisResponse, region);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListWebAclsResponse))]
[JsonSerializable(typeof(DescribeLoadBalancersResponse))]
[JsonSerializable(typeof(GetRestApisResponse))]
internal sealed partial class WafJson : JsonSerializerContext;
