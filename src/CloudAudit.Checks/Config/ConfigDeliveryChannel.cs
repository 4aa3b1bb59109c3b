using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Config;

/// <summary>CIS 3.3: the recorder has a delivery channel; snapshots are delivered more often than daily and encrypted with KMS.</summary>
public sealed class ConfigDeliveryChannel : RecorderRegionCheck
{
    private const string Daily = "TwentyFour_Hours";

    private static readonly RemediationTemplate Create = new(
        Cli: """aws configservice put-delivery-channel --region {region} --delivery-channel '{"name":"default","s3BucketName":"<CONFIG_BUCKET>","s3KmsKeyArn":"<KMS_KEY_ARN>","configSnapshotDeliveryProperties":{"deliveryFrequency":"Six_Hours"}}'""",
        Terraform: """
            resource "aws_config_delivery_channel" "{region:id}" {
              region         = {region}
              name           = "default"
              s3_bucket_name = "<CONFIG_BUCKET>"
              s3_kms_key_arn = "<KMS_KEY_ARN>"

              snapshot_delivery_properties {
                delivery_frequency = "Six_Hours"
              }
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html",
        Effort: Effort.Low) { When = "the region has no delivery channel" };

    private static readonly RemediationTemplate Harden = new(
        Cli: "# The channel keeps its bucket, prefix and topic; a key it already has stays.\n" + CliFix.ReadEditWrite(
            "aws configservice describe-delivery-channels --region {region} --delivery-channel-names {channel} --query 'DeliveryChannels[0]'",
            "delivery-channel",
            "--arg key {kms_key} '.s3KmsKeyArn //= $key | .configSnapshotDeliveryProperties.deliveryFrequency = \"Six_Hours\"'",
            "aws configservice put-delivery-channel --region {region}",
            input: "--delivery-channel"),
        Terraform: """
            resource "aws_config_delivery_channel" "{channel:id}" {
              region         = {region}
              name           = {channel}
              s3_bucket_name = {bucket}
              s3_kms_key_arn = {kms_key}

              snapshot_delivery_properties {
                delivery_frequency = "Six_Hours"
              }
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html",
        Effort: Effort.Low) { When = "the delivery channel delivers daily or without KMS encryption" };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-cfg-004",
        Title = "AWS Config delivery channel missing or weak",
        Service = "Config",
        Severity = Severity.High,
        ResourceType = "AWS::Config::DeliveryChannel",
        Description = "For each scanned region with a customer configuration recorder, reads DescribeDeliveryChannels. No "
            + "delivery channel fails as High: the recorder cannot deliver configuration history or snapshots. A channel "
            + "that delivers snapshots only every 24 hours (the default) or writes to S3 without an s3KmsKeyArn fails as Low.",
        Rationale = "Configuration history is evidence: it is what shows an auditor or an incident responder what changed. "
            + "Without a delivery channel it never leaves the service; a daily snapshot leaves a day-long blind spot in the "
            + "archived state; and without a KMS key anyone who can read the bucket reads the full inventory of the account.",
        CommonCauses =
        [
            "The recorder was created from the CLI or an old template that never created a delivery channel.",
            "The delivery channel was deleted together with its bucket during a clean-up.",
            "Defaults were accepted: daily snapshots and S3-managed encryption.",
        ],
        Recommendation = "Give every recorder a delivery channel to a central bucket, encrypted with a KMS key, with snapshots every few hours.",
        Remediation = Create,
        RemediationVariants = [Harden],
        Compliance = Cis.Refs(v3: "3.3", v5: "3.3"),
    };

    protected override IReadOnlyList<ApiCall> ExtraReads { get; } = [ConfigCalls.DescribeDeliveryChannels];

    protected override string Examined(CheckContext context, string region, ConfigurationRecorder recorder) =>
        $"arn:{context.Partition}:config:{region}:{context.AccountId}:delivery-channel";

    protected override void JudgeRegion(string region, ConfigurationRecorder recorder, RecorderSurvey survey, CheckContext context, Verdict verdict)
    {
        if (!verdict.Accept(context.Data.Config().DeliveryChannels(region), out var channels)) return;
        var channel = channels.DeliveryChannels?.FirstOrDefault();
        if (channel is null)
        {
            verdict.Fail($"arn:{context.Partition}:config:{region}:{context.AccountId}:delivery-channel", region,
                $"Configuration recorder {recorder.Name} in {region} has no delivery channel: configuration history is never delivered.",
                resourceType: "AWS::Config::DeliveryChannel");
            return;
        }
        var weaknesses = new List<string>();
        var frequency = channel.ConfigSnapshotDeliveryProperties?.DeliveryFrequency ?? Daily;
        if (frequency == Daily) weaknesses.Add("delivers configuration snapshots only every 24 hours");
        if (string.IsNullOrEmpty(channel.S3KmsKeyArn)) weaknesses.Add("writes to S3 without a KMS key (s3KmsKeyArn)");
        if (weaknesses.Count == 0) return;
        verdict.Fail($"arn:{context.Partition}:config:{region}:{context.AccountId}:delivery-channel/{channel.Name}", region,
            $"Delivery channel {channel.Name} in {region} {string.Join(" and ", weaknesses)}.",
            new SlotValues()
                .With("channel", channel.Name)
                .With("bucket", channel.S3BucketName ?? "")
                .With("kms_key", channel.S3KmsKeyArn is { Length: > 0 } key ? key : new SlotValue.Placeholder("KMS_KEY_ARN")),
            severity: Severity.Low, remediation: Harden);
    }
}
