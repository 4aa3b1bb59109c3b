using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>
/// CloudTrail delivers every management event to CloudWatch Logs (CIS v1.4 3.4, and the precondition
/// of the CIS monitoring controls, which point here as their root cause when it fails).
/// </summary>
public sealed class CloudWatchLogsIntegration : Check
{
    public const string CheckId = "aws-ct-008";

    public override CheckInfo Info { get; } = new()
    {
        Id = CheckId,
        Title = "CloudTrail not delivering to CloudWatch Logs",
        Service = "CloudTrail",
        Severity = Severity.Medium,
        ResourceType = "AWS::CloudTrail::Trail",
        Description = "Looks for a multi-region, logging trail that records all management events and delivers them to a "
            + "CloudWatch Logs group (CloudWatchLogsLogGroupArn set, no LatestCloudWatchLogsDeliveryError, last delivery "
            + "within a day of the scan). Without it none of the CIS metric-filter alarms (aws-cw-001 … aws-cw-015) can fire.",
        Rationale = "Logs in S3 are for investigations after the fact. Real-time detection, the metric filters and alarms "
            + "on root logins, policy changes or disabled keys, only works on events that reach CloudWatch Logs. With no "
            + "delivery, every such alarm is silently blind, however carefully it was configured.",
        CommonCauses =
        [
            "The trail writes only to S3; CloudWatch Logs delivery needs a log group and an IAM role that were never set up.",
            "The role CloudTrail uses to write to the log group was deleted or lost its permissions, so delivery fails.",
            "Logs are shipped to an external SIEM instead (then record that decision and suppress this finding).",
        ],
        Recommendation = "Send the multi-region trail's events to a CloudWatch Logs group so metric filters and alarms can act on them.",
        Remediation = new(
            Cli: """
                # The role must trust cloudtrail.amazonaws.com and allow logs:CreateLogStream and logs:PutLogEvents on the group:
                # https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
                aws logs create-log-group --region {home_region} --log-group-name {log_group}
                aws cloudtrail update-trail --region {home_region} --name {trail_name} \
                  --cloud-watch-logs-log-group-arn {log_group_arn} \
                  --cloud-watch-logs-role-arn <CLOUDTRAIL_CLOUDWATCH_ROLE_ARN>
                """,
            Terraform: """
                resource "aws_cloudwatch_log_group" "cloudtrail" {
                  name              = {log_group}
                  retention_in_days = 365
                }

                resource "aws_cloudtrail" "{trail_name:id}" {
                  name                       = {trail_name}
                  s3_bucket_name             = {bucket}
                  is_multi_region_trail      = true
                  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
                  cloud_watch_logs_role_arn  = "<CLOUDTRAIL_CLOUDWATCH_ROLE_ARN>"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html",
            Effort: Effort.Medium) { When = "a multi-region trail exists but does not deliver: connect it to a log group" },
        RemediationVariants = [TrailFixes.CreateTrail],
        Compliance = Cis.Refs(v14: "3.4"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [CloudTrailCalls.DescribeTrails, CloudTrailCalls.GetTrailStatus, CloudTrailCalls.GetEventSelectors];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var delivery = CloudWatchDelivery.Of(context);
        verdict.Scanned();
        if (delivery.Working.Count > 0)
            return;
        verdict.AddGaps(delivery.Gaps);
        if (verdict.Gaps.Count > 0)
            return;
        var coverage = TrailCoverage.Of(context);
        var candidate = coverage.Qualifying.FirstOrDefault(t => t.Trail.OwnerAccount == context.AccountId)?.Trail;
        if (candidate is null)
        {
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion,
                "No trail records all management events in every region (see aws-ct-001), so nothing reaches CloudWatch Logs.",
                remediation: TrailFixes.CreateTrail);
            return;
        }
        var logGroup = $"aws-cloudtrail-logs-{context.AccountId}";
        var home = candidate.HomeRegion!;
        var slots = CloudTrailEnabled.TrailSlots(candidate)
            .With("log_group", logGroup)
            .With("log_group_arn", $"arn:{context.Partition}:logs:{home}:{context.AccountId}:log-group:{logGroup}:*");
        verdict.Fail(candidate.Arn, home, $"No multi-region trail delivers to CloudWatch Logs: {string.Join("; ", delivery.Problems)}.", slots);
    }
}
