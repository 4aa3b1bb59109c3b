using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// Reads of every bucket the account owns. ListBuckets runs once (S3 is global); each bucket's
/// settings are read per bucket under region "global", keyed by bucket name, as the trail-bucket
/// reads are, so a trail bucket's settings are collected once for both.
/// </summary>
public static partial class S3Calls
{
    public static readonly ApiCall ListBuckets = ApiCall.Global("s3", "ListBuckets");

    /// <summary>Only for buckets the listing gave no BucketRegion (older endpoints and partitions omit it).</summary>
    public static readonly ApiCall GetBucketLocation =
        ApiCall.PerResource(ListBuckets, "s3", "GetBucketLocation", parent =>
            ListedBuckets(parent).Where(b => b.Region is null).Select(b => BucketTarget(b.Name)));

    public static readonly ApiCall GetBucketPublicAccessBlock = PerBucket("GetPublicAccessBlock");
    public static readonly ApiCall GetBucketEncryption = PerBucket("GetBucketEncryption");
    public static readonly ApiCall GetBucketVersioning = PerBucket("GetBucketVersioning");
    public static readonly ApiCall GetBucketLifecycleConfiguration = PerBucket("GetBucketLifecycleConfiguration");
    public static readonly ApiCall GetBucketLogging = PerBucket("GetBucketLogging");

    /// <summary>The request for one bucket-level read.</summary>
    public static CallTarget BucketTarget(string bucket) => Target(AwsIds.GlobalRegion, ("Bucket", bucket));

    private static ApiCall PerBucket(string operation) =>
        ApiCall.PerResource(ListBuckets, "s3", operation, parent =>
            ListedBuckets(parent).Select(b => BucketTarget(b.Name)));

    private static IEnumerable<(string Name, string? Region)> ListedBuckets(ParentResponse parent) =>
        Items(parent.Response, "Buckets")
            .Select(b => (Name: b.Str("Name"), Region: b.Str("BucketRegion")))
            .Where(b => !string.IsNullOrEmpty(b.Name))
            .Select(b => (b.Name!, string.IsNullOrEmpty(b.Region) ? null : b.Region));
}
