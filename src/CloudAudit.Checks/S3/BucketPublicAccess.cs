using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>CIS 2.1.4: every bucket is covered by all four Block Public Access settings, from the bucket or the account.</summary>
public sealed class BucketPublicAccess : PerBucketCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-s3-001",
        Title = "S3 bucket not fully protected by Block Public Access",
        Service = "S3",
        Severity = Severity.High,
        ResourceType = "AWS::S3::Bucket",
        Description = "For every bucket the account owns, combines the bucket's Block Public Access settings "
            + "(GetPublicAccessBlock) with the account's (s3control GetPublicAccessBlock): each of the four settings is in "
            + "effect when either level turns it on. Fails a bucket unless all four are in effect. A bucket without its own "
            + "configuration counts as all-off at bucket level.",
        Rationale = "Block Public Access is the backstop against the two ways data leaks from S3: a bucket policy or ACL "
            + "that grants access to everyone. With all four settings on, a mistaken policy, an object uploaded with a "
            + "public-read ACL or a copied Terraform module cannot publish the bucket's contents; without them, one bad "
            + "grant exposes every object to the internet.",
        CommonCauses =
        [
            "The bucket was created before Block Public Access existed or before it became the default for new buckets (April 2023).",
            "A static website is served straight from S3, which needs public reads; CloudFront with origin access control does not.",
            "Settings were switched off to share objects with a partner instead of granting the partner's account.",
            "Account-level Block Public Access was never enabled, so nothing covers buckets whose own settings are off.",
        ],
        Recommendation = "Turn on all four Block Public Access settings for the bucket, or for the whole account (aws-s3-008).",
        Remediation = S3Fixes.BucketPublicAccessBlock,
        Compliance = Cis.Refs(v3: "2.1.4", v5: "2.1.4"),
    };

    protected override IReadOnlyList<ApiCall> BucketReads { get; } =
        [S3Calls.GetBucketPublicAccessBlock, S3Calls.GetAccountPublicAccessBlock];

    protected override void EvaluateBucket(OwnBucket bucket, CheckContext context, Verdict verdict)
    {
        var s3 = context.Data.S3();
        var account = s3.AccountPublicAccessBlock();
        // The account-level block alone is enough; the bucket's own settings only matter without it.
        if (account.Value is { All: true })
        {
            verdict.Scanned(bucket.Name);
            return;
        }
        if (!TryRead(s3.BucketPublicAccessBlock(bucket.Name), verdict, out var own))
            return;
        if (own.All)
        {
            verdict.Scanned(bucket.Name);
            return;
        }
        if (!account.TryGet(out var accountBlock, out var accountGap))
        {
            verdict.Gap(accountGap!);
            return;
        }
        verdict.Scanned(bucket.Name);
        var effective = own.Or(accountBlock);
        if (!effective.All)
            verdict.Fail(bucket.Name, bucket.Region,
                $"Bucket {bucket.Name} is not covered by {string.Join(", ", S3Fixes.MissingSettings(effective))} at either the bucket or the account level.",
                bucket.Slots());
    }
}
