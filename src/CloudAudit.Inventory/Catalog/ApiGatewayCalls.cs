using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// API Gateway reads the security graph needs to follow an API to what is behind it: each REST API's resources with
/// their methods embedded (authorization type, API key, integration) and its stages (an API without one is not
/// deployed); HTTP and WebSocket APIs (apigatewayv2) with their routes, integrations and stages.
/// </summary>
public static class ApiGatewayCalls
{
    /// <summary>Resources with their methods (<c>embed=methods</c>), 500 a page, the most AWS serves.</summary>
    public static readonly ApiCall GetResources = ApiCall.PerResource(WafCalls.GetRestApis, "apigateway", "GetResources", parent =>
        RestApiIds(parent).Select(id => Target(parent.Region, ("restApiId", id), ("embed", new JsonArray("methods")), ("limit", 500))));

    public static readonly ApiCall GetStages = ApiCall.PerResource(WafCalls.GetRestApis, "apigateway", "GetStages", parent =>
        RestApiIds(parent).Select(id => Target(parent.Region, ("restApiId", id))));

    public static readonly ApiCall GetApis = ApiCall.Regional("apigatewayv2", "GetApis");

    public static readonly ApiCall GetRoutes = PerApi("GetRoutes");

    public static readonly ApiCall GetIntegrations = PerApi("GetIntegrations");

    public static readonly ApiCall GetApiStages = PerApi("GetStages");

    /// <summary>Every read the graph adds for the APIs a GetRestApis call finds (HTTP and WebSocket APIs are listed with them).</summary>
    public static IReadOnlyList<ApiCall> All { get; } = [GetResources, GetStages, GetApis, GetRoutes, GetIntegrations, GetApiStages];

    private static ApiCall PerApi(string operation) => ApiCall.PerResource(GetApis, "apigatewayv2", operation, parent =>
        Items(parent.Response, "Items").Select(api => api.Str("ApiId")).OfType<string>().Select(id => Target(parent.Region, ("ApiId", id))));

    private static IEnumerable<string> RestApiIds(ParentResponse parent) =>
        Items(parent.Response, "items").Select(api => api.Str("id")).OfType<string>();
}
