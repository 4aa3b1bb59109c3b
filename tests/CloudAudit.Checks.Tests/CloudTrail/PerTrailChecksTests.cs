using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Checks.Tests.Support.TrailData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.CloudTrail;

public class PerTrailChecksTests
{
    private static TestAccount With(params string[] trails) =>
        new TestAccount("us-east-1").InEveryRegion(CloudTrailCalls.DescribeTrails, List(trails));

    [Fact]
    public void Log_file_validation_fails_only_the_trail_without_it()
    {
        var result = With(Trail("good"), Trail("bad", validation: false)).Run("aws-ct-002");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(Arn("bad"), Assert.Single(result.Findings).ResourceId);
        Assert.Equal(2, result.ResourcesScanned);
        Assert.Contains("aws cloudtrail update-trail --region us-east-1 --name bad --enable-log-file-validation", result.Findings[0].Remediation!.Cli);
    }

    [Fact]
    public void Log_file_validation_passes_when_every_trail_validates()
    {
        Assert.Equal(CheckStatus.Pass, With(Trail("good")).Run("aws-ct-002").Status);
    }

    [Fact]
    public void Per_trail_checks_are_not_assessed_when_the_listing_is_denied()
    {
        var account = new TestAccount("us-east-1").Denied(CloudTrailCalls.DescribeTrails, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ct-002").Status);
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ct-005").Status);
    }

    [Fact]
    public void Per_trail_checks_are_not_applicable_without_trails_and_leave_other_accounts_trails_alone()
    {
        Assert.Equal(CheckStatus.NotApplicable, With().Run("aws-ct-002").Status);
        var orgTrail = With(Trail("org", validation: false, account: "999988887777")).Run("aws-ct-002");
        Assert.Equal(CheckStatus.NotApplicable, orgTrail.Status);
        Assert.Contains("999988887777", orgTrail.Reason);
    }

    [Fact]
    public void Kms_encryption_fails_without_a_key_and_passes_with_one()
    {
        Assert.Equal(CheckStatus.Fail, With(Trail("plain", kms: null)).Run("aws-ct-005").Status);
        Assert.Equal(CheckStatus.Pass, With(Trail("encrypted")).Run("aws-ct-005").Status);
    }

    private static TestAccount WithBucketBlocks(string? bucketBlock, string accountBlock)
    {
        var account = With(Trail("main", bucket: "logs"));
        var target = Params(("Bucket", "logs"));
        if (bucketBlock is null)
            account.Record.Failure(S3Calls.GetTrailBucketPublicAccessBlock, "global", target, ErrorKind.NotFound,
                "NoSuchPublicAccessBlockConfiguration", "not found", 404);
        else
            account.Record.Target(S3Calls.GetTrailBucketPublicAccessBlock, "global", target, bucketBlock);
        account.Record.Target(S3Calls.GetAccountPublicAccessBlock, "global", Params(("AccountId", TestAccount.Id)), accountBlock);
        return account;
    }

    private const string AllBlocked = """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}""";
    private const string AclsOnly = """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}""";
    private const string PolicyOnly = """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}""";

    [Fact]
    public void Trail_bucket_public_access_combines_bucket_and_account_settings()
    {
        Assert.Equal(CheckStatus.Pass, WithBucketBlocks(AllBlocked, AclsOnly).Run("aws-ct-003").Status);
        Assert.Equal(CheckStatus.Pass, WithBucketBlocks(AclsOnly, PolicyOnly).Run("aws-ct-003").Status);
        Assert.Equal(CheckStatus.Fail, WithBucketBlocks(AclsOnly, AclsOnly).Run("aws-ct-003").Status);
        var missing = WithBucketBlocks(null, AclsOnly).Run("aws-ct-003");
        Assert.Equal(CheckStatus.Fail, missing.Status);
        Assert.Contains("put-public-access-block --bucket logs", missing.Findings[0].Remediation!.Cli);
    }

    [Fact]
    public void Trail_bucket_in_another_account_is_not_assessed()
    {
        var account = With(Trail("main", bucket: "central-logs"));
        account.Denied(S3Calls.GetTrailBucketPublicAccessBlock, "global", Params(("Bucket", "central-logs")));
        account.Denied(S3Calls.GetTrailBucketLogging, "global", Params(("Bucket", "central-logs")));
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ct-003").Status);
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ct-004").Status);
    }

    [Fact]
    public void Trail_bucket_access_logging_fails_once_per_shared_bucket()
    {
        var account = With(Trail("a", bucket: "shared"), Trail("b", bucket: "shared"), Trail("c", bucket: "logged"));
        account.Record.Target(S3Calls.GetTrailBucketLogging, "global", Params(("Bucket", "shared")), "{}");
        account.Record.Target(S3Calls.GetTrailBucketLogging, "global", Params(("Bucket", "logged")),
            """{"LoggingEnabled": {"TargetBucket": "access", "TargetPrefix": "x/"}}""");
        var result = account.Run("aws-ct-004");
        Assert.Equal("shared", Assert.Single(result.Findings).ResourceId);
    }
}
