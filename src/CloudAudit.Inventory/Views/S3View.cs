using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record PublicAccessBlockConfiguration(bool? BlockPublicAcls, bool? IgnorePublicAcls, bool? BlockPublicPolicy, bool? RestrictPublicBuckets)
{
    public bool All => BlockPublicAcls == true && IgnorePublicAcls == true && BlockPublicPolicy == true && RestrictPublicBuckets == true;

    /// <summary>The effective settings when the account-level and bucket-level blocks combine (either one blocks).</summary>
    public PublicAccessBlockConfiguration Or(PublicAccessBlockConfiguration? other) => other is null ? this : new(
        BlockPublicAcls == true || other.BlockPublicAcls == true,
        IgnorePublicAcls == true || other.IgnorePublicAcls == true,
        BlockPublicPolicy == true || other.BlockPublicPolicy == true,
        RestrictPublicBuckets == true || other.RestrictPublicBuckets == true);

    public static readonly PublicAccessBlockConfiguration None = new(false, false, false, false);
}

public sealed record PublicAccessBlockResponse(PublicAccessBlockConfiguration? PublicAccessBlockConfiguration);

public sealed record LoggingEnabled(string? TargetBucket, string? TargetPrefix);
public sealed record BucketLoggingResponse(LoggingEnabled? LoggingEnabled);

/// <summary>S3 as the CloudTrail checks see it (the trail buckets and account-level block).</summary>
public sealed partial class S3View(AccountData data)
{
    /// <summary>The account-level Block Public Access; "not configured" reads as all-off.</summary>
    public Observed<PublicAccessBlockConfiguration> AccountPublicAccessBlock() =>
        PublicAccessBlock(data.ForTarget(S3Calls.GetAccountPublicAccessBlock,
            Target(AwsIds.GlobalRegion, ("AccountId", data.AccountId))));

    /// <summary>A bucket's own Block Public Access; "not configured" reads as all-off.</summary>
    public Observed<PublicAccessBlockConfiguration> TrailBucketPublicAccessBlock(string bucket) =>
        PublicAccessBlock(data.ForTarget(S3Calls.GetTrailBucketPublicAccessBlock, Target(AwsIds.GlobalRegion, ("Bucket", bucket))));

    public Observed<BucketLoggingResponse> TrailBucketLogging(string bucket) =>
        ViewJson.Read(data.ForTarget(S3Calls.GetTrailBucketLogging, Target(AwsIds.GlobalRegion, ("Bucket", bucket))),
            S3TrailBucketJson.Default.BucketLoggingResponse);

    private static Observed<PublicAccessBlockConfiguration> PublicAccessBlock(ApiResult result)
    {
        if (result.Gap is { Code: "NoSuchPublicAccessBlockConfiguration" })
            return Observed<PublicAccessBlockConfiguration>.Of(PublicAccessBlockConfiguration.None);
        var read = ViewJson.Read(result, S3TrailBucketJson.Default.PublicAccessBlockResponse);
        return read.TryGet(out var response, out var gap)
            ? Observed<PublicAccessBlockConfiguration>.Of(response.PublicAccessBlockConfiguration ?? PublicAccessBlockConfiguration.None)
            : Observed<PublicAccessBlockConfiguration>.Missing(gap!);
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PublicAccessBlockResponse))]
[JsonSerializable(typeof(BucketLoggingResponse))]
internal sealed partial class S3TrailBucketJson : JsonSerializerContext;
