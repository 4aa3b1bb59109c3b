using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record Ec2Tag(string Key, string? Value);

public static class Ec2Tags
{
    public static string? Get(this IEnumerable<Ec2Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value;

    /// <summary>"i-0abc (web-1, running)": the ID, then the Name tag and <paramref name="details"/> when there are any.</summary>
    public static string Labelled(string id, IEnumerable<Ec2Tag>? tags, params string?[] details)
    {
        var notes = new[] { tags.Get("Name") }.Concat(details).Where(n => !string.IsNullOrEmpty(n)).ToList();
        return notes.Count == 0 ? id : $"{id} ({string.Join(", ", notes)})";
    }
}

/// <summary>Set on resources that another AWS service manages for the account (EKS Auto Mode nodes …).</summary>
public sealed record ResourceOperator(bool? Managed, string? Principal);

public sealed record InstanceState(string? Name);
public sealed record Ec2InstanceProfileRef(string? Arn, string? Id);
public sealed record InstanceMetadataOptions(string? State, string? HttpTokens, string? HttpEndpoint, int? HttpPutResponseHopLimit);
public sealed record GroupIdentifier(string? GroupId, string? GroupName);
public sealed record EbsInstanceBlockDevice(string? VolumeId);
public sealed record InstanceBlockDeviceMapping(string? DeviceName, EbsInstanceBlockDevice? Ebs);

public sealed partial record Ec2Instance(
    string InstanceId,
    string? InstanceType,
    string? ImageId,
    InstanceState? State,
    string? StateTransitionReason,
    string? LaunchTime,
    string? VpcId,
    string? SubnetId,
    string? PublicIpAddress,
    string? InstanceLifecycle,
    InstanceMetadataOptions? MetadataOptions,
    List<GroupIdentifier>? SecurityGroups,
    List<InstanceBlockDeviceMapping>? BlockDeviceMappings,
    List<Ec2Tag>? Tags,
    ResourceOperator? Operator)
{
    public const string AutoScalingGroupTag = "aws:autoscaling:groupName";

    public Ec2InstanceProfileRef? IamInstanceProfile { get; init; }
    public string? PlatformDetails { get; init; }
    /// <summary>"i-0abc (web-1)": the ID, with the Name tag when there is one.</summary>
    public string Label => Name is { } name ? $"{InstanceId} ({name})" : InstanceId;
    public bool Running => StateName == "running";
    public string? Name => Tags.Get("Name");

    public string StateName => State?.Name ?? "unknown";
    public string? AutoScalingGroup => Tags.Get(AutoScalingGroupTag);
    public bool ManagedByService => Operator?.Managed == true;
    public bool RunningOrStopped => StateName is "running" or "stopped";

    /// <summary>
    /// Whether termination protection is the owner's choice: running or stopped, not in an Auto Scaling
    /// group (groups replace instances), not Spot (AWS does not allow it), not managed by another service.
    /// </summary>
    public bool TerminationProtectionApplies =>
        RunningOrStopped && InstanceLifecycle != "spot" && !ManagedByService && AutoScalingGroup is null;

    public IEnumerable<string> VolumeIds => (BlockDeviceMappings ?? []).Select(m => m.Ebs?.VolumeId).OfType<string>();

    /// <summary>When a user stopped the instance, from "User initiated (2025-09-14 08:12:45 GMT)".</summary>
    public DateTimeOffset? StoppedAt()
    {
        if (StateTransitionReason is null || TransitionTime().Match(StateTransitionReason) is not { Success: true } match)
            return null;
        return DateTimeOffset.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    [GeneratedRegex(@"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) GMT\)")]
    private static partial Regex TransitionTime();
}

public sealed record Reservation(List<Ec2Instance>? Instances);
public sealed record DescribeInstancesResponse(List<Reservation>? Reservations);

public sealed record AttributeBooleanValue(bool? Value);
public sealed record InstanceAttribute(string? InstanceId, AttributeBooleanValue? DisableApiTermination);

public sealed record VolumeAttachment(string? InstanceId, string? Device, string? State);

public sealed record EbsVolume(
    string VolumeId,
    int? Size,
    string? VolumeType,
    int? Iops,
    bool? Encrypted,
    string? State,
    string? AvailabilityZone,
    string? CreateTime,
    List<VolumeAttachment>? Attachments,
    List<Ec2Tag>? Tags)
{
    public IEnumerable<string> AttachedTo => (Attachments ?? []).Select(a => a.InstanceId).OfType<string>();
}

public sealed record DescribeVolumesResponse(List<EbsVolume>? Volumes);

public sealed record Ec2Image(string ImageId, string? Name, string? OwnerId, bool? Public, string? State, string? CreationDate, List<Ec2Tag>? Tags);
public sealed record DescribeImagesResponse(List<Ec2Image>? Images);

public sealed record EbsEncryptionDefault(bool? EbsEncryptionByDefault, string? SseType);

public sealed record ElasticIp(
    string? AllocationId,
    string? PublicIp,
    string? AssociationId,
    string? InstanceId,
    string? NetworkInterfaceId,
    string? Domain,
    string? PublicIpv4Pool,
    string? ServiceManaged,
    List<Ec2Tag>? Tags)
{
    public string Id => AllocationId ?? PublicIp ?? "unknown";
    public bool Associated => AssociationId is not null || InstanceId is not null || NetworkInterfaceId is not null;
}

public sealed record DescribeAddressesResponse(List<ElasticIp>? Addresses);

/// <summary>One rule of the Allowed AMIs setting: an image is allowed when it matches every field the rule sets.</summary>
public sealed record ImageCriterion(List<string>? ImageProviders, List<string>? ImageNames, List<string>? MarketplaceProductCodes);

/// <summary>The region's Allowed AMIs setting: disabled, audit-mode or enabled, with its rules.</summary>
public sealed record AllowedImagesSettings(string? State, List<ImageCriterion>? ImageCriteria, string? ManagedBy)
{
    /// <summary>
    /// Enabled, and every rule names the image providers (owners) it admits: then an image published by a stranger
    /// cannot be launched, whatever its name.
    /// </summary>
    public bool BlocksStrangersImages => State == "enabled" && (ImageCriteria ?? []).All(c => c.ImageProviders is { Count: > 0 });
}

/// <summary>EC2 instances, volumes, images, addresses and account settings, per region.</summary>
public sealed class Ec2View(AccountData data)
{
    public Observed<IReadOnlyList<Ec2Instance>> Instances(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeInstances, region), InstancesIn);

    /// <summary>The instances of a stored DescribeInstances response, reservations flattened.</summary>
    public static IReadOnlyList<Ec2Instance> InstancesIn(JsonNode response) =>
        (ViewJson.Read(response, Ec2Json.Default.DescribeInstancesResponse).Reservations ?? [])
            .SelectMany(r => r.Instances ?? []).ToList();

    public Observed<InstanceAttribute> TerminationProtection(string region, string instanceId) =>
        ViewJson.Read(data.ForTarget(Ec2Calls.DescribeTerminationProtection, Ec2Calls.TerminationProtectionTarget(region, instanceId)),
            Ec2Json.Default.InstanceAttribute);

    public Observed<IReadOnlyList<EbsVolume>> Volumes(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeVolumes, region), Ec2Json.Default.DescribeVolumesResponse, r => r.Volumes);

