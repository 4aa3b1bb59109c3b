using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>S3 reads. Bucket-level reads are stored under region "global" keyed by bucket name;
/// the transport routes each to the bucket's own region.</summary>
public static partial class S3Calls
{
    public static readonly ApiCall GetCallerIdentity = ApiCall.Global("sts", "GetCallerIdentity");

    /// <summary>The account-level Block Public Access settings (s3control).</summary>
    public static readonly ApiCall GetAccountPublicAccessBlock =
        ApiCall.PerResource(GetCallerIdentity, "s3control", "GetPublicAccessBlock", parent =>
            [Target(AwsIds.GlobalRegion, ("AccountId", parent.AccountId))]);

    public static readonly ApiCall GetTrailBucketPublicAccessBlock = PerTrailBucket("GetPublicAccessBlock");
    public static readonly ApiCall GetTrailBucketLogging = PerTrailBucket("GetBucketLogging");

    private static ApiCall PerTrailBucket(string operation) =>
        ApiCall.PerResource(CloudTrailCalls.DescribeTrails, "s3", operation, parent =>
            Items(parent.Response, "trailList")
                .Select(t => t.Str("S3BucketName"))
                .OfType<string>()
                .Select(bucket => Target(AwsIds.GlobalRegion, ("Bucket", bucket))));
}
