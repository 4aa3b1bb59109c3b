using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>Remediation and wording shared by the S3 checks.</summary>
internal static class S3Fixes
{
    public static readonly RemediationTemplate BucketPublicAccessBlock = new(
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
        Effort: Effort.Low);

    /// <summary>The Block Public Access settings that are off, by their API names.</summary>
    public static IReadOnlyList<string> MissingSettings(PublicAccessBlockConfiguration block)
    {
        var missing = new List<string>();
        if (block.BlockPublicAcls != true) missing.Add("BlockPublicAcls");
        if (block.IgnorePublicAcls != true) missing.Add("IgnorePublicAcls");
        if (block.BlockPublicPolicy != true) missing.Add("BlockPublicPolicy");
        if (block.RestrictPublicBuckets != true) missing.Add("RestrictPublicBuckets");
        return missing;
    }
}
