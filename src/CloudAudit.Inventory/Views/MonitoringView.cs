using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record MetricTransformation(
    [property: JsonPropertyName("metricName")] string MetricName,
    [property: JsonPropertyName("metricNamespace")] string MetricNamespace,
    [property: JsonPropertyName("metricValue")] string? MetricValue,
    [property: JsonPropertyName("dimensions")] Dictionary<string, string>? Dimensions)
{
    /// <summary>What the filter publishes in a minute with log events but no match; absent means nothing.</summary>
    [JsonPropertyName("defaultValue")] public double? DefaultValue { get; init; }

    /// <summary>The unit the datapoints carry (CloudWatch's "None" when absent).</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }
}

public sealed record MetricFilter(
    [property: JsonPropertyName("filterName")] string FilterName,
    [property: JsonPropertyName("filterPattern")] string? FilterPattern,
    [property: JsonPropertyName("logGroupName")] string? LogGroupName,
    [property: JsonPropertyName("metricTransformations")] List<MetricTransformation>? MetricTransformations);

public sealed record DescribeMetricFiltersResponse([property: JsonPropertyName("metricFilters")] List<MetricFilter>? MetricFilters);

public sealed record LogGroup(
    [property: JsonPropertyName("logGroupName")] string LogGroupName,
    [property: JsonPropertyName("arn")] string? Arn,
    [property: JsonPropertyName("kmsKeyId")] string? KmsKeyId,
    [property: JsonPropertyName("retentionInDays")] int? RetentionInDays);

public sealed record DescribeLogGroupsResponse([property: JsonPropertyName("logGroups")] List<LogGroup>? LogGroups);

public sealed record Dimension(string Name, string Value);
public sealed record Metric(string? Namespace, string? MetricName, List<Dimension>? Dimensions);
public sealed record MetricStat(Metric? Metric, int? Period, string? Stat)
{
    public string? Unit { get; init; }
}

public sealed record MetricDataQuery(string Id, MetricStat? MetricStat, string? Expression, bool? ReturnData)
{
    public int? Period { get; init; }
}

public sealed record MetricAlarm(
    string AlarmName,
    string? AlarmArn,
    bool? ActionsEnabled,
    List<string>? AlarmActions,
    string? MetricName,
    string? Namespace,
    List<Dimension>? Dimensions,
    string? Statistic,
    int? Period,
    double? Threshold,
    string? ComparisonOperator,
    int? EvaluationPeriods,
    List<MetricDataQuery>? Metrics,
    string? StateValue)
{
    /// <summary>A percentile (p99, p99.9) the alarm uses instead of <see cref="Statistic"/>.</summary>
    public string? ExtendedStatistic { get; init; }
    /// <summary>M of an M-out-of-N alarm; absent means all <see cref="EvaluationPeriods"/>.</summary>
    public int? DatapointsToAlarm { get; init; }
    /// <summary>breaching, notBreaching, ignore or missing (the default).</summary>
    public string? TreatMissingData { get; init; }
    /// <summary>For percentile alarms: "ignore" leaves the state alone while a period has too few samples.</summary>
    public string? EvaluateLowSampleCountPercentile { get; init; }
    /// <summary>Set on anomaly-detection alarms: the query whose band is the threshold.</summary>
    public string? ThresholdMetricId { get; init; }
    public string? Unit { get; init; }

    /// <summary>The (namespace, metric) pairs the alarm watches, directly or through a metric-math query.</summary>
    public IEnumerable<(string Namespace, string MetricName)> WatchedMetrics()
    {
        if (Namespace is not null && MetricName is not null)
            yield return (Namespace, MetricName);
        foreach (var query in Metrics ?? [])
            if (query.MetricStat?.Metric is { Namespace: { } ns, MetricName: { } name })
                yield return (ns, name);
    }
}

public sealed record DescribeAlarmsResponse(List<MetricAlarm>? MetricAlarms);

public sealed record Subscription(string? SubscriptionArn, string? Owner, string? Protocol, string? Endpoint, string? TopicArn)
{
    /// <summary>A subscription is live once confirmed: its ARN is a real ARN, not "PendingConfirmation".</summary>
    public bool Confirmed => SubscriptionArn?.StartsWith("arn:", StringComparison.Ordinal) == true;
}

public sealed record ListSubscriptionsResponse(List<Subscription>? Subscriptions);

public sealed record FlowLog(string? FlowLogId, string? ResourceId, string? LogDestinationType, string? LogGroupName, string? LogDestination, string? FlowLogStatus, string? TrafficType);

