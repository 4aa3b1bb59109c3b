using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record EcsLogConfiguration([property: JsonPropertyName("logDriver")] string? LogDriver);

public sealed record EcsContainerDefinition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("essential")] bool? Essential,
    [property: JsonPropertyName("privileged")] bool? Privileged,
    [property: JsonPropertyName("logConfiguration")] EcsLogConfiguration? LogConfiguration);

public sealed record EcsTaskDefinition(
    [property: JsonPropertyName("taskDefinitionArn")] string TaskDefinitionArn,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("revision")] int Revision,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("containerDefinitions")] List<EcsContainerDefinition>? ContainerDefinitions)
{
    /// <summary>The role the task's containers get credentials for.</summary>
    [JsonPropertyName("taskRoleArn")] public string? TaskRoleArn { get; init; }
    /// <summary>The role ECS uses to pull images and read secrets for the task.</summary>
    [JsonPropertyName("executionRoleArn")] public string? ExecutionRoleArn { get; init; }
}

public sealed record DescribeTaskDefinitionResponse([property: JsonPropertyName("taskDefinition")] EcsTaskDefinition? TaskDefinition);

public sealed record ListTaskDefinitionFamiliesResponse([property: JsonPropertyName("families")] List<string>? Families);

public sealed record ListClustersResponse([property: JsonPropertyName("clusterArns")] List<string>? ClusterArns);

public sealed record ListServicesResponse([property: JsonPropertyName("serviceArns")] List<string>? ServiceArns);

public sealed record EcsService(
    [property: JsonPropertyName("serviceArn")] string ServiceArn,
    [property: JsonPropertyName("serviceName")] string ServiceName,
    [property: JsonPropertyName("clusterArn")] string? ClusterArn,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("enableExecuteCommand")] bool? EnableExecuteCommand)
{
    /// <summary>The task definition (family:revision ARN) the service runs.</summary>
    [JsonPropertyName("taskDefinition")] public string? TaskDefinition { get; init; }
    [JsonPropertyName("launchType")] public string? LaunchType { get; init; }
    [JsonPropertyName("networkConfiguration")] public EcsNetworkConfiguration? NetworkConfiguration { get; init; }
}

public sealed record EcsAwsVpcConfiguration(
    [property: JsonPropertyName("subnets")] List<string>? Subnets,
    [property: JsonPropertyName("securityGroups")] List<string>? SecurityGroups,
    [property: JsonPropertyName("assignPublicIp")] string? AssignPublicIp);

public sealed record EcsNetworkConfiguration([property: JsonPropertyName("awsvpcConfiguration")] EcsAwsVpcConfiguration? AwsvpcConfiguration);

public sealed record DescribeServicesResponse([property: JsonPropertyName("services")] List<EcsService>? Services);

/// <summary>ECS as checks see it.</summary>
public sealed class EcsView(AccountData data)
{
    /// <summary>The latest ACTIVE revision of every task definition family.</summary>
    public RegionalList<EcsTaskDefinition> TaskDefinitions() =>
        data.ListInEveryRegion(EcsCalls.ListTaskDefinitionFamilies, EcsJson.Default.ListTaskDefinitionFamiliesResponse, r => r.Families)
            .Detail(family => ViewJson.Read(data.ForTarget(EcsCalls.DescribeTaskDefinition, Target(family.Region, ("taskDefinition", family.Resource))),
                EcsJson.Default.DescribeTaskDefinitionResponse), response => response.TaskDefinition);

    /// <summary>Every service of every cluster.</summary>
    public RegionalList<EcsService> Services() =>
        data.ListInEveryRegion(EcsCalls.ListClusters, EcsJson.Default.ListClustersResponse, r => r.ClusterArns)
            .Expand(cluster => ServicesOf(cluster.Region, cluster.Resource));

    private Gathered<EcsService> ServicesOf(string region, string cluster)
    {
        var listing = ViewJson.Read(data.ForTarget(EcsCalls.ListServices, Target(region, ("cluster", cluster))), EcsJson.Default.ListServicesResponse);
        if (!listing.TryGet(out var arns, out var gap))
            return new Gathered<EcsService>([], [gap!]);
        return data.ReadBatches(EcsCalls.DescribeServices, EcsCalls.ServiceBatches(region, cluster, arns.ServiceArns ?? []),
            EcsJson.Default.DescribeServicesResponse, r => r.Services);
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListTaskDefinitionFamiliesResponse))]
[JsonSerializable(typeof(DescribeTaskDefinitionResponse))]
[JsonSerializable(typeof(ListClustersResponse))]
[JsonSerializable(typeof(ListServicesResponse))]
[JsonSerializable(typeof(DescribeServicesResponse))]
internal sealed partial class EcsJson : JsonSerializerContext;
