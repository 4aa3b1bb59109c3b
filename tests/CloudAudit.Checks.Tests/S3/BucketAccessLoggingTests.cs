using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.S3;

public class BucketAccessLoggingTests
{
    private static string LogsTo(string target) => $$"""{"LoggingEnabled": {"TargetBucket": "{{target}}", "TargetPrefix": "x/"} }""";

    private static TestAccount Estate() => new TestAccount("us-east-1")
        .WithBuckets(("access-logs-us", "us-east-1"), ("lake", "us-east-1"), ("athena", "us-east-1"), ("tfstate", "eu-central-1"))
        .Answer(S3Calls.GetBucketLogging, "access-logs-us", "{}")
        .Answer(S3Calls.GetBucketLogging, "lake", LogsTo("access-logs-us"))
        .Answer(S3Calls.GetBucketLogging, "athena", "{}")
        .Answer(S3Calls.GetBucketLogging, "tfstate", "{}");

    [Fact]
    public void Fails_buckets_without_logging_and_skips_the_log_destination()
    {
        var result = Estate().Run("aws-s3-005");
        Assert.Equal(["athena", "tfstate"], result.Findings.Select(f => f.ResourceId).Order());
        Assert.Equal(3, result.ResourcesScanned);
    }

    [Fact]
    public void The_fix_names_the_accounts_log_bucket_in_the_same_region_or_a_placeholder()
    {
        var result = Estate().Run("aws-s3-005");
        Assert.Contains(
            """aws s3api put-bucket-logging --bucket athena --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"access-logs-us","TargetPrefix":"athena/"}}'""",
            result.For("athena").Remediation!.Cli);
        Assert.Contains("target_bucket = \"access-logs-us\"", result.For("athena").Remediation!.Terraform);
        Assert.Contains("\"TargetBucket\":\"<ACCESS_LOG_BUCKET>\"", result.For("tfstate").Remediation!.Cli);
        Assert.Contains("target_bucket = \"<ACCESS_LOG_BUCKET>\"", result.For("tfstate").Remediation!.Terraform);
    }

    [Fact]
    public void Passes_when_every_bucket_logs()
    {
        var account = new TestAccount().WithBuckets("lake").Answer(S3Calls.GetBucketLogging, "lake", LogsTo("central-logs"));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-s3-005").Status);
    }

    [Fact]
    public void A_denied_read_is_not_assessed()
    {
        var account = new TestAccount().WithBuckets("dev-trail-logs").DeniedFor(S3Calls.GetBucketLogging, "dev-trail-logs");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-s3-005").Status);
    }
}
