using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record Trail(
    string Name,
    string? S3BucketName,
    bool? IncludeGlobalServiceEvents,
    bool? IsMultiRegionTrail,
    string? HomeRegion,
    string? TrailARN,
    bool? LogFileValidationEnabled,
    string? CloudWatchLogsLogGroupArn,
    string? CloudWatchLogsRoleArn,
    string? KmsKeyId,
    bool? IsOrganizationTrail)
{
    public string Arn => TrailARN ?? Name;
    public bool MultiRegion => IsMultiRegionTrail == true;
    public Arn? LogGroupArn => Inventory.Arn.TryParse(CloudWatchLogsLogGroupArn);
    /// <summary>The account that owns the trail (another account for an organization trail seen from a member).</summary>
    public string? OwnerAccount => Inventory.Arn.TryParse(TrailARN)?.Account;
}

public sealed record DescribeTrailsResponse([property: JsonPropertyName("trailList")] List<Trail>? TrailList);

public sealed record TrailStatus(bool? IsLogging, string? LatestDeliveryError, string? LatestCloudWatchLogsDeliveryError, string? LatestCloudWatchLogsDeliveryTime)
{
    /// <summary>When CloudTrail last delivered log files to the trail's bucket.</summary>
    public string? LatestDeliveryTime { get; init; }
}

public sealed record DataResource(string? Type, List<string>? Values);

public sealed record EventSelector(string? ReadWriteType, bool? IncludeManagementEvents, List<DataResource>? DataResources, List<string>? ExcludeManagementEventSources);

public sealed record FieldSelector(string Field,
    [property: JsonPropertyName("Equals")] List<string>? EqualTo, List<string>? StartsWith, List<string>? EndsWith,
    List<string>? NotEquals, List<string>? NotStartsWith, List<string>? NotEndsWith);

public sealed record AdvancedEventSelector(string? Name, List<FieldSelector> FieldSelectors);

public sealed record TrailEventSelectors(List<EventSelector>? EventSelectors, List<AdvancedEventSelector>? AdvancedEventSelectors);

/// <summary>CloudTrail as checks see it.</summary>
public sealed class CloudTrailView(AccountData data)
{
    /// <summary>Every trail visible from the scanned regions, once each (shadow copies merged by ARN).</summary>
    public Gathered<Trail> Trails()
    {
        var trails = new Dictionary<string, Trail>(StringComparer.Ordinal);
        var gaps = new List<DataGap>();
        foreach (var region in data.Regions)
        {
            var result = ViewJson.Read(data.InRegion(CloudTrailCalls.DescribeTrails, region), CloudTrailJson.Default.DescribeTrailsResponse);
            if (!result.TryGet(out var response, out var gap))
            {
                gaps.Add(gap!);
                continue;
            }
            foreach (var trail in response.TrailList ?? [])
                trails.TryAdd(trail.Arn, trail);
        }
        return new Gathered<Trail>(trails.Values.OrderBy(t => t.Arn, StringComparer.Ordinal).ToList(), gaps);
    }

    public Observed<TrailStatus> Status(Trail trail) =>
        ViewJson.Read(data.ForTarget(CloudTrailCalls.GetTrailStatus, Target(trail.HomeRegion ?? "", ("Name", trail.Arn))),
            CloudTrailJson.Default.TrailStatus);

    public Observed<TrailEventSelectors> Selectors(Trail trail) =>
        ViewJson.Read(data.ForTarget(CloudTrailCalls.GetEventSelectors, Target(trail.HomeRegion ?? "", ("TrailName", trail.Arn))),
            CloudTrailJson.Default.TrailEventSelectors);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeTrailsResponse))]
[JsonSerializable(typeof(TrailStatus))]
[JsonSerializable(typeof(TrailEventSelectors))]
internal sealed partial class CloudTrailJson : JsonSerializerContext;
