using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record RecordingStrategy([property: JsonPropertyName("useOnly")] string? UseOnly);

public sealed record ExclusionByResourceTypes([property: JsonPropertyName("resourceTypes")] List<string>? ResourceTypes);

public sealed record RecordingGroup(
    [property: JsonPropertyName("allSupported")] bool? AllSupported,
    [property: JsonPropertyName("includeGlobalResourceTypes")] bool? IncludeGlobalResourceTypes,
    [property: JsonPropertyName("resourceTypes")] List<string>? ResourceTypes,
    [property: JsonPropertyName("exclusionByResourceTypes")] ExclusionByResourceTypes? ExclusionByResourceTypes,
    [property: JsonPropertyName("recordingStrategy")] RecordingStrategy? RecordingStrategy);

public sealed record ConfigurationRecorder(
    [property: JsonPropertyName("arn")] string? Arn,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("roleARN")] string? RoleArn,
    [property: JsonPropertyName("recordingGroup")] RecordingGroup? RecordingGroup,
    [property: JsonPropertyName("recordingScope")] string? RecordingScope,
    [property: JsonPropertyName("servicePrincipal")] string? ServicePrincipal)
{
    /// <summary>A recorder another AWS service created for its own use (recordingScope INTERNAL): not the customer's recorder.</summary>
    public bool ServiceLinked => RecordingScope == "INTERNAL" || ServicePrincipal is not null;
}

public sealed record DescribeConfigurationRecordersResponse(List<ConfigurationRecorder>? ConfigurationRecorders)
{
    public IEnumerable<ConfigurationRecorder> CustomerRecorders => (ConfigurationRecorders ?? []).Where(r => !r.ServiceLinked);
}

public sealed record ConfigurationRecorderStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("recording")] bool? Recording,
    [property: JsonPropertyName("lastStatus")] string? LastStatus,
    [property: JsonPropertyName("lastErrorCode")] string? LastErrorCode,
    [property: JsonPropertyName("lastStopTime")] string? LastStopTime);

public sealed record DescribeConfigurationRecorderStatusResponse(List<ConfigurationRecorderStatus>? ConfigurationRecordersStatus);

public sealed record ConfigSnapshotDeliveryProperties([property: JsonPropertyName("deliveryFrequency")] string? DeliveryFrequency);

public sealed record DeliveryChannel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("s3BucketName")] string? S3BucketName,
    [property: JsonPropertyName("s3KmsKeyArn")] string? S3KmsKeyArn,
    [property: JsonPropertyName("snsTopicARN")] string? SnsTopicArn,
    [property: JsonPropertyName("configSnapshotDeliveryProperties")] ConfigSnapshotDeliveryProperties? ConfigSnapshotDeliveryProperties);

public sealed record DescribeDeliveryChannelsResponse(List<DeliveryChannel>? DeliveryChannels);

/// <summary>AWS Config as checks see it. "No such recorder/channel" errors read as empty lists: they are answers.</summary>
public sealed class ConfigView(AccountData data)
{
    public IEnumerable<RegionRead<DescribeConfigurationRecordersResponse>> Recorders() =>
        data.Regions.Select(region => RegionRead<DescribeConfigurationRecordersResponse>.From(region,
            EmptyWhen(data.InRegion(ConfigCalls.DescribeConfigurationRecorders, region), "NoSuchConfigurationRecorderException",
                ConfigJson.Default.DescribeConfigurationRecordersResponse, new([]))));

    public RegionRead<DescribeConfigurationRecorderStatusResponse> Status(string region) =>
        RegionRead<DescribeConfigurationRecorderStatusResponse>.From(region,
            EmptyWhen(data.InRegion(ConfigCalls.DescribeConfigurationRecorderStatus, region), "NoSuchConfigurationRecorderException",
                ConfigJson.Default.DescribeConfigurationRecorderStatusResponse, new([])));

    public RegionRead<DescribeDeliveryChannelsResponse> DeliveryChannels(string region) =>
        RegionRead<DescribeDeliveryChannelsResponse>.From(region,
            EmptyWhen(data.InRegion(ConfigCalls.DescribeDeliveryChannels, region), "NoSuchDeliveryChannelException",
                ConfigJson.Default.DescribeDeliveryChannelsResponse, new([])));

    private static Observed<T> EmptyWhen<T>(ApiResult result, string code, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, T empty)
        where T : class =>
        result.Gap?.Code == code ? Observed<T>.Of(empty) : ViewJson.Read(result, type);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeConfigurationRecordersResponse))]
[JsonSerializable(typeof(DescribeConfigurationRecorderStatusResponse))]
[JsonSerializable(typeof(DescribeDeliveryChannelsResponse))]
internal sealed partial class ConfigJson : JsonSerializerContext;
