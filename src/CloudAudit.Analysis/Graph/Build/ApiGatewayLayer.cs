using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// API Gateway entry points and what is behind them. A REST API is reachable from the internet when its endpoint is
/// not PRIVATE, its execute-api endpoint is on, it has a stage, and at least one method needs no authorization
/// (NONE) and its resource policy lets an anonymous caller from an arbitrary internet address invoke that method.
/// HTTP and WebSocket APIs (no resource policies) when deployed with a route (a WebSocket API's <c>$connect</c>)
/// of authorization NONE. Each such route's Lambda integration becomes api → function (forwards_to). Routes behind
/// AWS_IAM, Cognito, JWT or Lambda authorizers are listed on the API node, not drawn as moves from the internet.
/// </summary>
internal static class ApiGatewayLayer
{
    private static readonly ActionName Invoke = ActionName.Parse("execute-api:Invoke");

    /// <summary>An address on the internet (TEST-NET-3, RFC 5737) that no policy names: "any caller" for aws:SourceIp conditions.</summary>
    public const string AnyInternetAddress = "203.0.113.10";

    public static void Add(GraphDraft g, CheckContext context)
    {
        var view = context.Data.ApiGateway();
        foreach (var region in context.Regions)
        {
            var rest = view.RestApis(region);
            if (rest.Gap is { } restGap) g.Gap($"API Gateway REST APIs in {region}", restGap);
            foreach (var api in rest.Value?.Items ?? []) RestApi(g, context, view, region, api);
            var http = view.HttpApis(region);
            if (http.Gap is { Kind: not null } httpGap) g.Gap($"API Gateway HTTP and WebSocket APIs in {region}", httpGap);
            foreach (var api in http.Value?.Items ?? []) HttpApiLayer.Add(g, view, region, api);
        }
    }

    private static void RestApi(GraphDraft g, CheckContext context, ApiGatewayView view, string region, RestApi api)
    {
        var types = string.Join(",", api.EndpointConfiguration?.Types ?? []);
        var id = g.Node($"arn:{g.Partition}:apigateway:{region}::/restapis/{api.Id}", NodeType.ApiGateway, api.Name, region,
            ("api_kind", "REST"), ("endpoint_types", types.Length == 0 ? null : types));
        var what = $"REST API {api.Name}";
        if (!view.Resources(region, api.Id).TryGet(out var resources, out var gap))
        {
            g.Gap($"the methods of {what} ({api.Id}): whether the internet reaches it and what it forwards to", gap?.ToString() ?? "not read");
            return;
        }
        var routes = (resources.Items ?? []).SelectMany(r => (r.ResourceMethods ?? []).Select(m => (Path: r.Path ?? "/", Verb: m.Key, Method: m.Value)))
            .Select(m => (m.Path, m.Verb, Route: new ApiRoute($"{m.Verb} {m.Path}", m.Method.AuthorizationType ?? "NONE", m.Method.ApiKeyRequired == true,
                m.Method.MethodIntegration?.Type, m.Method.MethodIntegration?.Uri)))
            .ToList();
        HttpApiLayer.Authenticated(g, id, routes.Select(r => r.Route));
        var stages = Stages(g, view, region, api, what);
        var policy = Policy(g, context, region, api, what);
        if (policy.Unreadable) return;

        // A method the policy does not let an anonymous caller invoke forwards nothing from the internet.
        var admitted = new List<ApiRoute>();
        var statements = new List<StatementRef>();
        foreach (var (path, verb, route) in routes.Where(r => r.Route.Unauthenticated))
        {
            var decision = policy.Document is null ? null : Anonymous(policy.Document, g, region, api.Id, stages?.FirstOrDefault().Stage ?? "*", verb, path);
            if (decision is { IsAllowed: false }) continue;
            admitted.Add(route);
            statements.AddRange(decision?.MatchedStatements.Select(StatementRef.Of) ?? []);
        }
        ApiRoutes.Follow(g, id, region, what, "apigateway:GetResources", admitted, stages);

        if (!api.Public) { g.SetAttr(id, "internet_reachable", "false (PRIVATE endpoint: reached through interface VPC endpoints)"); return; }
        if (api.DisableExecuteApiEndpoint == true)
        {
            g.Gap($"whether the internet reaches {what} through a custom domain name", "its execute-api endpoint is off and custom domain names are not read");
            return;
        }
        if (stages is null) return;
        if (stages.Count == 0) { g.SetAttr(id, "internet_reachable", "false (no stage: not deployed)"); return; }
        if (admitted.Count == 0) return;
        g.Edge(SecurityGraph.InternetId, id, EdgeType.ReachableFromInternet,
            [.. admitted.Select(r => Evidence.Grant("apigateway:GetResources", $"{what} answers {r.Describe()}")),
             Evidence.Context("apigateway:GetRestApis", $"{what} has a {(types.Length == 0 ? "EDGE" : types)} endpoint with execute-api on"),
             Evidence.Context("apigateway:GetStages", $"deployed in stage {string.Join(", ", stages.Select(s => s.Stage))}"),
             policy.Document is null
                 ? Evidence.Context("apigateway:GetRestApis", $"{what} has no resource policy: API Gateway admits every caller")
                 : new Evidence(EvidenceKind.Context, "apigateway:GetRestApis", $"the resource policy of {what} lets an anonymous caller invoke those methods",
                     [.. statements.Distinct()], null)]);
        g.SetAttr(id, "internet_reachable", "true");
    }