public sealed record DescribeFlowLogsResponse(List<FlowLog>? FlowLogs);

public sealed record SecurityHubDescription(string? HubArn, string? SubscribedAt);

/// <summary>CloudWatch Logs, CloudWatch alarms, SNS subscriptions and Security Hub as checks see them.</summary>
public sealed class MonitoringView(AccountData data)
{
    public Observed<DescribeMetricFiltersResponse> MetricFilters(Arn logGroupArn) =>
        ViewJson.Read(data.ForTarget(MonitoringCalls.DescribeTrailMetricFilters,
                Target(logGroupArn.Region, ("logGroupName", MonitoringCalls.LogGroupName(logGroupArn)))),
            MonitoringJson.Default.DescribeMetricFiltersResponse);

    public Observed<DescribeAlarmsResponse> Alarms(string region) =>
        ViewJson.Read(data.ForTarget(MonitoringCalls.DescribeTrailRegionAlarms,
                Target(region, ("AlarmTypes", new JsonArray("MetricAlarm")))),
            MonitoringJson.Default.DescribeAlarmsResponse);

    public Observed<ListSubscriptionsResponse> Subscriptions(Arn topicArn) =>
        ViewJson.Read(data.ForTarget(MonitoringCalls.ListAlarmTopicSubscriptions,
                Target(topicArn.Region, ("TopicArn", topicArn.ToString()))),
            MonitoringJson.Default.ListSubscriptionsResponse);

    /// <summary>The log group a trail delivers to, read in its own region; null when it no longer exists.</summary>
    public Observed<LogGroup> TrailLogGroup(Arn logGroupArn, out bool exists)
    {
        var name = MonitoringCalls.LogGroupName(logGroupArn);
        var read = ViewJson.Read(data.ForTarget(MonitoringCalls.DescribeTrailLogGroups,
                Target(logGroupArn.Region, ("logGroupNamePrefix", name))),
            MonitoringJson.Default.DescribeLogGroupsResponse);
        exists = false;
        if (!read.TryGet(out var response, out var gap))
            return Observed<LogGroup>.Missing(gap!);
        var group = response.LogGroups?.FirstOrDefault(g => g.LogGroupName == name);
        exists = group is not null;
        return Observed<LogGroup>.Of(group ?? new LogGroup(name, null, null, null));
    }

    public Observed<DescribeFlowLogsResponse> FlowLogs(string region) =>
        ViewJson.Read(data.InRegion(MonitoringCalls.DescribeFlowLogs, region), MonitoringJson.Default.DescribeFlowLogsResponse);

    public Observed<DescribeLogGroupsResponse> LogGroups(string region) =>
        ViewJson.Read(data.InRegion(MonitoringCalls.DescribeLogGroups, region), MonitoringJson.Default.DescribeLogGroupsResponse);

    /// <summary>
    /// Security Hub in a region: the hub, null when the account is not subscribed there (an answer,
    /// not a gap), or the gap when the read failed.
    /// </summary>
    public Observed<SecurityHubDescription> Hub(string region, out bool enabled)
    {
        var result = data.InRegion(MonitoringCalls.DescribeHub, region);
        enabled = false;
        if (result.Gap is { } gap)
        {
            // Security Hub answers "not subscribed" with InvalidAccessException (or ResourceNotFound).
            var notSubscribed = gap.Code is "InvalidAccessException" or "ResourceNotFoundException"
                && gap.Message.Contains("not subscribed", StringComparison.OrdinalIgnoreCase);
            return notSubscribed || gap.Code == "ResourceNotFoundException"
                ? Observed<SecurityHubDescription>.Of(new SecurityHubDescription(null, null))
                : Observed<SecurityHubDescription>.Missing(gap);
        }
        var hub = ViewJson.Read(result.Response!, MonitoringJson.Default.SecurityHubDescription);
        enabled = hub.HubArn is not null;
        return Observed<SecurityHubDescription>.Of(hub);
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeMetricFiltersResponse))]
[JsonSerializable(typeof(DescribeLogGroupsResponse))]
[JsonSerializable(typeof(DescribeAlarmsResponse))]
[JsonSerializable(typeof(ListSubscriptionsResponse))]
[JsonSerializable(typeof(SecurityHubDescription))]
[JsonSerializable(typeof(DescribeFlowLogsResponse))]
internal sealed partial class MonitoringJson : JsonSerializerContext;
