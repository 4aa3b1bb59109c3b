using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.S3;

/// <summary>CIS "S3 bucket policy is set to deny HTTP requests", decided by evaluating the policy.</summary>
public sealed class BucketPolicyDeniesHttp : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-s3-006",
        Title = "S3 bucket policy does not deny requests without TLS",
        Service = "S3",
        Severity = Severity.Medium,
        ResourceType = "AWS::S3::Bucket",
        Description = "Reads every bucket's policy and evaluates it with the IAM policy engine for each S3 bucket and "
            + "object action, made with aws:SecureTransport false by a caller of the account, of another account and "
            + "anonymously. The bucket passes only when each such request meets an explicit Deny the caller cannot escape "
            + "by choosing other condition values; how the Deny is written (Bool or BoolIfExists, s3:* or a list, one "
            + "statement or several) does not matter. A bucket without a policy fails, as in the CIS audit.",
        Rationale = "Without a Deny on plain HTTP, a misconfigured client, an old SDK or a downgrade by someone on the "
            + "network path can read or write objects unencrypted in transit, exposing data and the request signatures "
            + "around it. The bucket policy is the one place that enforces TLS for every caller, including other "
            + "accounts and presigned URLs.",
        CommonCauses =
        [
            "The bucket was created without a bucket policy, relying on clients using HTTPS by default.",
            "A bucket policy was written for access grants only and the TLS statement was never added.",
            "The Deny covers s3:GetObject but not writes or bucket-level actions.",
        ],
        Recommendation = "Add a statement that denies s3:* on the bucket and its objects when aws:SecureTransport is false.",
        Remediation = new RemediationTemplate(
            Cli: """
                # The bucket's current policy (if any) plus a statement denying requests made without TLS.
                aws s3api put-bucket-policy --bucket {bucket} --policy {policy}
                """,
            Terraform: """
                resource "aws_s3_bucket_policy" "{bucket:id}" {
                  bucket = {bucket}
                  policy = {policy}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v14: "2.1.2", v3: "2.1.1", v5: "2.1.1"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [ResourcePolicyCalls.ListBuckets, ResourcePolicyCalls.GetBucketPolicy];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var buckets = context.Data.ResourcePolicies().BucketPolicies();
        verdict.AddGaps(buckets.Gaps);
        var cache = context.Policies();
        foreach (var bucket in buckets.Items)
        {
            PolicyDocument? policy = null;
            if (bucket.PolicyText is { } text)
            {
                var parsed = cache.Get(text, PolicyKind.Resource, bucket.ResourceArn);
                if (!parsed.TryGet(out policy))
                {
                    verdict.Gap(DataGap.UnreadablePolicy(bucket.Region, "s3", "GetBucketPolicy", bucket.ResourceArn, parsed.Error!));
                    continue;
                }
            }
            verdict.Scanned(bucket.ResourceArn);
            var tls = BucketPolicyAnalysis.DeniesInsecureTransport(policy, bucket.Name, context.AccountId, context.Partition);
            if (tls.DeniesInsecureTransport) continue;
            var why = policy is null
                ? "has no bucket policy, so nothing denies requests made over plain HTTP"
                : $"has a policy that does not deny every request made without TLS ({tls.FirstUndeniedAction} over HTTP is not denied)";
            verdict.Fail(bucket.ResourceArn, bucket.Region, $"Bucket {bucket.Name} {why}.",
                new SlotValues().With("bucket", bucket.Name).With("policy", WithTlsDeny(bucket.PolicyText, bucket.ResourceArn)));
        }
        if (verdict.ResourcesScanned == 0 && verdict.Gaps.Count == 0)
            verdict.NotApplicable("the account has no S3 bucket");
    }

    /// <summary>The existing policy (or a new one) with a statement denying every S3 action without TLS.</summary>
    internal static string WithTlsDeny(string? existing, string bucketArn) =>
        (existing is null ? PolicyJson.Empty() : PolicyJson.Load(existing)).Append(new JsonObject
        {
            ["Sid"] = "DenyInsecureTransport",
            ["Effect"] = "Deny",
            ["Principal"] = "*",
            ["Action"] = "s3:*",
            ["Resource"] = new JsonArray(bucketArn, $"{bucketArn}/*"),
            ["Condition"] = new JsonObject { ["Bool"] = new JsonObject { ["aws:SecureTransport"] = "false" } },
        }).ToString();
}
