using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>A bucket the account owns, with the region it lives in ("global" when that could not be read).</summary>
public sealed record OwnBucket(S3Bucket Bucket, string Region)
{
    public string Name => Bucket.Name;
    public SlotValues Slots() => new SlotValues().With("bucket", Name);
}

/// <summary>
/// A check of every bucket the account owns. S3 is global: buckets are listed once, whatever the
/// scanned regions, and each finding carries the bucket's own region. A read that fails for one
/// bucket leaves only that bucket unassessed.
/// </summary>
public abstract class PerBucketCheck : Check
{
    public override IReadOnlyList<ApiCall> Reads => [S3Calls.ListBuckets, S3Calls.GetBucketLocation, .. BucketReads];

    protected abstract IReadOnlyList<ApiCall> BucketReads { get; }

    /// <summary>Judges one bucket: calls <c>verdict.Scanned()</c> once it has the data to decide.</summary>
    protected abstract void EvaluateBucket(OwnBucket bucket, CheckContext context, Verdict verdict);

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var s3 = context.Data.S3();
        var listing = s3.Buckets();
        verdict.AddGaps(listing.Gaps);
        if (listing.Complete && listing.Items.Count == 0)
        {
            verdict.NotApplicable("the account has no S3 buckets");
            return;
        }
        foreach (var bucket in listing.Items)
            EvaluateBucket(new OwnBucket(bucket, s3.Region(bucket).Value ?? AwsIds.GlobalRegion), context, verdict);
    }

    /// <summary>The value of a bucket-level read, or false after recording its gap (none for a bucket deleted meanwhile).</summary>
    protected static bool TryRead<T>(Observed<T> read, Verdict verdict, out T value) where T : class
    {
        if (read.TryGet(out value, out var gap))
            return true;
        if (!S3View.IsDeletedBucket(gap))
            verdict.Gap(gap!);
        return false;
    }
}
