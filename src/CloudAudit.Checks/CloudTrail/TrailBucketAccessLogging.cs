using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>CIS 3.4 (v3.0/v5.0): server access logging on the CloudTrail bucket.</summary>
public sealed class TrailBucketAccessLogging : PerTrailCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ct-004",
        Title = "CloudTrail bucket without server access logging",
        Service = "CloudTrail",
        Severity = Severity.High,
        ResourceType = "AWS::S3::Bucket",
        Description = "For each trail owned by the account, reads its log bucket's logging configuration "
            + "(GetBucketLogging) and fails when server access logging is off.",
        Rationale = "CloudTrail records API calls against the account, but reads and deletions of the log files "
            + "themselves are data events it usually does not record. Access logs on the log bucket show who read, "
            + "copied or deleted the evidence.",
        CommonCauses =
        [
            "Access logging needs a second bucket, which was never created.",
            "Log buckets are treated as write-only sinks and left unmonitored.",
        ],
        Recommendation = "Enable server access logging on the CloudTrail bucket, delivering to a separate bucket.",
        Remediation = new(
            Cli: """
                aws s3api put-bucket-logging --bucket {bucket} \
                  --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<ACCESS_LOG_BUCKET>","TargetPrefix":"cloudtrail-access/"}}'
                """,
            Terraform: """
                resource "aws_s3_bucket_logging" "{bucket:id}" {
                  bucket        = {bucket}
                  target_bucket = "<ACCESS_LOG_BUCKET>"
                  target_prefix = "cloudtrail-access/"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "3.4", v5: "3.4", v14: "3.6"),
    };

    protected override IReadOnlyList<ApiCall> ExtraReads => [S3Calls.GetTrailBucketLogging];

    protected override string Examined(Trail trail) => trail.S3BucketName ?? trail.Arn;

    protected override void EvaluateTrail(Trail trail, CheckContext context, Verdict verdict)
    {
        // Trails often share one bucket: judge each bucket once.
        if (trail.S3BucketName is not { } bucket || verdict.Findings.Any(f => f.ResourceId == bucket))
            return;
        if (!context.Data.S3().TrailBucketLogging(bucket).TryGet(out var logging, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        if (logging.LoggingEnabled is null)
            verdict.Fail(bucket, trail.HomeRegion!, $"Bucket {bucket} holds the logs of trail {trail.Name} but has no server access logging.",
                new SlotValues().With("bucket", bucket));
    }
}
