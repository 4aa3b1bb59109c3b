using CloudAudit.Checks.CloudTrail;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-008: a trail of the account that is not logging (Critical) or whose delivery to S3 fails (High).</summary>
public sealed class TrailTampering : PerTrailCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-008",
        Title = "CloudTrail tampering precursor (logging stopped or delivery failing)",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::CloudTrail::Trail",
        Description = "Reads the status of every trail the account owns (GetTrailStatus, in the trail's home region) and fails "
            + "a trail that is not logging (IsLogging false) as Critical, and one that logs but whose last delivery to S3 "
            + "failed (LatestDeliveryError) as High, giving the error and the last successful delivery. When CloudTrail's event "
            + "history over the collection window holds the StopLogging call that stopped the trail, the finding names who "
            + "made it, when and from where.",
        Rationale = "Stopping the trail, or breaking its bucket so that nothing is delivered, is the first thing an intruder "
            + "does with stolen credentials after checking them: everything done afterwards leaves no evidence. A stopped trail "
            + "is either that, or a gap an intruder will find; either way the account's audit record has a hole in it now.",
        CommonCauses =
        [
            "Someone, or something, called StopLogging: an intruder, or an engineer troubleshooting costs.",
            "The trail's bucket, bucket policy or KMS key was deleted or changed, so CloudTrail cannot write to it.",
            "A key policy no longer lets CloudTrail encrypt with the trail's KMS key.",
        ],
        Recommendation = "Start logging again now, find who stopped it in CloudTrail, and deny cloudtrail:StopLogging and DeleteTrail to all but a break-glass role with an SCP.",
        Remediation = new(
            Cli: """
                aws cloudtrail start-logging --region {home_region} --name {trail_arn}
                # Who stopped it (the StopLogging call is itself recorded):
                aws cloudtrail lookup-events --region {home_region} --lookup-attributes AttributeKey=EventName,AttributeValue=StopLogging
                """,
            Terraform: """
                resource "aws_cloudtrail" "{trail_name:id}" {
                  name           = {trail_name}
                  s3_bucket_name = {bucket}
                  enable_logging = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html",
            Effort: Effort.Low) { When = "the trail is not logging" },
        RemediationVariants =
        [
            new RemediationTemplate(
                Cli: """
                    # The error CloudTrail reports, and the bucket policy it needs to deliver:
                    aws cloudtrail get-trail-status --region {home_region} --name {trail_arn}
                    aws s3api get-bucket-policy --bucket {bucket}
                    """,
                Terraform: """
                    # CloudTrail needs s3:GetBucketAcl and s3:PutObject on its bucket (and its KMS key, when it encrypts):
                    resource "aws_s3_bucket_policy" "{trail_name:id}_delivery" {
                      bucket = {bucket}
                      policy = jsonencode({
                        Version = "2012-10-17"
                        Statement = [
                          { Sid = "AWSCloudTrailAclCheck", Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" },
                            Action = "s3:GetBucketAcl", Resource = join("", ["arn:aws:s3:::", {bucket}]) },
                          { Sid = "AWSCloudTrailWrite", Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" },
                            Action = "s3:PutObject", Resource = join("", ["arn:aws:s3:::", {bucket}, "/AWSLogs/", {account_id}, "/*"]),
                            Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } } },
                        ]
                      })
                    }
                    """,
                DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
                Effort: Effort.Medium) { When = "the trail logs but cannot deliver to its bucket" },
        ],
        Threat = new("TF-008-cloudtrail-tampering",
        [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html",
            "https://securitylabs.datadoghq.com/articles/behind-the-console-aws-aitm-phishing-campaign/",
        ]) { Escalation = "critical when the trail is not logging" },
    };

    protected override IReadOnlyList<ApiCall> ExtraReads { get; } = [CloudTrailCalls.GetTrailStatus, CloudTrailEventCalls.StopLogging];

    protected override void EvaluateTrail(Trail trail, CheckContext context, Verdict verdict)
    {
        if (!verdict.Read(context.Data.CloudTrail().Status(trail), out var status)) return;
        var home = trail.HomeRegion ?? context.Regions[0];
        var slots = Slots(trail).With("trail_arn", trail.Arn);
        if (status.IsLogging == false)
        {
            verdict.Fail(trail.Arn, home, $"Trail {trail.Name} is not logging: nothing done in the account reaches it.{WhoStopped(trail, context)}",
                slots, severity: Severity.Critical);
            return;
        }
        if (status.LatestDeliveryError is { Length: > 0 } error)
            verdict.Fail(trail.Arn, home,
                $"Trail {trail.Name} logs, but its last delivery to bucket {trail.S3BucketName} failed ({error})"
                + (status.LatestDeliveryTime is { } delivered ? $"; the last successful delivery was at {delivered}." : "; no delivery has succeeded.")
                + " Events that are not delivered are lost.",
                slots, remediation: Info.RemediationVariants[0]);
    }

    /// <summary>" It was stopped by … at …": the StopLogging calls on this trail in the window, when they were read.</summary>
    private static string WhoStopped(Trail trail, CheckContext context)
    {
        var calls = context.Data.CloudTrailEvents().Read(CloudTrailEventCalls.StopLogging).Events
            .Where(e => !e.Failed && e.Request("name") is { } name && (name == trail.Name || name == trail.Arn)).ToList();
        return calls.Count == 0 ? "" : " It was stopped by " + string.Join("; ", calls.Select(e => $"{e.Actor.Label}{e.Origin} at {e.When}")) + ".";
    }
}
