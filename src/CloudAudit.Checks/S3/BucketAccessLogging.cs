using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>Buckets record server access logs; the buckets that receive those logs are not asked to log themselves.</summary>
public sealed class BucketAccessLogging : PerBucketCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-s3-005",
        Title = "S3 bucket server access logging not enabled",
        Service = "S3",
        Severity = Severity.Medium,
        ResourceType = "AWS::S3::Bucket",
        Description = "Reads each bucket's logging configuration (GetBucketLogging) and fails buckets without "
            + "LoggingEnabled. Buckets that are the destination of another bucket's access logs are skipped: logging them "
            + "into themselves loops and into a further bucket never ends. The fix names an existing log bucket of the same "
            + "region when the account has one.",
        Rationale = "CloudTrail records object-level reads and writes only when data events are enabled, and rarely for "
            + "every bucket. Server access logs are the free, per-bucket record of who read, wrote or deleted which object "
            + "from where: without them, the extent of a leak through a stolen key or a public grant cannot be established.",
        CommonCauses =
        [
            "Logging is off by default and needs a separate destination bucket in the same region.",
            "Buckets created by tools or other teams never got the logging configuration the first buckets have.",
        ],
        Recommendation = "Enable server access logging to a dedicated log bucket in the same region (or record S3 data events in CloudTrail).",
        Remediation = new(
            Cli: """
                # The destination must be in the bucket's region and its policy must let logging.s3.amazonaws.com write to it.
                aws s3api put-bucket-logging --bucket {bucket} --bucket-logging-status {logging_status}
                """,
            Terraform: """
                resource "aws_s3_bucket_logging" "{bucket:id}" {
                  bucket        = {bucket}
                  target_bucket = {target_bucket}
                  target_prefix = {target_prefix}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
            Effort: Effort.Low),
    };

    protected override IReadOnlyList<ApiCall> BucketReads { get; } = [S3Calls.GetBucketLogging];

    protected override void EvaluateBucket(OwnBucket bucket, CheckContext context, Verdict verdict)
    {
        if (!TryRead(context.Data.S3().Logging(bucket.Name), verdict, out var logging))
            return;
        var destinations = LogDestinations.Of(context);
        if (logging.LoggingEnabled is null && destinations.Receives(bucket.Name))
            return;
        verdict.Scanned(bucket.Name);
        if (logging.LoggingEnabled is not null)
            return;
        var target = destinations.InRegion(bucket.Region);
        var prefix = $"{bucket.Name}/";
        var status = new JsonObject
        {
            ["LoggingEnabled"] = new JsonObject { ["TargetBucket"] = target ?? "<ACCESS_LOG_BUCKET>", ["TargetPrefix"] = prefix },
        };
        verdict.Fail(bucket.Name, bucket.Region, $"Bucket {bucket.Name} does not record server access logs.",
            bucket.Slots()
                .With("logging_status", CliFix.Json(status))
                .With("target_bucket", target is null ? new SlotValue.Placeholder("ACCESS_LOG_BUCKET") : target)
                .With("target_prefix", prefix));
    }

    /// <summary>The buckets that receive this account's access logs, read once per account.</summary>
    private sealed class LogDestinations
    {
        private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _regions = new(StringComparer.Ordinal);

        public static LogDestinations Of(CheckContext context) => context.Shared(Build);

        private static LogDestinations Build(CheckContext context)
        {
            var s3 = context.Data.S3();
            var destinations = new LogDestinations();
            var buckets = s3.Buckets().Items;
            foreach (var bucket in buckets)
            {
                destinations._regions[bucket.Name] = s3.Region(bucket).Value ?? "";
                if (s3.Logging(bucket.Name).Value?.LoggingEnabled?.TargetBucket is { Length: > 0 } target)
                    destinations._uses[target] = destinations._uses.GetValueOrDefault(target) + 1;
            }
            return destinations;
        }

        public bool Receives(string bucket) => _uses.ContainsKey(bucket);

        /// <summary>The account's most used log destination in a region (S3 delivers only within a region).</summary>
        public string? InRegion(string region) => _uses
            .Where(u => _regions.GetValueOrDefault(u.Key) == region)
            .OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => u.Key).FirstOrDefault();
    }
}
