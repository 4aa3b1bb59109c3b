using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>
/// Buckets have lifecycle rules for the storage that otherwise grows unseen: noncurrent versions,
/// incomplete multipart uploads, and (without versioning) objects nobody ever moves or expires.
/// One finding per gap; every finding of a bucket carries the same fix, which closes all of them.
/// </summary>
public sealed class BucketLifecycleGaps : PerBucketCheck
{
    /// <summary>Same for every gap: writes the bucket's current rules back and adds one rule that closes all its gaps.</summary>
    private const string MergedRuleCli = """
        # put-bucket-lifecycle-configuration replaces the whole configuration: the JSON holds the bucket's current rules,
        # unchanged, plus rule {rule_id}, which closes every lifecycle gap found on this bucket.
        aws s3api put-bucket-lifecycle-configuration --bucket {bucket} --lifecycle-configuration {lifecycle_configuration}
        """;

    // Declared before the templates that use it: static fields initialize in order.
    private static readonly string AbortBlock = $$"""
            abort_incomplete_multipart_upload {
              days_after_initiation = {{LifecycleHousekeeping.AbortAfterDays}}
            }
        """;

    private static readonly RemediationTemplate ExpireNoncurrentVersions = RuleFix(
        "a versioned bucket keeps noncurrent versions forever", "expire-noncurrent-versions", $$"""
            noncurrent_version_expiration {
              noncurrent_days = {{LifecycleHousekeeping.NoncurrentDays}}
            }
        """);

    private static readonly RemediationTemplate AbortIncompleteUploads = RuleFix(
        "incomplete multipart uploads are never cleaned up", "abort-incomplete-multipart-uploads", AbortBlock);

    private static readonly RemediationTemplate TierAndClean = RuleFix(
        "an unversioned bucket has no lifecycle rule at all", "intelligent-tiering-and-cleanup", $$"""
            transition {
              days          = {{LifecycleHousekeeping.TierAfterDays}}
              storage_class = "INTELLIGENT_TIERING"
            }
        """ + "\n\n" + AbortBlock);

    /// <summary>The CLI that closes all of a bucket's gaps, and a Terraform rule for one gap.</summary>
    private static RemediationTemplate RuleFix(string when, string ruleId, string actions) => new(
        Cli: MergedRuleCli,
        Terraform: $$"""
            # aws_s3_bucket_lifecycle_configuration owns the bucket's whole lifecycle configuration:
            # declare the bucket's existing rules in the same resource.
            resource "aws_s3_bucket_lifecycle_configuration" "{bucket:id}" {
              bucket = {bucket}

              rule {
                id     = "{{ruleId}}"
                status = "Enabled"
                filter {}

            {{actions}}
              }
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html",
        Effort: Effort.Low)
    {
        When = when,
    };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-s3-004",
        Title = "S3 bucket lifecycle rules leave storage growing",
        Service = "S3",
        Severity = Severity.Medium,
        Category = Category.Cost,
        ResourceType = "AWS::S3::Bucket",
        Description = "Reads each bucket's versioning (GetBucketVersioning) and lifecycle rules "
            + "(GetBucketLifecycleConfiguration; NoSuchLifecycleConfiguration means none) and reports, per bucket, each gap "
            + "among enabled rules: a versioned or suspended bucket with no NoncurrentVersionExpiration (MEDIUM); an "
            + "unversioned bucket with no rule at all (LOW); no AbortIncompleteMultipartUpload (LOW, folded into the previous "
            + "gap when the bucket has no rule).",
        Rationale = "S3 bills for what nobody sees: every overwrite of a versioned object keeps the old copy, and parts of "
            + "multipart uploads that never completed stay stored and billed, listed by no console object view. Data "
            + "that is never moved to a cheaper tier or expired is paid for at the Standard rate for as long as the bucket lives.",
        CommonCauses =
        [
            "Versioning was enabled for safety without a rule to expire old versions.",
            "Large uploads from backup tools or pipelines failed part-way and left their parts behind.",
            "Buckets are created by applications or tools that set no lifecycle configuration.",
        ],
        Recommendation = "Add lifecycle rules that expire noncurrent versions after your retention period (the fix uses 90 days), abort incomplete multipart uploads after 7 days, and tier or expire data nobody reads.",
        Remediation = ExpireNoncurrentVersions,
        RemediationVariants = [AbortIncompleteUploads, TierAndClean],
    };

    protected override IReadOnlyList<ApiCall> BucketReads { get; } =
        [S3Calls.GetBucketVersioning, S3Calls.GetBucketLifecycleConfiguration];

    protected override void EvaluateBucket(OwnBucket bucket, CheckContext context, Verdict verdict)
    {
        var s3 = context.Data.S3();
        // Read both before judging, so a bucket with both reads denied reports both gaps.
        var versioningRead = s3.Versioning(bucket.Name);
        var lifecycleRead = s3.Lifecycle(bucket.Name);
        if (!TryRead(versioningRead, verdict, out var versioning) | !TryRead(lifecycleRead, verdict, out var lifecycle))
            return;
        verdict.Scanned(bucket.Name);

        var gaps = LifecycleHousekeeping.GapsOf(versioning, lifecycle);
        if (gaps.Count == 0)
            return;
        var fix = LifecycleHousekeeping.Merge(lifecycle, gaps);
        var slots = bucket.Slots()
            .With("rule_id", fix.RuleId)
            .With("lifecycle_configuration", fix.Configuration);
        foreach (var gap in gaps)
        {
            var (severity, remediation, description) = gap switch
            {
                LifecycleGap.NoncurrentVersions => (Severity.Medium, ExpireNoncurrentVersions,
                    $"Bucket {bucket.Name} is {(versioning.Enabled ? "versioned" : "versioning-suspended")} but no enabled lifecycle rule expires noncurrent versions: every overwritten or deleted object stays billed."),
                LifecycleGap.NoLifecycle => (Severity.Low, TierAndClean,
                    $"Bucket {bucket.Name} has no enabled lifecycle rule: objects are never tiered or expired, and incomplete multipart uploads are never removed."),
                _ => (Severity.Low, AbortIncompleteUploads,
                    $"Bucket {bucket.Name} has no enabled lifecycle rule that aborts incomplete multipart uploads: their parts stay billed."),
            };
            verdict.Fail(bucket.Name, bucket.Region, description, slots, severity: severity, remediation: remediation, discriminator: gap.ToString());
        }
    }
}
