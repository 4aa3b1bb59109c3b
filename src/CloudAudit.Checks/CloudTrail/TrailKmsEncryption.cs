using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>CIS 3.5: trail logs are encrypted with a KMS key.</summary>
public sealed class TrailKmsEncryption : PerTrailCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ct-005",
        Title = "CloudTrail logs not encrypted with a KMS key",
        Service = "CloudTrail",
        Severity = Severity.Medium,
        ResourceType = "AWS::CloudTrail::Trail",
        Description = "Checks that every trail owned by the account sets KmsKeyId, so log files are encrypted with a "
            + "customer managed KMS key (SSE-KMS) rather than only with S3-managed keys.",
        Rationale = "With SSE-KMS, reading the logs needs kms:Decrypt on the key as well as s3:GetObject on the bucket. "
            + "A principal who can read the bucket by mistake (a broad s3:* grant, a leaked key of a log shipper) still "
            + "cannot read the logs, and every decryption is itself recorded.",
        CommonCauses =
        [
            "Trails keep the default S3-managed encryption because a KMS key policy for CloudTrail takes extra work.",
            "The key was created but never attached to the trail.",
        ],
        Recommendation = "Encrypt the trail's log files with a customer managed KMS key whose policy allows CloudTrail to use it.",
        Remediation = new(
            Cli: """
                # The key policy must allow cloudtrail.amazonaws.com to use the key:
                # https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
                aws cloudtrail update-trail --region {home_region} --name {trail_name} --kms-key-id <KMS_KEY_ARN>
                """,
            Terraform: """
                resource "aws_cloudtrail" "{trail_name:id}" {
                  name           = {trail_name}
                  s3_bucket_name = {bucket}
                  kms_key_id     = "<KMS_KEY_ARN>"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
            Effort: Effort.Medium),
        Compliance = Cis.Refs(v3: "3.5", v5: "3.5", v14: "3.7"),
    };

    protected override void EvaluateTrail(Trail trail, CheckContext context, Verdict verdict)
    {
        if (string.IsNullOrEmpty(trail.KmsKeyId))
            verdict.Fail(trail.Arn, trail.HomeRegion!, $"Trail {trail.Name} stores its logs without KMS encryption.", Slots(trail));
    }
}