    /// <summary>The images the account owns (Owners=self).</summary>
    public Observed<IReadOnlyList<Ec2Image>> OwnImages(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeOwnImages, region), Ec2Json.Default.DescribeImagesResponse, r => r.Images);

    public Observed<EbsEncryptionDefault> EbsEncryptionByDefault(string region) =>
        ViewJson.Read(data.InRegion(Ec2Calls.GetEbsEncryptionByDefault, region), Ec2Json.Default.EbsEncryptionDefault);

    public Observed<AllowedImagesSettings> AllowedImages(string region) =>
        ViewJson.Read(data.InRegion(Ec2Calls.GetAllowedImagesSettings, region), Ec2Json.Default.AllowedImagesSettings);

    public Observed<IReadOnlyList<ElasticIp>> Addresses(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeAddresses, region), Ec2Json.Default.DescribeAddressesResponse, r => r.Addresses);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeInstancesResponse))]
[JsonSerializable(typeof(InstanceAttribute))]
[JsonSerializable(typeof(DescribeVolumesResponse))]
[JsonSerializable(typeof(DescribeImagesResponse))]
[JsonSerializable(typeof(EbsEncryptionDefault))]
[JsonSerializable(typeof(DescribeAddressesResponse))]
[JsonSerializable(typeof(AllowedImagesSettings))]
internal sealed partial class Ec2Json : JsonSerializerContext;
