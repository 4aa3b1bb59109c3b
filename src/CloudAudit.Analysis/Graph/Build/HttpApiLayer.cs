using CloudAudit.Inventory.Views;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// HTTP and WebSocket APIs (apigatewayv2): they have no resource policy, so a deployed API with its execute-api
/// endpoint on is reached from the internet through each route of authorization NONE; a WebSocket API's routes are
/// all behind its <c>$connect</c> route, whose authorization decides who may open a connection.
/// </summary>
internal static class HttpApiLayer
{
    public static void Add(GraphDraft g, ApiGatewayView view, string region, HttpApi api)
    {
        var kind = api.ProtocolType ?? "HTTP";
        var id = g.Node($"arn:{g.Partition}:apigateway:{region}::/apis/{api.ApiId}", NodeType.ApiGateway, api.Name, region,
            ("api_kind", kind), ("endpoint", api.ApiEndpoint));
        var what = $"{kind} API {api.Name}";
        if (!view.Routes(region, api.ApiId).TryGet(out var routes, out var gap)
            || !view.Integrations(region, api.ApiId).TryGet(out var integrations, out gap))
        {
            g.Gap($"the routes of {what} ({api.ApiId}): whether the internet reaches it and what it forwards to", gap?.ToString() ?? "not read");
            return;
        }
        var byId = (integrations.Items ?? []).Where(i => i.IntegrationId is not null).ToDictionary(i => i.IntegrationId!, StringComparer.Ordinal);
        var connect = (routes.Items ?? []).FirstOrDefault(r => r.RouteKey == "$connect");
        var all = (routes.Items ?? []).Select(r =>
        {
            var integration = r.Target is { } target && target.StartsWith("integrations/", StringComparison.Ordinal)
                ? byId.GetValueOrDefault(target["integrations/".Length..]) : null;
            // On a WebSocket API only $connect is authorized; every other route is open to whoever connected.
            var authorization = kind == "WEBSOCKET" && r.RouteKey != "$connect" ? connect?.AuthorizationType ?? "NONE" : r.AuthorizationType ?? "NONE";
            return new ApiRoute(r.RouteKey ?? r.RouteId ?? "?", authorization, r.ApiKeyRequired == true, integration?.IntegrationType, integration?.IntegrationUri);
        }).ToList();
        Authenticated(g, id, all);
        List<(string Stage, IReadOnlyDictionary<string, string> Variables)>? stages = null;
        if (view.HttpStages(region, api.ApiId).TryGet(out var read, out var stageGap))
            stages = [.. (read.Items ?? []).Select(s => (s.StageName, (IReadOnlyDictionary<string, string>)(s.StageVariables ?? [])))];
        else g.Gap($"the stages of {what} ({api.ApiId}): whether it is deployed", stageGap?.ToString() ?? "not read");
        ApiRoutes.Follow(g, id, region, what, "apigatewayv2:GetRoutes", all, stages);

        if (api.DisableExecuteApiEndpoint == true)
        {
            g.Gap($"whether the internet reaches {what} through a custom domain name", "its execute-api endpoint is off and custom domain names are not read");
            return;
        }
        if (stages is null) return;
        if (stages.Count == 0) { g.SetAttr(id, "internet_reachable", "false (no stage: not deployed)"); return; }
        var open = all.Where(r => r.Unauthenticated).ToList();
        if (open.Count == 0) return;
        g.Edge(SecurityGraph.InternetId, id, EdgeType.ReachableFromInternet,
            [.. open.Select(r => Evidence.Grant("apigatewayv2:GetRoutes", $"{what} answers {r.Describe()}")),
             Evidence.Context("apigatewayv2:GetApis", $"{what} has a public execute-api endpoint ({api.ApiEndpoint}); HTTP APIs have no resource policy"),
             Evidence.Context("apigatewayv2:GetStages", $"deployed in stage {string.Join(", ", stages.Select(s => s.Stage))}")]);
        g.SetAttr(id, "internet_reachable", "true");
    }

    /// <summary>
    /// Routes only authenticated callers get through (AWS_IAM: principals allowed execute-api:Invoke; Cognito, JWT and
    /// Lambda authorizers: whoever the identity provider or authorizer accepts), with their Lambda integrations, on the node.
    /// </summary>
    public static void Authenticated(GraphDraft g, string api, IEnumerable<ApiRoute> routes)
    {
        var listed = routes.Where(r => !r.Unauthenticated)
            .Select(r => ApiRoutes.FunctionOf(r.Uri) is { } function ? $"{r.Key} ({r.Authorization}) → {function}" : $"{r.Key} ({r.Authorization})")
            .ToList();
        if (listed.Count > 0) g.SetAttr(api, "authenticated_routes", string.Join("; ", listed));
    }
}
