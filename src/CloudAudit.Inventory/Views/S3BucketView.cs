using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record S3Bucket(string Name, string? CreationDate, string? BucketRegion);

public sealed record ListBucketsResponse(List<S3Bucket>? Buckets);

public sealed record BucketLocationResponse(string? LocationConstraint);

public sealed record BucketVersioning(string? Status, string? MFADelete)
{
    public bool Enabled => Status == "Enabled";
    /// <summary>Enabled now or once (suspended): the bucket may hold noncurrent versions.</summary>
    public bool HoldsVersions => Status is "Enabled" or "Suspended";
    public bool MfaDeleteEnabled => MFADelete == "Enabled";
}

public sealed record ServerSideEncryptionByDefault(string? SSEAlgorithm, string? KMSMasterKeyID);
public sealed record ServerSideEncryptionRule(ServerSideEncryptionByDefault? ApplyServerSideEncryptionByDefault, bool? BucketKeyEnabled);
public sealed record ServerSideEncryptionConfiguration(List<ServerSideEncryptionRule>? Rules);

public sealed record BucketEncryptionResponse(ServerSideEncryptionConfiguration? ServerSideEncryptionConfiguration)
{
    /// <summary>The default algorithm (AES256, aws:kms, aws:kms:dsse); null when the bucket has no default encryption.</summary>
    public string? DefaultAlgorithm => ServerSideEncryptionConfiguration?.Rules?
        .Select(r => r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).FirstOrDefault(a => a is not null);

    public static readonly BucketEncryptionResponse NotConfigured = new(ServerSideEncryptionConfiguration: null);
}

public sealed record NoncurrentVersionExpiration(int? NoncurrentDays, int? NewerNoncurrentVersions);
public sealed record AbortIncompleteMultipartUpload(int? DaysAfterInitiation);

public sealed record LifecycleRule(
    string? ID,
    string? Status,
    string? Prefix,
    JsonObject? Filter,
    NoncurrentVersionExpiration? NoncurrentVersionExpiration,
    AbortIncompleteMultipartUpload? AbortIncompleteMultipartUpload)
{
    public bool Enabled => Status == "Enabled";
}

public sealed record LifecycleResponse(List<LifecycleRule>? Rules);

/// <summary>A bucket's lifecycle rules, typed, and as stored (to write them back unchanged beside a new rule).</summary>
public sealed record BucketLifecycle(IReadOnlyList<LifecycleRule> Rules, JsonArray StoredRules)
{
    public IEnumerable<LifecycleRule> EnabledRules => Rules.Where(r => r.Enabled);
    public static BucketLifecycle None => new([], []);
}

/// <summary>Every bucket of the account and its settings.</summary>
public sealed partial class S3View
{
    public Gathered<S3Bucket> Buckets()
    {
        var read = ViewJson.Read(data.Global(S3Calls.ListBuckets), S3BucketJson.Default.ListBucketsResponse);
        return read.TryGet(out var response, out var gap)
            ? new Gathered<S3Bucket>((response.Buckets ?? []).OrderBy(b => b.Name, StringComparer.Ordinal).ToList(), [])
            : new Gathered<S3Bucket>([], [gap!]);
    }

    /// <summary>The region the bucket lives in: BucketRegion from the listing, else GetBucketLocation.</summary>
    public Observed<string> Region(S3Bucket bucket)
    {
        if (!string.IsNullOrEmpty(bucket.BucketRegion))
            return Observed<string>.Of(bucket.BucketRegion);
        var read = ViewJson.Read(data.ForTarget(S3Calls.GetBucketLocation, S3Calls.BucketTarget(bucket.Name)),
            S3BucketJson.Default.BucketLocationResponse);
        if (!read.TryGet(out var location, out var gap))
            return Observed<string>.Missing(gap!);
        // Buckets of us-east-1 answer with no constraint; the oldest Ireland buckets answer "EU".
        return Observed<string>.Of(location.LocationConstraint switch
        {
            null or "" => "us-east-1",
            "EU" => "eu-west-1",
            var region => region,
        });
    }

    /// <summary>A bucket's own Block Public Access; "not configured" reads as all-off.</summary>
    public Observed<PublicAccessBlockConfiguration> BucketPublicAccessBlock(string bucket) =>
        PublicAccessBlock(data.ForTarget(S3Calls.GetBucketPublicAccessBlock, S3Calls.BucketTarget(bucket)));

    /// <summary>The default encryption; "no configuration" is an answer (no default encryption).</summary>
    public Observed<BucketEncryptionResponse> Encryption(string bucket)
    {
        var result = data.ForTarget(S3Calls.GetBucketEncryption, S3Calls.BucketTarget(bucket));
        return result.Gap is { Code: "ServerSideEncryptionConfigurationNotFoundError" }
            ? Observed<BucketEncryptionResponse>.Of(BucketEncryptionResponse.NotConfigured)
            : ViewJson.Read(result, S3BucketJson.Default.BucketEncryptionResponse);
    }

    /// <summary>Versioning and MFA Delete; a bucket never versioned answers with neither member.</summary>
    public Observed<BucketVersioning> Versioning(string bucket) =>
        ViewJson.Read(data.ForTarget(S3Calls.GetBucketVersioning, S3Calls.BucketTarget(bucket)), S3BucketJson.Default.BucketVersioning);

    /// <summary>The lifecycle rules; "no configuration" is an answer (no rules).</summary>
    public Observed<BucketLifecycle> Lifecycle(string bucket)
    {
        var result = data.ForTarget(S3Calls.GetBucketLifecycleConfiguration, S3Calls.BucketTarget(bucket));
        if (result.Gap is { Code: "NoSuchLifecycleConfiguration" })
            return Observed<BucketLifecycle>.Of(BucketLifecycle.None);
        var read = ViewJson.Read(result, S3BucketJson.Default.LifecycleResponse);
        if (!read.TryGet(out var response, out var gap))
            return Observed<BucketLifecycle>.Missing(gap!);
        var stored = result.Response!["Rules"] is JsonArray rules ? rules.DeepClone().AsArray() : [];
        return Observed<BucketLifecycle>.Of(new BucketLifecycle(response.Rules ?? [], stored));
    }

    public Observed<BucketLoggingResponse> Logging(string bucket) =>
        ViewJson.Read(data.ForTarget(S3Calls.GetBucketLogging, S3Calls.BucketTarget(bucket)), S3TrailBucketJson.Default.BucketLoggingResponse);

    /// <summary>The bucket was deleted between the listing and this read: nothing left to judge.</summary>
    public static bool IsDeletedBucket(DataGap? gap) => gap?.Code == "NoSuchBucket";
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListBucketsResponse))]
[JsonSerializable(typeof(BucketLocationResponse))]
[JsonSerializable(typeof(BucketVersioning))]
[JsonSerializable(typeof(BucketEncryptionResponse))]
[JsonSerializable(typeof(LifecycleResponse))]
internal sealed partial class S3BucketJson : JsonSerializerContext;
