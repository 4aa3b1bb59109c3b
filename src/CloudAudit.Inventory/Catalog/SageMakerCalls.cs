using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>SageMaker reads: notebook instances, endpoint configurations and endpoints, each described individually, and the models endpoint configurations serve.</summary>
public static class SageMakerCalls
{
    public static readonly ApiCall ListNotebookInstances = ApiCall.Regional("sagemaker", "ListNotebookInstances");

    public static readonly ApiCall DescribeNotebookInstance =
        ApiCall.PerResource(ListNotebookInstances, "sagemaker", "DescribeNotebookInstance", parent =>
            Items(parent.Response, "NotebookInstances").Select(n => n.Str("NotebookInstanceName")).OfType<string>()
                .Select(name => Target(parent.Region, ("NotebookInstanceName", name))));

    public static readonly ApiCall ListEndpointConfigs = ApiCall.Regional("sagemaker", "ListEndpointConfigs");

    public static readonly ApiCall DescribeEndpointConfig =
        ApiCall.PerResource(ListEndpointConfigs, "sagemaker", "DescribeEndpointConfig", parent =>
            Items(parent.Response, "EndpointConfigs").Select(c => c.Str("EndpointConfigName")).OfType<string>()
                .Select(name => Target(parent.Region, ("EndpointConfigName", name))));

    public static readonly ApiCall ListEndpoints = ApiCall.Regional("sagemaker", "ListEndpoints");

    /// <summary>An endpoint: its status and the endpoint configuration it runs.</summary>
    public static readonly ApiCall DescribeEndpoint =
        ApiCall.PerResource(ListEndpoints, "sagemaker", "DescribeEndpoint", parent =>
            Items(parent.Response, "Endpoints").Select(e => e.Str("EndpointName")).OfType<string>()
                .Select(name => Target(parent.Region, ("EndpointName", name))));

    /// <summary>The models an endpoint configuration's production variants serve: their execution role and VPC.</summary>
    public static readonly ApiCall DescribeModel =
        ApiCall.PerResource(DescribeEndpointConfig, "sagemaker", "DescribeModel", parent =>
            Items(parent.Response, "ProductionVariants").Select(v => v.Str("ModelName")).OfType<string>().Distinct(StringComparer.Ordinal)
                .Select(name => Target(parent.Region, ("ModelName", name))));
}
