using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>ECS reads: the latest ACTIVE revision of every task definition family, and every service of every cluster.</summary>
public static class EcsCalls
{
    /// <summary>DescribeServices accepts at most 10 services per request.</summary>
    public const int ServicesPerRequest = 10;

    public static readonly ApiCall ListTaskDefinitionFamilies =
        ApiCall.Regional("ecs", "ListTaskDefinitionFamilies", Of(("status", "ACTIVE")));

    /// <summary>A family name without a revision resolves to its latest ACTIVE revision.</summary>
    public static readonly ApiCall DescribeTaskDefinition =
        ApiCall.PerResource(ListTaskDefinitionFamilies, "ecs", "DescribeTaskDefinition", parent =>
            JsonLists.Strings(parent.Response, "families").Select(family => Target(parent.Region, ("taskDefinition", family))));

    public static readonly ApiCall ListClusters = ApiCall.Regional("ecs", "ListClusters");

    public static readonly ApiCall ListServices =
        ApiCall.PerResource(ListClusters, "ecs", "ListServices", parent =>
            JsonLists.Strings(parent.Response, "clusterArns").Select(cluster => Target(parent.Region, ("cluster", cluster))));

    public static readonly ApiCall DescribeServices =
        ApiCall.PerResource(ListServices, "ecs", "DescribeServices", parent =>
            ServiceBatches(parent.Region, parent.Parameters.Str("cluster") ?? "", JsonLists.Strings(parent.Response, "serviceArns")));

    public static IEnumerable<CallTarget> ServiceBatches(string region, string cluster, IEnumerable<string> serviceArns) =>
        serviceArns.Chunk(ServicesPerRequest).Select(batch =>
            Target(region, ("cluster", cluster), ("services", new JsonArray(batch.Select(arn => (JsonNode?)arn).ToArray()))));
}
