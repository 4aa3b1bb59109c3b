using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>Buckets keep earlier versions of objects, so overwrites and deletions can be undone.</summary>
public sealed class BucketVersioningDisabled : PerBucketCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-s3-003",
        Title = "S3 bucket versioning not enabled",
        Service = "S3",
        Severity = Severity.Low,
        Category = Category.Reliability,
        ResourceType = "AWS::S3::Bucket",
        Description = "Reads each bucket's versioning state (GetBucketVersioning) and fails buckets where versioning was "
            + "never enabled or is suspended.",
        Rationale = "Without versioning an overwrite or a delete is final: a buggy deployment, a mistaken sync with --delete "
            + "or ransomware that rewrites objects destroys the data, and S3 Replication and Object Lock cannot be used. "
            + "Versioning keeps the previous copies until lifecycle rules expire them.",
        CommonCauses =
        [
            "Versioning is off by default for new buckets.",
            "It was suspended to stop storage growth instead of adding a noncurrent-version lifecycle rule.",
        ],
        Recommendation = "Enable versioning, and add a lifecycle rule that expires noncurrent versions after your retention period.",
        Remediation = new(
            Cli: "aws s3api put-bucket-versioning --bucket {bucket} --versioning-configuration Status=Enabled",
            Terraform: """
                resource "aws_s3_bucket_versioning" "{bucket:id}" {
                  bucket = {bucket}

                  versioning_configuration {
                    status = "Enabled"
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html",
            Effort: Effort.Low),
    };

    protected override IReadOnlyList<ApiCall> BucketReads { get; } = [S3Calls.GetBucketVersioning];

    protected override void EvaluateBucket(OwnBucket bucket, CheckContext context, Verdict verdict)
    {
        if (!TryRead(context.Data.S3().Versioning(bucket.Name), verdict, out var versioning))
            return;
        verdict.Scanned(bucket.Name);
        if (!versioning.Enabled)
            verdict.Fail(bucket.Name, bucket.Region, versioning.Status == "Suspended"
                    ? $"Bucket {bucket.Name} has versioning suspended: new overwrites and deletions are permanent."
                    : $"Bucket {bucket.Name} has never had versioning enabled.",
                bucket.Slots());
    }
}
