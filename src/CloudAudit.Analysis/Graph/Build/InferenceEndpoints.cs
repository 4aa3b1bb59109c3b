using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// SageMaker real-time endpoints: each endpoint, the endpoint configuration it runs, and the models its production
/// variants serve, with a runs_as edge to each model's execution role. The container's inference code runs with that
/// role's credentials, so whoever may send it requests (the can_invoke edges the data layer decides for
/// sagemaker:InvokeEndpoint) feeds input to code holding them. Callers sign with SigV4 and SageMaker has no resource
/// policy for endpoints, so no endpoint is reachable anonymously from the internet: only principals are drawn in.
/// A read that failed (the list, an endpoint, its configuration or a model) is a gap of the graph, never an absent edge.
/// </summary>
internal static class InferenceEndpoints
{
    public static void Add(GraphDraft g, AccountData data, IdentityLayer identity)
    {
        var view = data.SageMaker();
        var endpoints = view.Endpoints();
        // Never collected (an older snapshot, or --checks without SageMaker) is not a failure worth a gap; a failed read is.
        foreach (var gap in endpoints.Gaps.Where(x => x.Kind is not null)) g.Gap("SageMaker endpoints", gap);
        foreach (var located in endpoints.Items)
        {
            var e = located.Resource;
            var id = g.Node(e.EndpointArn, NodeType.SageMakerEndpoint, e.EndpointName, located.Region,
                ("status", e.EndpointStatus), ("endpoint_config", e.EndpointConfigName), ("inbound_auth", AgentLayer.SigV4));
            g.Alias(e.EndpointName, id);
            if (e.EndpointConfigName is not { } configName) continue;
            if (!view.EndpointConfig(located.Region, configName).TryGet(out var config, out var configGap))
            {
                g.Gap($"the models and roles of SageMaker endpoint {e.EndpointName} (endpoint configuration {configName})", configGap!);
                continue;
            }
            foreach (var model in (config.ProductionVariants ?? []).Select(v => v.ModelName).OfType<string>().Distinct(StringComparer.Ordinal))
                Model(g, view, identity, id, e.EndpointName, configName, located.Region, model);
        }
    }

    private static void Model(GraphDraft g, SageMakerView view, IdentityLayer identity, string endpoint, string endpointName, string configName,
        string region, string modelName)
    {
        if (!view.Model(region, modelName).TryGet(out var model, out var gap))
        {
            g.Gap($"the execution role of model {modelName} (SageMaker endpoint {endpointName})", gap!);
            return;
        }
        if (model.VpcConfig?.Subnets is { Count: > 0 } subnets) g.SetAttr(endpoint, "model_subnets", string.Join(",", subnets));
        if (model.EnableNetworkIsolation == true) g.SetAttr(endpoint, "network_isolation", "true");
        if (model.ExecutionRoleArn is not { } role) return;
        g.Edge(endpoint, identity.RoleNode(role), EdgeType.RunsAs, Evidence.Context("sagemaker:DescribeModel",
            $"model {modelName}, served by endpoint configuration {configName}, runs its inference code as execution role {role}"));
    }
}
