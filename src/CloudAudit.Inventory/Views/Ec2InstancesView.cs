using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record Ec2InstanceState(int? Code, string? Name);
public sealed record Ec2InstanceProfileRef(string? Arn, string? Id);
public sealed record Ec2Tag(string Key, string? Value);

/// <summary>Set when a service (EKS Auto Mode, …) manages the instance on the customer's behalf.</summary>
public sealed record Ec2Operator(bool? Managed, string? Principal);

public sealed record Ec2Instance(
    string InstanceId,
    string? InstanceType,
    Ec2InstanceState? State,
    Ec2InstanceProfileRef? IamInstanceProfile,
    List<Ec2Tag>? Tags,
    Ec2Operator? Operator)
{
    public bool Running => State?.Name == "running";
    public string? Name => Tags?.FirstOrDefault(t => t.Key == "Name")?.Value;
}

public sealed record Ec2Reservation(string? ReservationId, string? OwnerId, List<Ec2Instance>? Instances);

public sealed record Ec2DescribeInstancesResponse(List<Ec2Reservation>? Reservations)
{
    public IEnumerable<Ec2Instance> Instances => (Reservations ?? []).SelectMany(r => r.Instances ?? []);
}

/// <summary>EC2 instances (DescribeInstances) as the instance-profile check sees them.</summary>
public sealed class Ec2InstancesView(AccountData data)
{
    public Observed<Ec2DescribeInstancesResponse> Instances(string region) =>
        ViewJson.Read(data.InRegion(AccountCalls.DescribeInstances, region), Ec2InstancesJson.Default.Ec2DescribeInstancesResponse);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Ec2DescribeInstancesResponse))]
internal sealed partial class Ec2InstancesJson : JsonSerializerContext;
