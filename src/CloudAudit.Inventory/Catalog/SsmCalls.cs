using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>Systems Manager reads, and the running EC2 instances they are compared with.</summary>
public static class SsmCalls
{
    /// <summary>DescribeInstancePatchStates accepts at most 50 instance IDs per request.</summary>
    public const int InstancesPerRequest = 50;

    /// <summary>Only running instances: stopped ones cannot be managed or patched.</summary>
    public static readonly ApiCall DescribeRunningInstances = ApiCall.Regional("ec2", "DescribeInstances",
        Of(("Filters", new JsonArray(Of(("Name", "instance-state-name"), ("Values", new JsonArray("running")))))));

    public static readonly ApiCall DescribeInstanceInformation = ApiCall.Regional("ssm", "DescribeInstanceInformation");

    public static readonly ApiCall DescribeInstancePatchStates =
        ApiCall.PerResource(DescribeInstanceInformation, "ssm", "DescribeInstancePatchStates", parent =>
            PatchStateBatches(parent.Region, ManagedEc2Instances(parent.Response)));

    /// <summary>Parameter metadata only: names and types, never values.</summary>
    public static readonly ApiCall DescribeParameters = ApiCall.Regional("ssm", "DescribeParameters");

    public static IEnumerable<CallTarget> PatchStateBatches(string region, IEnumerable<string> instanceIds) =>
        instanceIds.Chunk(InstancesPerRequest).Select(batch =>
            Target(region, ("InstanceIds", new JsonArray(batch.Select(id => (JsonNode?)id).ToArray()))));

    private static IEnumerable<string> ManagedEc2Instances(JsonNode response) =>
        Items(response, "InstanceInformationList").Where(i => i.Str("ResourceType") == "EC2Instance")
            .Select(i => i.Str("InstanceId")).OfType<string>();
}
