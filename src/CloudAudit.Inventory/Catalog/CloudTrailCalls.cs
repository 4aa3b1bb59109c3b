using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>CloudTrail reads. Trails are listed in every scanned region (shadow trails included) and
/// their status and selectors are read once, in the trail's home region.</summary>
public static class CloudTrailCalls
{
    public static readonly ApiCall DescribeTrails =
        ApiCall.Regional("cloudtrail", "DescribeTrails", Of(("includeShadowTrails", true)));

    public static readonly ApiCall GetTrailStatus =
        ApiCall.PerResource(DescribeTrails, "cloudtrail", "GetTrailStatus", parent =>
            OwnTrails(parent).Select(t => Target(t.HomeRegion, ("Name", t.Arn))));

    public static readonly ApiCall GetEventSelectors =
        ApiCall.PerResource(DescribeTrails, "cloudtrail", "GetEventSelectors", parent =>
            OwnTrails(parent).Select(t => Target(t.HomeRegion, ("TrailName", t.Arn))));

    /// <summary>Trails listed in a DescribeTrails response with their ARN and home region.</summary>
    internal static IEnumerable<(string Arn, string HomeRegion)> OwnTrails(ParentResponse parent) =>
        Items(parent.Response, "trailList")
            .Select(t => (Arn: t.Str("TrailARN"), Home: t.Str("HomeRegion")))
            .Where(t => t.Arn is not null && t.Home is not null)
            .Select(t => (t.Arn!, t.Home!));

    /// <summary>Log groups the account's trails deliver to, by region, for those this account owns.</summary>
    internal static IEnumerable<Arn> TrailLogGroups(ParentResponse parent) =>
        Items(parent.Response, "trailList")
            .Select(t => Arn.TryParse(t.Str("CloudWatchLogsLogGroupArn")))
            .OfType<Arn>()
            .Where(arn => arn.Account == parent.AccountId);
}
