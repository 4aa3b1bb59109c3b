using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>Buckets encrypt new objects by default with a KMS key (SSE-KMS or DSSE-KMS), not only with S3-managed keys.</summary>
public sealed class BucketKmsEncryption : PerBucketCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-s3-002",
        Title = "S3 bucket default encryption uses S3-managed keys, not KMS",
        Service = "S3",
        Severity = Severity.Low,
        ResourceType = "AWS::S3::Bucket",
        Description = "Reads each bucket's default encryption (GetBucketEncryption) and fails buckets whose default is "
            + "SSE-S3 (AES256), or that have no default encryption at all (ServerSideEncryptionConfigurationNotFoundError, "
            + "possible only for buckets untouched since before January 2023). SSE-KMS (aws:kms) and DSSE-KMS (aws:kms:dsse) pass.",
        Rationale = "With SSE-S3 anyone allowed s3:GetObject reads the data; encryption protects only the disks. With a "
            + "customer managed KMS key, reading also needs kms:Decrypt on that key, so a leaked role or an over-broad bucket "
            + "policy is not enough, every decryption is logged in CloudTrail, and disabling the key cuts off access at once.",
        CommonCauses =
        [
            "S3 applies SSE-S3 to every new bucket by default, and nobody chose a KMS key.",
            "KMS request costs were a concern (S3 Bucket Keys reduce them by orders of magnitude).",
            "The bucket receives logs from a service that must first be allowed to use the key in its key policy.",
        ],
        Recommendation = "Set the bucket's default encryption to SSE-KMS with a customer managed key and enable S3 Bucket Keys.",
        Remediation = new(
            Cli: """
                # If AWS services deliver logs to this bucket, check that they support SSE-KMS and that the key policy lets them use the key.
                aws s3api put-bucket-encryption --bucket {bucket} \
                  --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<KMS_KEY_ARN>"},"BucketKeyEnabled":true}]}'
                """,
            Terraform: """
                resource "aws_s3_bucket_server_side_encryption_configuration" "{bucket:id}" {
                  bucket = {bucket}

                  rule {
                    apply_server_side_encryption_by_default {
                      sse_algorithm     = "aws:kms"
                      kms_master_key_id = "<KMS_KEY_ARN>"
                    }
                    bucket_key_enabled = true
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html",
            Effort: Effort.Low),
    };

    protected override IReadOnlyList<ApiCall> BucketReads { get; } = [S3Calls.GetBucketEncryption];

    protected override void EvaluateBucket(OwnBucket bucket, CheckContext context, Verdict verdict)
    {
        if (!TryRead(context.Data.S3().Encryption(bucket.Name), verdict, out var encryption))
            return;
        verdict.Scanned(bucket.Name);
        var description = encryption.DefaultAlgorithm switch
        {
            "aws:kms" or "aws:kms:dsse" => null,
            null => $"Bucket {bucket.Name} has no default encryption configured.",
            var algorithm => $"Bucket {bucket.Name} encrypts new objects with S3-managed keys ({algorithm}) rather than a KMS key.",
        };
        if (description is not null)
            verdict.Fail(bucket.Name, bucket.Region, description, bucket.Slots());
    }
}
