using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Checks.Tests.S3.S3Data;

namespace CloudAudit.Checks.Tests.S3;

public class BucketPublicAccessTests
{
    private static TestAccount Buckets(params (string Name, string? Region)[] buckets) => new TestAccount("us-east-1").WithBuckets(buckets);

    [Fact]
    public void Each_level_may_provide_each_setting()
    {
        var result = Buckets(("combined", "eu-west-1"), ("partial", "eu-central-1"))
            .AccountBlock(AclsOnly)
            .Answer(S3Calls.GetBucketPublicAccessBlock, "combined", PolicyOnly)
            .Answer(S3Calls.GetBucketPublicAccessBlock, "partial", AclsOnly)
            .Run("aws-s3-001");

        var finding = Assert.Single(result.Findings);
        Assert.Equal("partial", finding.ResourceId);
        Assert.Equal("eu-central-1", finding.Region);
        Assert.Contains("BlockPublicPolicy, RestrictPublicBuckets", finding.Description);
        Assert.Contains("aws s3api put-public-access-block --bucket partial \\", finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_s3_bucket_public_access_block\" \"partial\"", finding.Remediation.Terraform);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void A_bucket_without_its_own_configuration_counts_as_all_off()
    {
        var result = Buckets(("legacy", "us-east-1"))
            .AccountBlock(AclsOnly)
            .Error(S3Calls.GetBucketPublicAccessBlock, "legacy", "NoSuchPublicAccessBlockConfiguration")
            .Run("aws-s3-001");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("legacy", Assert.Single(result.Findings).ResourceId);
    }

    [Fact]
    public void The_full_account_block_passes_every_bucket_even_unreadable_ones()
    {
        var result = Buckets(("private", "us-east-1"), ("locked", "us-east-1"))
            .AccountBlock(AllBlocked)
            .DeniedFor(S3Calls.GetBucketPublicAccessBlock, "locked")
            .Run("aws-s3-001");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void A_fully_blocked_bucket_passes_when_the_account_setting_is_unreadable()
    {
        var account = Buckets(("private", "us-east-1")).Answer(S3Calls.GetBucketPublicAccessBlock, "private", AllBlocked);
        account.Denied(S3Calls.GetAccountPublicAccessBlock, "global", Demo.DemoRecorder.Params(("AccountId", TestAccount.Id)));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-s3-001").Status);
    }

    [Fact]
    public void A_denied_bucket_is_a_gap_for_that_bucket_only()
    {
        var result = Buckets(("open", "us-east-1"), ("ml-artifacts", "eu-west-1"))
            .AccountBlock(AclsOnly)
            .Answer(S3Calls.GetBucketPublicAccessBlock, "open", AclsOnly)
            .DeniedFor(S3Calls.GetBucketPublicAccessBlock, "ml-artifacts")
            .Run("aws-s3-001");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("open", Assert.Single(result.Findings).ResourceId);
        Assert.Contains("ml-artifacts", Assert.Single(result.Gaps).Target);
    }

    [Fact]
    public void Only_a_denied_bucket_is_not_assessed()
    {
        var result = Buckets(("ml-artifacts", "eu-west-1"))
            .AccountBlock(AclsOnly)
            .DeniedFor(S3Calls.GetBucketPublicAccessBlock, "ml-artifacts")
            .Run("aws-s3-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void No_buckets_is_not_applicable_and_a_denied_listing_is_not_assessed()
    {
        Assert.Equal(CheckStatus.NotApplicable, Buckets().AccountBlock(AclsOnly).Run("aws-s3-001").Status);
        var denied = new TestAccount("us-east-1").Denied(S3Calls.ListBuckets, "global");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-s3-001").Status);
    }

    [Theory]
    [InlineData("""{"LocationConstraint": null}""", "us-east-1")]
    [InlineData("""{"LocationConstraint": "EU"}""", "eu-west-1")]
    [InlineData("""{"LocationConstraint": "ap-southeast-2"}""", "ap-southeast-2")]
    public void Without_BucketRegion_the_region_comes_from_the_bucket_location(string location, string region)
    {
        var result = Buckets(("old-bucket", null))
            .AccountBlock(AclsOnly)
            .Answer(S3Calls.GetBucketLocation, "old-bucket", location)
            .Answer(S3Calls.GetBucketPublicAccessBlock, "old-bucket", AclsOnly)
            .Run("aws-s3-001");
        Assert.Equal(region, Assert.Single(result.Findings).Region);
    }

    [Fact]
    public void The_location_is_read_only_for_buckets_listed_without_a_region()
    {
        var account = Buckets(("new-bucket", "eu-west-1"), ("old-bucket", null));
        var data = new Inventory.AccountData(account.Inventory);
        var targets = data.TargetsOf(S3Calls.GetBucketLocation).Select(t => t.Target.Parameters!["Bucket"]!.GetValue<string>());
        Assert.Equal(["old-bucket"], targets);
    }

    [Fact]
    public void A_bucket_deleted_after_the_listing_is_skipped()
    {
        var result = Buckets(("gone", "us-east-1"), ("private", "us-east-1"))
            .AccountBlock(AclsOnly)
            .Error(S3Calls.GetBucketPublicAccessBlock, "gone", "NoSuchBucket")
            .Answer(S3Calls.GetBucketPublicAccessBlock, "private", AllBlocked)
            .Run("aws-s3-001");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }
}
