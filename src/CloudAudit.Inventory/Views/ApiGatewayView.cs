using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

/// <summary>A REST API method's integration: its type (AWS_PROXY, AWS, HTTP …) and, for Lambda, the invocation URI.</summary>
public sealed record RestIntegration(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("uri")] string? Uri);

public sealed record RestMethod(
    [property: JsonPropertyName("httpMethod")] string? HttpMethod,
    [property: JsonPropertyName("authorizationType")] string? AuthorizationType,
    [property: JsonPropertyName("authorizerId")] string? AuthorizerId,
    [property: JsonPropertyName("apiKeyRequired")] bool? ApiKeyRequired,
    [property: JsonPropertyName("methodIntegration")] RestIntegration? MethodIntegration);

public sealed record RestResource(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("resourceMethods")] Dictionary<string, RestMethod>? ResourceMethods);

public sealed record GetResourcesResponse([property: JsonPropertyName("items")] List<RestResource>? Items);

public sealed record RestStage(
    [property: JsonPropertyName("stageName")] string StageName,
    [property: JsonPropertyName("deploymentId")] string? DeploymentId,
    [property: JsonPropertyName("variables")] Dictionary<string, string>? Variables);

public sealed record GetStagesResponse([property: JsonPropertyName("item")] List<RestStage>? Item);

/// <summary>An HTTP or WebSocket API (apigatewayv2).</summary>
public sealed record HttpApi(
    [property: JsonPropertyName("ApiId")] string ApiId,
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("ProtocolType")] string? ProtocolType,
    [property: JsonPropertyName("ApiEndpoint")] string? ApiEndpoint,
    [property: JsonPropertyName("DisableExecuteApiEndpoint")] bool? DisableExecuteApiEndpoint);

public sealed record GetApisResponse([property: JsonPropertyName("Items")] List<HttpApi>? Items);

/// <summary>A route: its key ("GET /items", "$connect"), authorization (NONE, AWS_IAM, JWT, CUSTOM) and target ("integrations/ID").</summary>
public sealed record HttpRoute(
    [property: JsonPropertyName("RouteId")] string? RouteId,
    [property: JsonPropertyName("RouteKey")] string? RouteKey,
    [property: JsonPropertyName("AuthorizationType")] string? AuthorizationType,
    [property: JsonPropertyName("ApiKeyRequired")] bool? ApiKeyRequired,
    [property: JsonPropertyName("Target")] string? Target);

public sealed record GetRoutesResponse([property: JsonPropertyName("Items")] List<HttpRoute>? Items);

public sealed record HttpIntegration(
    [property: JsonPropertyName("IntegrationId")] string? IntegrationId,
    [property: JsonPropertyName("IntegrationType")] string? IntegrationType,
    [property: JsonPropertyName("IntegrationUri")] string? IntegrationUri);

public sealed record GetIntegrationsResponse([property: JsonPropertyName("Items")] List<HttpIntegration>? Items);

public sealed record HttpStage(
    [property: JsonPropertyName("StageName")] string StageName,
    [property: JsonPropertyName("StageVariables")] Dictionary<string, string>? StageVariables);

public sealed record GetHttpStagesResponse([property: JsonPropertyName("Items")] List<HttpStage>? Items);

/// <summary>API Gateway REST APIs (with their resources, methods and stages) and HTTP/WebSocket APIs (with routes, integrations and stages).</summary>
public sealed class ApiGatewayView(AccountData data)
{
    public RegionRead<GetRestApisResponse> RestApis(string region) => data.Waf().RestApis(region);

    public Observed<GetResourcesResponse> Resources(string region, string restApiId) =>
        ViewJson.Read(data.ForTarget(ApiGatewayCalls.GetResources,
            Target(region, ("restApiId", restApiId), ("embed", new JsonArray("methods")), ("limit", 500))), ApiGatewayJson.Default.GetResourcesResponse);

    public Observed<GetStagesResponse> Stages(string region, string restApiId) =>
        ViewJson.Read(data.ForTarget(ApiGatewayCalls.GetStages, Target(region, ("restApiId", restApiId))), ApiGatewayJson.Default.GetStagesResponse);

    public RegionRead<GetApisResponse> HttpApis(string region) =>
        data.InRegion(ApiGatewayCalls.GetApis, ApiGatewayJson.Default.GetApisResponse, region);

    public Observed<GetRoutesResponse> Routes(string region, string apiId) =>
        ViewJson.Read(data.ForTarget(ApiGatewayCalls.GetRoutes, Target(region, ("ApiId", apiId))), ApiGatewayJson.Default.GetRoutesResponse);

    public Observed<GetIntegrationsResponse> Integrations(string region, string apiId) =>
        ViewJson.Read(data.ForTarget(ApiGatewayCalls.GetIntegrations, Target(region, ("ApiId", apiId))), ApiGatewayJson.Default.GetIntegrationsResponse);

    public Observed<GetHttpStagesResponse> HttpStages(string region, string apiId) =>
        ViewJson.Read(data.ForTarget(ApiGatewayCalls.GetApiStages, Target(region, ("ApiId", apiId))), ApiGatewayJson.Default.GetHttpStagesResponse);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetResourcesResponse))]
[JsonSerializable(typeof(GetStagesResponse))]
[JsonSerializable(typeof(GetApisResponse))]
[JsonSerializable(typeof(GetRoutesResponse))]
[JsonSerializable(typeof(GetIntegrationsResponse))]
[JsonSerializable(typeof(GetHttpStagesResponse))]
internal sealed partial class ApiGatewayJson : JsonSerializerContext;
