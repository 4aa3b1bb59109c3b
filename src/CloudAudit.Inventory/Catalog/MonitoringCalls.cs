using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// CloudWatch Logs, CloudWatch and SNS reads that follow a trail's log group. They run in the log
/// group's region, which may lie outside the scanned regions: that is where the alarms must be.
/// </summary>
public static class MonitoringCalls
{
    public static readonly ApiCall DescribeTrailMetricFilters =
        ApiCall.PerResource(CloudTrailCalls.DescribeTrails, "logs", "DescribeMetricFilters", parent =>
            CloudTrailCalls.TrailLogGroups(parent).Select(g => Target(g.Region, ("logGroupName", LogGroupName(g)))));

    public static readonly ApiCall DescribeTrailRegionAlarms =
        ApiCall.PerResource(CloudTrailCalls.DescribeTrails, "cloudwatch", "DescribeAlarms", parent =>
            CloudTrailCalls.TrailLogGroups(parent).Select(g => Target(g.Region, ("AlarmTypes", new System.Text.Json.Nodes.JsonArray("MetricAlarm")))));

    public static readonly ApiCall ListAlarmTopicSubscriptions =
        ApiCall.PerResource(DescribeTrailRegionAlarms, "sns", "ListSubscriptionsByTopic", parent =>
            Items(parent.Response, "MetricAlarms")
                .SelectMany(a => a["AlarmActions"] as System.Text.Json.Nodes.JsonArray ?? [])
                .Select(action => Arn.TryParse(action?.GetValue<string>()))
                .OfType<Arn>()
                .Where(arn => arn.Service == "sns")
                .Select(arn => Target(arn.Region, ("TopicArn", arn.ToString()))));

    public static readonly ApiCall DescribeLogGroups = ApiCall.Regional("logs", "DescribeLogGroups");

    /// <summary>The log groups trails deliver to, read where they live (possibly outside the scanned regions).</summary>
    public static readonly ApiCall DescribeTrailLogGroups =
        ApiCall.PerResource(CloudTrailCalls.DescribeTrails, "logs", "DescribeLogGroups", parent =>
            CloudTrailCalls.TrailLogGroups(parent).Select(g => Target(g.Region, ("logGroupNamePrefix", LogGroupName(g)))));

    public static readonly ApiCall DescribeFlowLogs = ApiCall.Regional("ec2", "DescribeFlowLogs");

    public static readonly ApiCall DescribeHub = ApiCall.Regional("securityhub", "DescribeHub");

    /// <summary>The log group name inside a log-group ARN (arn:…:log-group:NAME or NAME:*).</summary>
    public static string LogGroupName(Arn logGroupArn)
    {
        var resource = logGroupArn.Resource;
        const string prefix = "log-group:";
        var name = resource.StartsWith(prefix, StringComparison.Ordinal) ? resource[prefix.Length..] : resource;
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }
}
