using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>CIS 2.1.2: MFA Delete is enabled on buckets.</summary>
public sealed class BucketMfaDelete : PerBucketCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-s3-007",
        Title = "S3 bucket MFA Delete not enabled",
        Service = "S3",
        Severity = Severity.Low,
        ResourceType = "AWS::S3::Bucket",
        Description = "Reads each bucket's versioning configuration (GetBucketVersioning) and fails buckets whose MFADelete "
            + "is not Enabled, including buckets without versioning, which MFA Delete requires.",
        Rationale = "Versioning protects against overwrites, but anyone with s3:DeleteObjectVersion or "
            + "s3:PutBucketVersioning can still purge every version or suspend versioning first. With MFA Delete, both "
            + "need the root user's MFA code, so stolen administrator credentials cannot erase the bucket's history.",
        CommonCauses =
        [
            "MFA Delete can be turned on only by the root user through the CLI or API, never in the console or by an IAM role.",
            "Teams rely on S3 Object Lock or AWS Backup for immutability instead.",
        ],
        Recommendation = "Have the root user enable MFA Delete on buckets whose versions must survive a compromised administrator, or protect them with S3 Object Lock.",
        Remediation = new(
            Cli: """
                # Only the root user can enable MFA Delete, with its own MFA device: run this with root credentials
                # (delete any root access key created for it right afterwards). --mfa takes one word: the root MFA
                # device's serial number (its ARN for a virtual device), a space and the device's current code.
                aws s3api put-bucket-versioning --bucket {bucket} \
                  --versioning-configuration Status=Enabled,MFADelete=Enabled \
                  --mfa '<ROOT_MFA_SERIAL_AND_CODE>'
                """,
            Terraform: """
                # Applies only with the root user's credentials; mfa is the root MFA device's serial number, a space and a current code.
                resource "aws_s3_bucket_versioning" "{bucket:id}" {
                  bucket = {bucket}
                  mfa    = "<ROOT_MFA_SERIAL_AND_CODE>"

                  versioning_configuration {
                    status     = "Enabled"
                    mfa_delete = "Enabled"
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html",
            Effort: Effort.Medium),
        Compliance = Cis.Refs(v3: "2.1.2", v5: "2.1.2"),
    };

    protected override IReadOnlyList<ApiCall> BucketReads { get; } = [S3Calls.GetBucketVersioning];

    protected override void EvaluateBucket(OwnBucket bucket, CheckContext context, Verdict verdict)
    {
        if (!TryRead(context.Data.S3().Versioning(bucket.Name), verdict, out var versioning))
            return;
        verdict.Scanned(bucket.Name);
        if (!versioning.MfaDeleteEnabled)
            verdict.Fail(bucket.Name, bucket.Region, versioning.Enabled
                    ? $"Bucket {bucket.Name} is versioned but MFA Delete is off: versions can be purged without the root user's MFA."
                    : $"Bucket {bucket.Name} has neither versioning nor MFA Delete.",
                bucket.Slots());
    }
}
