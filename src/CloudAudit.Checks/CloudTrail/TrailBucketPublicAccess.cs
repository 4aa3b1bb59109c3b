using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>The bucket holding CloudTrail logs is protected by all four Block Public Access settings.</summary>
public sealed class TrailBucketPublicAccess : PerTrailCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ct-003",
        Title = "CloudTrail bucket not fully protected by Block Public Access",
        Service = "CloudTrail",
        Severity = Severity.Critical,
        ResourceType = "AWS::S3::Bucket",
        Description = "For each trail owned by the account, reads the Block Public Access settings of its log bucket and "
            + "of the account, and fails unless all four settings are in effect (either level may provide each one).",
        Rationale = "A public log bucket gives anyone a map of the account: every principal, resource name, IP address "
            + "and API call. Block Public Access is the guard that keeps a mistaken bucket policy or ACL from "
            + "publishing it.",
        CommonCauses =
        [
            "The log bucket predates account-level Block Public Access and was never given bucket-level settings.",
            "Block Public Access was switched off to let a log-analysis tool in another account read the bucket.",
        ],
        Recommendation = "Turn on all four Block Public Access settings for the trail's bucket (or for the whole account).",
        Remediation = new(
            Cli: """
                aws s3api put-public-access-block --bucket {bucket} \
                  --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
                """,
            Terraform: """
                resource "aws_s3_bucket_public_access_block" "{bucket:id}" {
                  bucket                  = {bucket}
                  block_public_acls       = true
                  ignore_public_acls      = true
                  block_public_policy     = true
                  restrict_public_buckets = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v14: "3.3"),
    };

    protected override IReadOnlyList<ApiCall> ExtraReads =>
        [S3Calls.GetTrailBucketPublicAccessBlock, S3Calls.GetAccountPublicAccessBlock];

    protected override string Examined(Trail trail) => trail.S3BucketName ?? trail.Arn;

    protected override void EvaluateTrail(Trail trail, CheckContext context, Verdict verdict)
    {
        // Trails often share one bucket: judge each bucket once.
        if (trail.S3BucketName is not { } bucket || verdict.Findings.Any(f => f.ResourceId == bucket))
            return;
        var s3 = context.Data.S3();
        var own = s3.TrailBucketPublicAccessBlock(bucket);
        var account = s3.AccountPublicAccessBlock();
        if (!own.TryGet(out var bucketBlock, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        if (bucketBlock.All)
            return;
        if (!account.TryGet(out var accountBlock, out var accountGap))
        {
            verdict.Gap(accountGap!);
            return;
        }
        if (!bucketBlock.Or(accountBlock).All)
            verdict.Fail(bucket, trail.HomeRegion!,
                $"Bucket {bucket} receives the logs of trail {trail.Name} but Block Public Access is not fully enabled on it or on the account.",
                new SlotValues().With("bucket", bucket));
    }
}
