using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudWatch;

/// <summary>
/// The log groups that hold security telemetry (CloudTrail delivery, VPC flow logs) are encrypted
/// with a KMS key. Which groups those are is read from the trails and flow logs, not guessed from names.
/// </summary>
public sealed class LogGroupEncryption : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-cw-016",
        Title = "Security log group not encrypted with a KMS key",
        Service = "CloudWatch",
        Severity = Severity.Medium,
        ResourceType = "AWS::Logs::LogGroup",
        Description = "Finds the CloudWatch Logs groups that receive CloudTrail events (from each trail's "
            + "CloudWatchLogsLogGroupArn, read in the group's own region) and VPC flow logs (DescribeFlowLogs in every "
            + "scanned region), and fails each one without a kmsKeyId.",
        Rationale = "CloudTrail and flow-log groups describe the whole account: principals, resource names, source IPs, "
            + "internal addresses. With a customer managed key, reading them also needs kms:Decrypt, which can be "
            + "restricted to the security team and is itself logged; without one, any principal with logs read access "
            + "sees everything.",
        CommonCauses =
        [
            "Log groups are created by CloudTrail or flow-log setup wizards, which do not set a key.",
            "A KMS key policy that lets the CloudWatch Logs service principal use the key was never written.",
        ],
        Recommendation = "Associate a customer managed KMS key with the log group (the key policy must allow logs.<region>.amazonaws.com).",
        Remediation = new(
            Cli: """
                # The key policy must allow the principal logs.{region}.amazonaws.com to use the key:
                # https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
                aws logs associate-kms-key --region {region} --log-group-name {log_group} --kms-key-id <KMS_KEY_ARN>
                """,
            Terraform: """
                resource "aws_cloudwatch_log_group" "{log_group:id}" {
                  name       = {log_group}
                  kms_key_id = "<KMS_KEY_ARN>"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [CloudTrailCalls.DescribeTrails, MonitoringCalls.DescribeTrailLogGroups, MonitoringCalls.DescribeFlowLogs, MonitoringCalls.DescribeLogGroups];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var monitoring = context.Data.Monitoring();
        var judged = new HashSet<(string Region, string Name)>();

        var trails = context.Data.CloudTrail().Trails();
        verdict.AddGaps(trails.Gaps);
        foreach (var arn in trails.Items.Select(t => t.LogGroupArn).OfType<Arn>().Where(a => a.Account == context.AccountId).Distinct())
        {
            var group = monitoring.TrailLogGroup(arn, out var exists);
            if (group.Gap is { } gap) verdict.Gap(gap);
            else if (exists) Judge(group.Value!, arn.Region, "CloudTrail events");
        }

        foreach (var region in context.Regions)
        {
            var flowLogs = monitoring.FlowLogs(region);
            if (!flowLogs.TryGet(out var flows, out var flowGap))
            {
                verdict.Gap(flowGap!);
                continue;
            }
            var names = (flows.FlowLogs ?? []).Where(f => f.LogDestinationType is null or "cloud-watch-logs")
                .Select(f => f.LogGroupName).OfType<string>().ToHashSet();
            if (names.Count == 0) continue;
            if (!monitoring.LogGroups(region).TryGet(out var groups, out var groupGap))
            {
                verdict.Gap(groupGap!);
                continue;
            }
            foreach (var group in (groups.LogGroups ?? []).Where(g => names.Contains(g.LogGroupName)))
                Judge(group, region, "VPC flow logs");
        }
        if (judged.Count == 0)
            verdict.NotApplicable("no log group receives CloudTrail events or VPC flow logs");

        void Judge(LogGroup group, string region, string content)
        {
            if (!judged.Add((region, group.LogGroupName))) return;
            var arn = group.Arn?.TrimEnd('*').TrimEnd(':') ?? $"arn:{context.Partition}:logs:{region}:{context.AccountId}:log-group:{group.LogGroupName}";
            verdict.Scanned(arn);
            if (string.IsNullOrEmpty(group.KmsKeyId))
                verdict.Fail(arn,
                    region, $"Log group {group.LogGroupName} holds {content} but is not encrypted with a KMS key.",
                    new SlotValues().With("log_group", group.LogGroupName));
        }
    }
}