    private static List<(string Stage, IReadOnlyDictionary<string, string> Variables)>? Stages(GraphDraft g, ApiGatewayView view, string region, RestApi api, string what)
    {
        if (view.Stages(region, api.Id).TryGet(out var stages, out var gap))
            return [.. (stages.Item ?? []).Select(s => (s.StageName, (IReadOnlyDictionary<string, string>)(s.Variables ?? [])))];
        g.Gap($"the stages of {what} ({api.Id}): whether it is deployed", gap?.ToString() ?? "not read");
        return null;
    }

    private sealed record ApiPolicy(PolicyDocument? Document, bool Unreadable);

    /// <summary>The API's resource policy; none means API Gateway admits every caller; one not parsed leaves the API's exposure not assessed.</summary>
    private static ApiPolicy Policy(GraphDraft g, CheckContext context, string region, RestApi api, string what)
    {
        if (string.IsNullOrWhiteSpace(api.Policy)) return new(null, false);
        var text = Expand(api.Policy, g, region, api.Id);
        var parsed = context.Policies().Get(text, PolicyKind.Resource, $"resource policy of {what}");
        if (!parsed.TryGet(out var document) && text.Contains("\\\"", StringComparison.Ordinal))
            parsed = context.Policies().Get(text.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal),
                PolicyKind.Resource, $"resource policy of {what}");
        if (parsed.TryGet(out document)) return new(document, false);
        g.Gap($"whether anyone may call {what} (its resource policy)", parsed.Error!);
        return new(null, true);
    }

    /// <summary>API Gateway accepts "execute-api:/stage/METHOD/path" in a policy and stores it as the full ARN; a policy written so is read the same way.</summary>
    private static string Expand(string policy, GraphDraft g, string region, string apiId) =>
        policy.Replace("\"execute-api:/", $"\"arn:{g.Partition}:execute-api:{region}:{g.AccountId}:{apiId}/", StringComparison.Ordinal);

    /// <summary>The engine's answer for an unsigned call from an arbitrary internet address to one method in one stage.</summary>
    private static EvaluationResult Anonymous(PolicyDocument policy, GraphDraft g, string region, string apiId, string stage, string verb, string path)
    {
        var method = verb == "ANY" ? "GET" : verb;
        var resource = $"arn:{g.Partition}:execute-api:{region}:{g.AccountId}:{apiId}/{stage}/{method}{path}";
        var request = new RequestContext().Set("aws:SourceIp", AnyInternetAddress).Set("aws:SecureTransport", "true");
        return PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = policy }, new AccessRequest(Principal.Anonymous, Invoke, resource, request, g.AccountId));
    }
}
