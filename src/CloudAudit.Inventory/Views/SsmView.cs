using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record InstanceInformation(string InstanceId, string? PingStatus, string? ResourceType, string? PlatformName,
    string? LastPingDateTime, string? AgentVersion);

public sealed record DescribeInstanceInformationResponse(List<InstanceInformation>? InstanceInformationList);

public sealed record InstancePatchState(string InstanceId, string? BaselineId, int? MissingCount, int? FailedCount,
    int? InstalledPendingRebootCount, int? CriticalNonCompliantCount, int? SecurityNonCompliantCount, string? Operation, string? OperationEndTime);

public sealed record DescribeInstancePatchStatesResponse(List<InstancePatchState>? InstancePatchStates);

public sealed record ParameterMetadata(string Name, string? ARN, string? Type, string? KeyId, string? LastModifiedDate);

public sealed record DescribeParametersResponse(List<ParameterMetadata>? Parameters);

/// <summary>Systems Manager (and the running EC2 instances it should manage) as checks see it.</summary>
public sealed class SsmView(AccountData data)
{
    public RegionalList<Ec2Instance> RunningInstances() =>
        data.ListInEveryRegion(SsmCalls.DescribeRunningInstances, SsmJson.Default.DescribeInstancesResponse,
            r => (r.Reservations ?? []).SelectMany(res => res.Instances ?? []).Where(i => i.State?.Name is null or "running"));

    /// <summary>The instances SSM knows in a region (any ping status).</summary>
    public RegionRead<DescribeInstanceInformationResponse> ManagedInstances(string region) =>
        data.InRegion(SsmCalls.DescribeInstanceInformation, SsmJson.Default.DescribeInstanceInformationResponse, region);

    /// <summary>Patch states of the region's SSM-managed EC2 instances, by instance ID, read in the catalog's batches.</summary>
    public Gathered<InstancePatchState> PatchStates(string region, DescribeInstanceInformationResponse managed)
    {
        var ids = (managed.InstanceInformationList ?? []).Where(i => i.ResourceType == "EC2Instance").Select(i => i.InstanceId);
        return data.ReadBatches(SsmCalls.DescribeInstancePatchStates, SsmCalls.PatchStateBatches(region, ids),
            SsmJson.Default.DescribeInstancePatchStatesResponse, r => r.InstancePatchStates);
    }

    public RegionalList<ParameterMetadata> Parameters() =>
        data.ListInEveryRegion(SsmCalls.DescribeParameters, SsmJson.Default.DescribeParametersResponse, r => r.Parameters);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeInstancesResponse))]
[JsonSerializable(typeof(DescribeInstanceInformationResponse))]
[JsonSerializable(typeof(DescribeInstancePatchStatesResponse))]
[JsonSerializable(typeof(DescribeParametersResponse))]
internal sealed partial class SsmJson : JsonSerializerContext;
