using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record NotebookInstanceSummary(string NotebookInstanceName, string? NotebookInstanceArn, string? NotebookInstanceStatus);

public sealed record ListNotebookInstancesResponse(List<NotebookInstanceSummary>? NotebookInstances);

public sealed record NotebookInstance(string NotebookInstanceName, string NotebookInstanceArn, string? NotebookInstanceStatus,
    string? InstanceType, string? SubnetId, string? RoleArn, string? KmsKeyId, string? DirectInternetAccess, string? RootAccess);

public sealed record EndpointConfigSummary(string EndpointConfigName, string? EndpointConfigArn);

public sealed record ListEndpointConfigsResponse(List<EndpointConfigSummary>? EndpointConfigs);

public sealed record ServerlessConfig(int? MemorySizeInMB, int? MaxConcurrency);

public sealed record ProductionVariant(string VariantName, string? ModelName, string? InstanceType, ServerlessConfig? ServerlessConfig);

public sealed record EndpointConfig(string EndpointConfigName, string EndpointConfigArn, List<ProductionVariant>? ProductionVariants, string? KmsKeyId);

public sealed record EndpointSummary(string EndpointName, string? EndpointArn, string? EndpointStatus);

public sealed record ListEndpointsResponse(List<EndpointSummary>? Endpoints);

public sealed record Endpoint(string EndpointName, string EndpointArn, string? EndpointConfigName, string? EndpointStatus);

public sealed record SageMakerVpcConfig(List<string>? SecurityGroupIds, List<string>? Subnets);

public sealed record SageMakerModel(string ModelName, string? ModelArn, string? ExecutionRoleArn, SageMakerVpcConfig? VpcConfig, bool? EnableNetworkIsolation);

/// <summary>SageMaker as checks see it.</summary>
public sealed class SageMakerView(AccountData data)
{
    public RegionalList<NotebookInstance> NotebookInstances() =>
        data.ListInEveryRegion(SageMakerCalls.ListNotebookInstances, SageMakerJson.Default.ListNotebookInstancesResponse, r => r.NotebookInstances)
            .Detail(n => ViewJson.Read(data.ForTarget(SageMakerCalls.DescribeNotebookInstance,
                Target(n.Region, ("NotebookInstanceName", n.Resource.NotebookInstanceName))), SageMakerJson.Default.NotebookInstance));

    public RegionalList<EndpointConfig> EndpointConfigs() =>
        data.ListInEveryRegion(SageMakerCalls.ListEndpointConfigs, SageMakerJson.Default.ListEndpointConfigsResponse, r => r.EndpointConfigs)
            .Detail(c => ViewJson.Read(data.ForTarget(SageMakerCalls.DescribeEndpointConfig,
                Target(c.Region, ("EndpointConfigName", c.Resource.EndpointConfigName))), SageMakerJson.Default.EndpointConfig));

    public RegionalList<Endpoint> Endpoints() =>
        data.ListInEveryRegion(SageMakerCalls.ListEndpoints, SageMakerJson.Default.ListEndpointsResponse, r => r.Endpoints)
            .Detail(e => ViewJson.Read(data.ForTarget(SageMakerCalls.DescribeEndpoint,
                Target(e.Region, ("EndpointName", e.Resource.EndpointName))), SageMakerJson.Default.Endpoint));

    /// <summary>One endpoint configuration, read in full.</summary>
    public Observed<EndpointConfig> EndpointConfig(string region, string name) =>
        ViewJson.Read(data.ForTarget(SageMakerCalls.DescribeEndpointConfig, Target(region, ("EndpointConfigName", name))), SageMakerJson.Default.EndpointConfig);

    /// <summary>A model a production variant serves, with the role it runs as.</summary>
    public Observed<SageMakerModel> Model(string region, string name) =>
        ViewJson.Read(data.ForTarget(SageMakerCalls.DescribeModel, Target(region, ("ModelName", name))), SageMakerJson.Default.SageMakerModel);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListNotebookInstancesResponse))]
[JsonSerializable(typeof(NotebookInstance))]
[JsonSerializable(typeof(ListEndpointConfigsResponse))]
[JsonSerializable(typeof(EndpointConfig))]
[JsonSerializable(typeof(ListEndpointsResponse))]
[JsonSerializable(typeof(Endpoint))]
[JsonSerializable(typeof(SageMakerModel))]
internal sealed partial class SageMakerJson : JsonSerializerContext;
