using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>SageMaker reads: notebook instances and endpoint configurations, each described individually.</summary>
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
}
